import type { Certificate } from "../progress/schemas";
import { svgUrl } from "../ui/svg-url";

/**
 * The QR code for the check page as an image URL: the server's own `qrSvg` when it sent one, else drawn
 * on the phone (the `qrcode` library is fetched only in that case).
 */
export async function qrDataUrl(cert: Certificate): Promise<string> {
  if (cert.qrSvg) return svgUrl(cert.qrSvg);
  const { default: QRCode } = await import("qrcode");
  return svgUrl(await QRCode.toString(cert.checkUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" }));
}
