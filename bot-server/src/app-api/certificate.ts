import { Router, type Request } from "express";
import QRCode from "qrcode";
import type { Certificate } from "../learning/certificates.js";
import type { AppApiDeps } from "./router.js";
import { sessionOf } from "./require-session.js";

export interface CertificateView extends Certificate {
  checkUrl: string;
  /** SVG markup of a QR code for checkUrl, so the app can show it offline and without a QR library. */
  qrSvg: string;
}

/** The public address of this server: PUBLIC_URL when set, else the origin the request came to. */
export function publicBase(deps: AppApiDeps, req: Request): string {
  return deps.config.PUBLIC_URL?.replace(/\/+$/, "") ?? `${req.protocol}://${req.get("host")}`;
}

export async function certificateView(certificate: Certificate, base: string): Promise<CertificateView> {
  const checkUrl = `${base}/c/${certificate.code}`;
  const qrSvg = await QRCode.toString(checkUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { ...certificate, checkUrl, qrSvg };
}

/** The learner's certificate (or null), ready to show with its check link and QR. */
export async function ownCertificate(deps: AppApiDeps, req: Request, learnerId: number): Promise<CertificateView | null> {
  const certificate = deps.learning.certificates.forLearner(learnerId);
  return certificate ? certificateView(certificate, publicBase(deps, req)) : null;
}

/** GET /api/certificate */
export function certificateRouter(deps: AppApiDeps): Router {
  const router = Router();
  router.get("/api/certificate", deps.session, async (req, res) => {
    res.json({ certificate: await ownCertificate(deps, req, sessionOf(res).learner.id) });
  });
  return router;
}
