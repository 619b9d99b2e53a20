import { WHAT_IS_KEPT } from "../../../bot-server/src/learning/consent-wording";

/**
 * What the server keeps, in plain sentences (Personal Data Protection Law 2025: the person must know before
 * choosing): the very sentences the chat's consent question uses (learning/consent-wording.ts, true to what
 * bot-server stores). Erasing deletes all of it, the certificate included.
 */
export function WhatIsKept() {
  return (
    <>
      {WHAT_IS_KEPT.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      <p>Bạn xóa được tất cả, cả giấy chứng nhận, trong Cài đặt.</p>
    </>
  );
}
