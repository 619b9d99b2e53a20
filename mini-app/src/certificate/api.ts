import * as z from "zod/mini";
import { authedJson } from "../auth/session";
import { useCached } from "../offline/use-cached";
import { CertificateSchema, type Certificate } from "../progress/schemas";

const CertificateReply = z.object({ certificate: z.nullable(CertificateSchema) });

export async function fetchCertificate(): Promise<Certificate | null> {
  return (await authedJson("/api/certificate", CertificateReply)).certificate;
}

/** A certificate earned once stays viewable offline (e.g. to show an official where signal is weak). */
export const useCertificate = () => useCached("certificate", z.nullable(CertificateSchema), fetchCertificate);
