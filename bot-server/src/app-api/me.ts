import { Router } from "express";
import { z } from "zod";
import type { Learner, LearnerUpdate } from "../learning/learners.js";
import { checkCertificateName } from "../learning/certificate-name.js";
import { consentChanges } from "../learning/consent.js";
import { Places } from "../places/places.js";
import { checkReminderTime } from "../learning/reminder-time.js";
import { ApiError, parseInput } from "./api-error.js";
import { checkedPlaceChoice } from "./places.js";
import type { AppApiDeps } from "./router.js";
import { sessionOf } from "./require-session.js";

/** The learner as the Mini App sees them: only what the person set or needs to see. */
export function learnerView(l: Learner) {
  return {
    displayName: l.display_name,
    certificateName: l.certificate_name,
    consent: l.consent,
    provinceCode: l.province_code,
    communeCode: l.commune_code,
    reminderTime: l.reminder_time,
    followsOA: l.follows_oa === 1,
  };
}

const patchBody = z.strictObject({
  // Checked by the certificate's own name rule (learning/certificate-name.ts) below, with its messages.
  certificateName: z.string().max(500).nullable().optional(),
  consent: z.enum(["granted", "declined"]).nullable().optional(),
  // Shape here; against the imported lists in checkedPlaceChoice (shape only when none is imported).
  provinceCode: z.string().regex(/^\d{2}$/).nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/).nullable().optional(),
  reminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable().optional(),
});

const MESSAGES = {
  certificateName: "Tên in trên giấy chứng nhận cần viết bằng chữ, tối đa 60 ký tự.",
  consent: "Lựa chọn đồng ý chưa đúng. Bạn chọn lại nhé.",
  provinceCode: "Mã tỉnh, thành phố chưa đúng (gồm 2 chữ số). Bạn chọn lại nhé.",
  communeCode: "Mã xã, phường chưa đúng (gồm 5 chữ số). Bạn chọn lại nhé.",
  reminderTime: "Giờ nhắc cần viết dạng giờ:phút, ví dụ 19:30.",
};

/** GET / PATCH / DELETE /api/me: the signed-in person's own settings, and erasing all of it. */
export function meRouter(deps: AppApiDeps): Router {
  const { learning, session } = deps;
  const places = new Places(learning.store);
  const router = Router();

  router.get("/api/me", session, (_req, res) => {
    res.json({ learner: learnerView(sessionOf(res).learner) });
  });

  router.patch("/api/me", session, async (req, res) => {
    const body = parseInput(patchBody, req.body, MESSAGES);
    const learner = await learning.transaction(async () => {
      const current = (await learning.learners.byId(sessionOf(res).learner.id))!;
      const consent = body.consent === undefined ? current.consent : body.consent;
      // Where someone lives (it feeds the commune reports) and when to remind them are kept only with
      // their consent, as in the chat.
      const where = body.communeCode ? "communeCode" : body.provinceCode ? "provinceCode" : null;
      if (where && consent !== "granted") {
        throw new ApiError(400, "consent_required", "Bạn cần đồng ý cho lưu thông tin trước khi chọn nơi ở.", { field: where });
      }
      // The name kept for a future certificate is personal data too: kept only with consent. (The
      // certificate itself carries the name confirmed at issue: POST /api/certificate.)
      const namesSomeone = typeof body.certificateName === "string";
      if (namesSomeone && consent !== "granted") {
        throw new ApiError(400, "consent_required", "Bạn cần đồng ý cho lưu thông tin trước khi lưu tên. Tên in trên giấy chứng nhận được hỏi khi bạn nhận giấy.", {
          field: "certificateName",
        });
      }
      const certificateName = namesSomeone ? checkedName(body.certificateName!) : body.certificateName;
      if (body.reminderTime && consent !== "granted") {
        throw new ApiError(400, "consent_required", "Bạn cần đồng ý cho lưu thông tin trước khi đặt giờ nhắc.", { field: "reminderTime" });
      }
      if (body.reminderTime && checkReminderTime(body.reminderTime).kind === "quiet") {
        throw new ApiError(400, "invalid_input", "Tôi không nhắn tin từ 21 giờ tối đến 7 giờ sáng. Bạn chọn giờ từ 7:00 đến 20:59 nhé.", {
          field: "reminderTime",
        });
      }
      const place = await checkedPlaceChoice(places, current, { provinceCode: body.provinceCode, communeCode: body.communeCode });
      const changes: LearnerUpdate = {
        certificate_name: certificateName,
        province_code: place.provinceCode,
        commune_code: place.communeCode,
        reminder_time: body.reminderTime,
        // The same consent rule as the chat's (learning/consent.ts): a "no" clears what needs a "yes".
        // Spread last, so it wins over the fields above.
        ...(body.consent === undefined ? {} : consentChanges(body.consent)),
      };
      return learning.learners.update(current.id, changes);
    }, { learner: sessionOf(res).learner.id });
    res.json({ learner: learnerView(learner) });
  });

  router.delete("/api/me", session, async (_req, res) => {
    // Sessions go with the learner (ON DELETE CASCADE): this token stops working at once.
    const learnerId = sessionOf(res).learner.id;
    await learning.transaction(() => learning.erase(learnerId), { learner: learnerId });
    res.json({ deleted: true });
  });
  return router;
}

/** The name as it will be printed, or a 400 saying what to change (the same rule as the chat's). */
function checkedName(typed: string): string {
  const checked = checkCertificateName(typed);
  if (!checked.ok) throw new ApiError(400, "invalid_input", checked.message, { field: "certificateName" });
  return checked.name;
}
