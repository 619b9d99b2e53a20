import { AsyncLocalStorage } from "node:async_hooks";

interface Entry<T> {
  scope: T;
  /** False once its transaction (or savepoint) has ended: work it left running joins nothing. */
  live: boolean;
}

/**
 * Which transaction the code running now belongs to, across awaits (AsyncLocalStorage). On Node 20 an
 * enabled AsyncLocalStorage hooks every promise the thread makes, transaction or not: measurable on
 * the webhook's path, which makes many promises and no transaction. So the storage is enabled only
 * while a transaction is open and disabled again when the last one ends; code outside any transaction
 * then runs unhooked.
 */
export class TransactionScope<T> {
  private readonly storage = new AsyncLocalStorage<Entry<T>>();
  private open = 0;

  current(): T | undefined {
    if (this.open === 0) return undefined;
    const entry = this.storage.getStore();
    return entry?.live ? entry.scope : undefined;
  }

  /** Runs `fn` as (part of) the transaction `scope`; store calls made inside see it through `current`. */
  async run<R>(scope: T, fn: () => Promise<R>): Promise<R> {
    const entry = { scope, live: true };
    this.open++;
    try {
      return await this.storage.run(entry, fn);
    } finally {
      entry.live = false;
      if (--this.open === 0) this.storage.disable();
    }
  }
}
