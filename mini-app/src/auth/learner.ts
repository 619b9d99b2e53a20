import * as z from "zod/mini";

/** docs/api.md `Learner`. */
export const LearnerSchema = z.object({
  displayName: z.nullable(z.string()),
  certificateName: z.nullable(z.string()),
  consent: z.nullable(z.enum(["granted", "declined"])),
  provinceCode: z.nullable(z.string()),
  communeCode: z.nullable(z.string()),
  reminderTime: z.nullable(z.string()),
  followsOA: z.boolean(),
});
export type Learner = z.infer<typeof LearnerSchema>;

export const LearnerReply = z.object({ learner: LearnerSchema });
