import { useNavigate } from "zmp-ui";
import { GoButton } from "../ui/go-button";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { useCertificate } from "./api";
import { CertificateNameForm } from "./name-form";

/** Right after a pass: ask the name to print (the certificate is issued once it is confirmed), then show it. */
export function CertificateAfterPass() {
  const [state, retry] = useCertificate("network-first");
  const navigate = useNavigate();
  if (state.status === "loading") return <Loading what="giấy chứng nhận" />;
  if (state.status === "error") return <LoadError error={state.error} onRetry={retry} />;
  const { certificate, awaitingName } = state.data;
  // The copy kept from before this test knows nothing of the pass: it would lead to "no certificate yet".
  if (state.staleBecause !== undefined && !certificate) return <LoadError error={state.staleBecause} onRetry={retry} />;
  if (certificate || !awaitingName) return <GoButton to="/certificate">Xem giấy chứng nhận</GoButton>;
  return (
    <CertificateNameForm awaiting={awaitingName} onIssued={() => navigate("/certificate")} />
  );
}
