import { Router, type Request } from "express";
import QRCode from "qrcode";
import { z } from "zod";
import { checkCertificateName } from "../learning/certificate-name.js";
import { certificateCheckUrl, type Certificate } from "../learning/certificates.js";
import type { Learner } from "../learning/learners.js";
import { ApiError, parseInput } from "./api-error.js";
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
  const checkUrl = certificateCheckUrl(base, certificate.code);
  return { ...certificate, checkUrl, qrSvg: await qrSvgFor(checkUrl) };
}

/** The learner's certificate (or null), ready to show with its check link and QR. */
export async function ownCertificate(deps: AppApiDeps, req: Request, learnerId: number): Promise<CertificateView | null> {
  const certificate = await deps.learning.certificates.forLearner(learnerId);
  return certificate ? certificateView(certificate, publicBase(deps, req)) : null;
}

/**
 * Passed but not yet issued: the score it will carry and a name to offer (the kept one, else Zalo's).
 * Called only once the learner is known to have no certificate.
 */
async function awaitingName(deps: AppApiDeps, learner: Learner) {
  const pass = await deps.learning.finalTest.bestPass(learner.id);
  if (!pass) return null;
  const offered = [learner.certificate_name, learner.display_name].map((n) => n && checkCertificateName(n)).find((c) => c && c.ok);
  return { score: pass.score ?? 0, total: pass.total, suggestedName: offered && offered.ok ? offered.name : null };
}

const issueBody = z.strictObject({ name: z.string().max(500) });

/**
 * GET /api/certificate: the certificate, or what is needed to issue it. POST /api/certificate { name }:
 * issues it under the name the person confirmed; a certificate once issued keeps its name.
 */
export function certificateRouter(deps: AppApiDeps): Router {
  const { learning } = deps;
  const router = Router();
  router.get("/api/certificate", deps.session, async (req, res) => {
    const { learner } = sessionOf(res);
    const certificate = await ownCertificate(deps, req, learner.id);
    res.json({ certificate, awaitingName: certificate ? null : await awaitingName(deps, learner) });
  });

  router.post("/api/certificate", deps.session, async (req, res) => {
    const { name } = parseInput(issueBody, req.body, { name: "Bạn gõ họ và tên để in trên giấy chứng nhận." });
    const learnerId = sessionOf(res).learner.id;
    const result = await learning.transaction(
      async () => learning.finalTest.issueCertificate((await learning.learners.byId(learnerId))!, name),
      { learner: learnerId },
    );
    if (result.kind === "invalid_name") throw new ApiError(400, "invalid_input", result.message, { field: "name" });
    if (result.kind === "not_passed") {
      throw new ApiError(409, "final_test_not_passed", "Bạn cần đạt bài thi cuối khóa trước khi nhận giấy chứng nhận.");
    }
    const view = await certificateView(result.certificate, publicBase(deps, req));
    if (result.kind === "already_issued") {
      // The same name sent again (a lost answer, an offline resend) is not a conflict.
      const checked = checkCertificateName(name);
      if (checked.ok && checked.name === result.certificate.name) return void res.json({ certificate: view });
      throw new ApiError(409, "certificate_exists", `Giấy chứng nhận của bạn đã được cấp với tên “${result.certificate.name}”. Tên đã in không đổi được.`, {
        certificate: view,
      });
    }
    res.status(201).json({ certificate: view });
  });
  return router;
}
