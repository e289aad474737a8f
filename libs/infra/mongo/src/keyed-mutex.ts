/**
 * Serialises work per key inside one process. FerretDB applies an update as
 * read-modify-write without a lock, so two concurrent updates of one
 * document can lose one of them; writers of the same aggregate (a handler
 * and the outbox relay) take this lock. MongoDB needs no such help.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }
}
