import type { Content } from "../../../content/src/index.js";
import type { Clock } from "../clock.js";
import type { Learning } from "../learning/index.js";
import type { Button, OutgoingMessage } from "../zalo/messages.js";
import { choiceButtons, choiceText } from "../chat/choice-message.js";
import type { Proactive, ProactiveLearner, ProactiveResult } from "./proactive.js";
import type { ReviewPrompts } from "./review-prompts.js";

/** After this many reminders in a row with no interaction since, remind only every BACKOFF_DAYS days. */
export const BACKOFF_AFTER = 3;
export const BACKOFF_DAYS = 3;

// Not "#remind:…": onboarding uses that for the reminder-time buttons.
export const REMIND_LATER = "#reminder:later";
export const reviewPrefix = (token: string) => `#review:${token}`;

export interface NextStep {
  /** One line naming what to do next. */
  line: string;
  button: Button;
}

/**
 * The daily reminder: names the next step, carries one due review question when there is one, and
 * always ends with buttons, so a single tap reopens Zalo's free-message window.
 */
export class Reminders {
  constructor(
    private readonly deps: { learning: Learning; content: Content; prompts: ReviewPrompts; proactive: Proactive; clock: Clock },
  ) {}

  send(learnerId: number): Promise<ProactiveResult> {
    return this.deps.proactive.send(
      learnerId,
      "reminder",
      "",
      (l) => this.compose(l),
      async (l) => ((await this.backingOff(l)) ? "backoff" : undefined),
    );
  }

  /** Three reminders in a row went unanswered: wait BACKOFF_DAYS after the last before the next. */
  async backingOff(learner: ProactiveLearner): Promise<boolean> {
    const { proactive, clock } = this.deps;
    if (!learner.last_interaction_at) return false;
    if ((await proactive.sentSince(learner.id, learner.last_interaction_at, "reminder")) < BACKOFF_AFTER) return false;
    const last = await proactive.lastSent(learner.id, "reminder");
    return last !== undefined && clock.now().getTime() - Date.parse(last) < BACKOFF_DAYS * 86_400_000;
  }

  async compose(learner: ProactiveLearner): Promise<OutgoingMessage | null> {
    const { learning, prompts } = this.deps;
    const finished = (await learning.certificates.forLearner(learner.id)) !== undefined;
    const dueQuestion = await learning.review.due(learner.id);
    const question = dueQuestion ? learning.attempts.question(dueQuestion) : undefined;
    if (finished && !question) return null; // nothing left to learn, nothing to review
    const step = finished ? undefined : await this.lessonStep(learner.id);
    const greeting = finished ? "Chào bạn 👋 Mình ôn lại một chút cho nhớ nhé." : `Chào bạn 👋 Đến giờ học Kỹ Năng Số rồi.\n${step!.line}`;
    if (question) {
      const token = await prompts.create(learner.id, question.id);
      return {
        type: "text",
        text: `${greeting}\n\nTrước hết, bạn trả lời thử một câu ôn tập nhé:\n${choiceText(question)}`,
        buttons: choiceButtons(question.options, reviewPrefix(token)),
      };
    }
    return {
      type: "text",
      text: `${greeting}\nBạn học luôn bây giờ nhé?`,
      buttons: [step!.button, { type: "query", title: "Để mai", payload: REMIND_LATER }],
    };
  }

  /** What progress says comes next, as a line and a button that starts it. */
  async nextStep(learnerId: number): Promise<NextStep> {
    if (await this.deps.learning.certificates.forLearner(learnerId)) {
      return {
        line: "Bạn đã có giấy chứng nhận Kỹ Năng Số rồi. 🎉 Thỉnh thoảng xem một mẹo để luôn cảnh giác nhé.",
        button: { type: "query-show", title: "Xem một mẹo", payload: "mẹo" },
      };
    }
    return this.lessonStep(learnerId);
  }

  /** The next lesson, quiz or the final test, for someone without a certificate. */
  private async lessonStep(learnerId: number): Promise<NextStep> {
    const next = await this.deps.learning.progress.next(learnerId);
    const lesson = next.lessonId ? this.deps.content.lessons.find((l) => l.id === next.lessonId) : undefined;
    if (next.kind === "lesson" && lesson) {
      return {
        line: `Bài tiếp theo của bạn: Bài ${lesson.id}: ${lesson.title} (khoảng ${lesson.minutes} phút).`,
        button: { type: "query-show", title: `Học bài ${lesson.id} ngay`, payload: `bài ${lesson.id}` },
      };
    }
    if (next.kind === "quiz" && lesson) {
      return {
        line: `Bạn đã đọc Bài ${lesson.id} – ${lesson.title}. Còn bài kiểm tra 5 câu nữa là xong bài này.`,
        button: { type: "query", title: `Làm kiểm tra bài ${lesson.id}`, payload: `#quiz:${lesson.id}` },
      };
    }
    const { passMark, questions } = this.deps.learning.finalTest.options;
    return {
      line: `Bạn đã học xong các bài. Còn bài thi cuối khóa: đúng từ ${passMark}/${questions} câu là nhận giấy chứng nhận.`,
      button: { type: "query-show", title: "Làm bài thi cuối khóa", payload: "thi" },
    };
  }
}
