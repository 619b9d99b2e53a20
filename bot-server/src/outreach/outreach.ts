import type { Content } from "../../../content/src/index.js";
import type { Clock } from "../clock.js";
import type { Store } from "../db/store.js";
import type { Random } from "../learning/draw.js";
import type { Learning } from "../learning/index.js";
import type { OperatorAlerts } from "../ops/alerts.js";
import { localClock, type LocalClock } from "../local-time.js";
import type { Outbox } from "../pipeline/outbox.js";
import { OutreachPreferences } from "./preferences.js";
import { Proactive, type ProactiveResult } from "./proactive.js";
import { Reminders } from "./reminders.js";
import { ReviewPrompts } from "./review-prompts.js";
import { TipPool, tipMessage } from "./tips.js";

export interface OutreachOptions {
  timeZone: string;
  /** Non-reply messages (reminders, tips, broadcasts) per person per local day. */
  dailyCap: number;
  /** The processing stage's operator alerts (the paid-window pause reads them). */
  alerts: OperatorAlerts;
  random?: Random;
}

export const DAILY_TIP_HEADING = "🛡️ Mẹo phòng lừa đảo hôm nay";

/** Everything that messages people without being asked just now, built once per processing stage. */
export class Outreach {
  readonly local: LocalClock;
  readonly proactive: Proactive;
  readonly preferences: OutreachPreferences;
  readonly prompts: ReviewPrompts;
  readonly tips: TipPool;
  readonly reminders: Reminders;

  constructor(db: Store, outbox: Outbox, learning: Learning, content: Content, clock: Clock, options: OutreachOptions) {
    this.local = localClock(options.timeZone);
    this.proactive = new Proactive(db, outbox, clock, this.local, options.dailyCap, options.alerts);
    this.preferences = new OutreachPreferences(db, outbox, clock);
    this.prompts = new ReviewPrompts(db, clock);
    this.tips = new TipPool(db, clock, content.tips, options.random);
    this.reminders = new Reminders({ learning, content, prompts: this.prompts, proactive: this.proactive, clock });
  }

  /** Today's tip for someone who opted in: the next one from their pool, within the cap and window. */
  sendDailyTip(learnerId: number): Promise<ProactiveResult> {
    return this.proactive.send(learnerId, "tip", "", async (learner) => {
      const tip = await this.tips.next(learner.id, true);
      return tip ? tipMessage(tip, DAILY_TIP_HEADING) : null;
    });
  }
}
