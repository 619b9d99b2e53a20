// The printing rule for names is the server's own (one rule for the chat and the app); the app uses it for
// the live preview, and the server checks again when issuing.
export { checkCertificateName, CERTIFICATE_NAME_MAX } from "../../../bot-server/src/learning/certificate-name";
export { certifiesLine, lessonsPassedLine } from "../../../bot-server/src/learning/certificate-wording";
