import { useEffect, useState } from "react";
import { useCertificate } from "../certificate/api";
import { vietnameseDate } from "../certificate/format";
import { certificatePng } from "../certificate/image";
import { qrDataUrl } from "../certificate/qr";
import { platform } from "../platform";
import type { Certificate } from "../progress/schemas";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";

const SHARE_NOTE = {
  shared: "",
  copied: "Đã chép đường dẫn kiểm tra. Bạn dán vào tin nhắn để gửi nhé.",
  unavailable: "Chưa chia sẻ được. Bạn có thể cho người khác quét mã QR ở trên.",
} as const;

function CertificateCard({ cert }: { cert: Certificate }) {
  const [qr, setQr] = useState<string | null>(null);
  const [note, setNote] = useState("");
  useEffect(() => {
    let live = true;
    qrDataUrl(cert).then(
      (src) => live && setQr(src),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [cert]);

  const share = async () => {
    const outcome = await (await platform()).share({
      title: "Chứng nhận Kỹ Năng Số",
      text: `${cert.name} đã hoàn thành khóa học Kỹ Năng Số. Kiểm tra chứng nhận tại:`,
      url: cert.checkUrl,
    });
    setNote(SHARE_NOTE[outcome]);
  };

  const save = async () => {
    const png = qr ? await certificatePng(cert, qr) : null;
    const saved = png !== null && (await (await platform()).saveImage(png, `chung-nhan-${cert.code}.png`));
    setNote(saved ? "Đã lưu ảnh chứng nhận." : "Chưa lưu được ảnh. Bạn có thể chụp màn hình trang này.");
  };

  return (
    <>
      <section className="certificate card" aria-label="Chứng nhận">
        <p className="cert-kicker">Chứng nhận hoàn thành khóa học Kỹ Năng Số</p>
        <p className="cert-name">{cert.name}</p>
        <dl className="cert-facts">
          <dt>Ngày cấp</dt>
          <dd>{vietnameseDate(cert.issuedAt)}</dd>
          <dt>Điểm bài kiểm tra</dt>
          <dd>
            {cert.score}/{cert.total}
          </dd>
          <dt>Mã chứng nhận</dt>
          <dd className="cert-code">{cert.code}</dd>
        </dl>
        {qr && <img className="cert-qr" src={qr} alt="Mã QR mở trang kiểm tra chứng nhận" />}
        <p className="cert-url">
          Kiểm tra tại: <a href={cert.checkUrl}>{cert.checkUrl}</a>
        </p>
      </section>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void share()}>
          Chia sẻ qua Zalo
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void save()}>
          Lưu ảnh chứng nhận
        </button>
        <GoButton to="/settings" kind="secondary">
          Sửa tên trên chứng nhận
        </GoButton>
        {note && (
          <p className="notice" role="status">
            {note}
          </p>
        )}
      </div>
    </>
  );
}

function CertificatePage() {
  const [cert, retry] = useCertificate();
  return (
    <Screen title="Chứng nhận của bạn" back="/">
      {cert.status === "loading" && <Loading what="chứng nhận" />}
      {cert.status === "error" && <LoadError error={cert.error} onRetry={retry} />}
      {cert.status === "ready" && cert.data && <CertificateCard cert={cert.data} />}
      {cert.status === "ready" && !cert.data && (
        <div>
          <p>Bạn chưa có chứng nhận. Hãy học 12 bài rồi làm bài kiểm tra cuối khóa: đúng từ 16/20 câu là bạn nhận được chứng nhận.</p>
          <GoButton to="/final-test">Làm bài kiểm tra cuối khóa</GoButton>
          <GoButton to="/lessons" kind="secondary">
            Xem 12 bài học
          </GoButton>
        </div>
      )}
    </Screen>
  );
}
export default CertificatePage;
