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
  return deps.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`;
}

/** Drawn QR codes by check URL: a certificate's never changes, and the app asks for it on every start. */
const qrCache = new Map<string, string>();
const QR_CACHE_SIZE = 500;

async function qrSvgFor(checkUrl: string): Promise<string> {
  const cached = qrCache.get(checkUrl);
  if (cached) return cached;
  const svg = await QRCode.toString(checkUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value!);
  qrCache.set(checkUrl, svg);
  return svg;
}

export async function certificateView(certificate: Certificate, base: string): Promise<CertificateView> {
  const checkUrl = `${base}/c/${certificate.code}`;
  return { ...certificate, checkUrl, qrSvg: await qrSvgFor(checkUrl) };
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
