import { useEffect, useState } from "react";
import { useCertificate } from "../certificate/api";
import { vietnameseDate } from "../certificate/format";
import { certificatePng } from "../certificate/image";
import { certifiesLine, lessonsPassedLine } from "../certificate/name";
import { CertificateNameForm } from "../certificate/name-form";
import { qrDataUrl } from "../certificate/qr";
import { platform } from "../platform";
import type { Certificate } from "../progress/schemas";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";
import { useInAppLinks } from "../ui/use-in-app-links";

const SHARE_NOTE = {
  shared: "",
  copied: "Đã chép đường link kiểm tra. Bạn dán vào tin nhắn để gửi nhé.",
  unavailable: "Chưa chia sẻ được. Bạn có thể cho người khác quét mã QR ở trên.",
} as const;

function CertificateCard({ cert }: { cert: Certificate }) {
  const onLinkClick = useInAppLinks();
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
      title: "Giấy chứng nhận Kỹ Năng Số",
      text: `${cert.name} ${certifiesLine(cert.lessons)}. Kiểm tra giấy chứng nhận tại:`,
      url: cert.checkUrl,
    });
    setNote(SHARE_NOTE[outcome]);
  };

  const save = async () => {
    const png = qr ? await certificatePng(cert, qr) : null;
    const saved = png !== null && (await (await platform()).saveImage(png, `chung-nhan-${cert.code}.png`));
    setNote(saved ? "Đã lưu ảnh giấy chứng nhận." : "Chưa lưu được ảnh. Bạn có thể chụp màn hình trang này.");
  };

  return (
    <>
      <section className="certificate card" aria-label="Giấy chứng nhận">
        <p className="cert-kicker">Giấy chứng nhận Kỹ Năng Số</p>
        <p className="cert-name">{cert.name}</p>
        <p className="cert-certifies">{certifiesLine(cert.lessons)}</p>
        <dl className="cert-facts">
          <dt>Ngày cấp</dt>
          <dd>{vietnameseDate(cert.issuedAt)}</dd>
          <dt>Điểm bài thi cuối khóa</dt>
          <dd>
            {cert.score}/{cert.total}
          </dd>
          <dt>Bài kiểm tra đã đạt</dt>
          <dd>{lessonsPassedLine(cert.lessons)}</dd>
          <dt>Mã giấy chứng nhận</dt>
          <dd className="cert-code">{cert.code}</dd>
        </dl>
        {qr && <img className="cert-qr" src={qr} alt="Mã QR mở trang kiểm tra giấy chứng nhận" />}
        {/* Inside Zalo a plain link would replace the app with the check page: it opens in Zalo's web view. */}
        <p className="cert-url" onClick={onLinkClick}>
          Kiểm tra tại: <a href={cert.checkUrl}>{cert.checkUrl}</a>
        </p>
      </section>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void share()}>
          Chia sẻ qua Zalo
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void save()}>
          Lưu ảnh giấy chứng nhận
        </button>
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
  const [state, retry] = useCertificate();
  const [issued, setIssued] = useState<Certificate | null>(null);
  const cert = issued ?? (state.status === "ready" ? state.data.certificate : null);
  const awaiting = state.status === "ready" && !cert ? state.data.awaitingName : null;
  return (
    <Screen title="Giấy chứng nhận của bạn" back="/">
      {state.status === "loading" && <Loading what="giấy chứng nhận" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} />}
      {cert && <CertificateCard cert={cert} />}
      {awaiting && <CertificateNameForm awaiting={awaiting} onIssued={setIssued} />}
      {state.status === "ready" && !cert && !awaiting && (
        <div>
          <p>Bạn chưa có giấy chứng nhận. Hãy học 12 bài rồi làm bài thi cuối khóa: đúng từ 16/20 câu là bạn nhận được giấy chứng nhận.</p>
          <GoButton to="/final-test">Làm bài thi cuối khóa</GoButton>
          <GoButton to="/lessons" kind="secondary">
            Xem 12 bài học
          </GoButton>
        </div>
      )}
    </Screen>
  );
}
export default CertificatePage;
