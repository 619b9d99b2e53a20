/**
 * A sleep that can be cut short: background loops (inbox worker, outbox dispatcher) nap when idle and
 * are woken the moment new work is stored, so nothing waits for a poll tick. A wake that arrives while
 * the loop is busy is remembered, so the next nap ends at once instead of missing new work.
 */
export class Wakeable {
  private wakeCurrent: (() => void) | null = null;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeCurrent = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeCurrent = done;
    });
  }

  wake(): void {
    if (this.wakeCurrent) this.wakeCurrent();
    else this.pending = true;
  }
}
