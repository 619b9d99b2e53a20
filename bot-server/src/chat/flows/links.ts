import type { ChatServices } from "../context.js";
import type { Button } from "../../zalo/messages.js";
import { certificateCheckUrl } from "../../learning/certificates.js";

type LinkConfig = ChatServices["config"];

/** The full lesson: in the Mini App when there is one, else on the public web server, else none. */
export function fullLessonButton(config: LinkConfig, lessonId: number): Button | null {
  const url = config.MINI_APP_ID
    ? `https://zalo.me/s/${config.MINI_APP_ID}/lesson/${lessonId}`
    : config.PUBLIC_URL
      ? `${config.PUBLIC_URL}/lesson/${lessonId}`
      : null;
  return url ? { type: "url", title: "Mở bài học đầy đủ", url } : null;
}

/** The public check page of a certificate (served by the HTTP side at /c/:code). */
export function certificateUrl(config: Pick<LinkConfig, "PUBLIC_URL" | "PORT">, code: string): string {
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  return certificateCheckUrl(base, code);
}
