import * as z from "zod/mini";
import { authedJson } from "../auth/session";
import { postJson, RequestError } from "../offline/http";
import { writeStored } from "../offline/stored-json";
import { useCached } from "../offline/use-cached";
import { platform } from "../platform";
import { CertificateSchema, type Certificate } from "../progress/schemas";

/** GET /api/certificate: the certificate, or (after a pass) what is needed to issue it. */
const CertificateState = z.object({
  certificate: z.nullable(CertificateSchema),
  awaitingName: z.optional(z.nullable(z.object({ score: z.number(), total: z.number(), suggestedName: z.nullable(z.string()) }))),
});
export type CertificateState = z.infer<typeof CertificateState>;

/** Where the phone keeps the certificate (settings/api.ts clears it on "Xóa dữ liệu của tôi"). */
export const CERTIFICATE_CACHE_KEY = "certificateState";
/** The key older installs used for it. */
export const OLD_CERTIFICATE_CACHE_KEY = "certificate";

export function fetchCertificate(): Promise<CertificateState> {
  return authedJson("/api/certificate", CertificateState);
}

/**
 * A certificate earned once stays viewable offline (e.g. to show an official where signal is weak).
 * "network-first" right after a pass: the stored copy from before the test would not offer the name form.
 */
export const useCertificate = (mode: "stale-first" | "network-first" = "stale-first") =>
  useCached(CERTIFICATE_CACHE_KEY, CertificateState, fetchCertificate, mode);

const Issued = z.object({ certificate: CertificateSchema });

/**
 * POST /api/certificate with the name the person confirmed. A certificate already issued (under another
 * name, from the chat or another phone) is the answer too: its name stays, and the screen shows it.
 */
export async function issueCertificate(name: string): Promise<Certificate> {
  let certificate: Certificate;
  try {
    certificate = (await authedJson("/api/certificate", Issued, postJson({ name }))).certificate;
  } catch (err) {
    const existing = err instanceof RequestError && err.code === "certificate_exists" ? Issued.safeParse(err.body) : null;
    if (!existing?.success) throw err;
    certificate = existing.data.certificate;
  }
  // The certificate screen shows the stored copy first: it must not offer the name form again.
  writeStored((await platform()).storage, CERTIFICATE_CACHE_KEY, { certificate, awaitingName: null });
  return certificate;
}
