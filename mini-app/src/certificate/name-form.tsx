import { useId, useState } from "react";
import type { Certificate } from "../progress/schemas";
import { errorText } from "../ui/error-text";
import { useSettled } from "../ui/use-settled";
import { issueCertificate, type CertificateState } from "./api";
import { checkCertificateName, CERTIFICATE_NAME_MAX } from "./name";

/**
 * After a pass: the name to print, shown as it will be printed while the person types ("trần thị hoa" →
 * "Trần Thị Hoa"), and issued only when they confirm it. The consent texts promise what this says: the name
 * is printed and shown on the public check page.
 */
const PREVIEW_LABEL = "Tên in trên giấy chứng nhận: ";

export function CertificateNameForm({
  awaiting: { suggestedName, score, total },
  onIssued,
}: {
  awaiting: NonNullable<CertificateState["awaitingName"]>;
  onIssued: (certificate: Certificate) => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState(suggestedName ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = checkCertificateName(typed);
  const previewText = checked.ok ? `${PREVIEW_LABEL}${checked.name}` : typed.trim() !== "" ? checked.message : "";
  // Shown at once; announced once the person pauses (600 ms), not on every keystroke.
  const announced = useSettled(previewText, 600);
  const confirm = async () => {
    if (!checked.ok) return;
    setBusy(true);
    setError(null);
    try {
      onIssued(await issueCertificate(checked.name));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <section className="card cert-name-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Tên in trên giấy chứng nhận</h2>
      <p>
        Bạn đã đạt bài thi cuối khóa ({score}/{total} câu). Bạn gõ họ và tên muốn in trên giấy chứng nhận, rồi xem lại cho đúng.
      </p>
      <p>Tên này được in trên giấy chứng nhận và hiện trên trang kiểm tra công khai: ai có mã hoặc đường link đều xem được. Đã in thì tên không đổi được nữa.</p>
      <label className="field">
        Họ và tên
        <input
          type="text"
          value={typed}
          maxLength={CERTIFICATE_NAME_MAX + 20}
          autoComplete="name"
          autoCapitalize="words"
          aria-describedby={`${id}-preview`}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <p id={`${id}-preview`} className={checked.ok ? "name-preview" : "name-preview name-problem"}>
        {checked.ok ? (
          <>
            {PREVIEW_LABEL}
            <strong>{checked.name}</strong>
          </>
        ) : (
          previewText
        )}
      </p>
      <p className="sr-only" aria-live="polite" data-testid="name-announcement">
        {announced}
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="btn btn-primary" disabled={!checked.ok || busy} onClick={() => void confirm()}>
        Đúng tên này, nhận giấy chứng nhận
      </button>
    </section>
  );
}
