/**
 * `joined`: in its group, not fetching yet (offsets being resolved, or just
 * after a rebalance); `consuming`: fetching. Only `consuming` is ready.
 */
export type ConsumerState = 'idle' | 'connecting' | 'joined' | 'consuming' | 'retrying' | 'stopping' | 'stopped' | 'crashed';

export interface TopicCounters {
  consumed: number;
  skippedDuplicates: number;
  failedAttempts: number;
  deadLettered: number;
}

/** What a service's consumer is doing; read by /health/ready and metrics. */
export class ConsumerStatus {
  state: ConsumerState = 'idle';
  lastError: string | null = null;
  readonly topics = new Map<string, TopicCounters>();

  counters(topic: string): TopicCounters {
    let c = this.topics.get(topic);
    if (!c) {
      c = { consumed: 0, skippedDuplicates: 0, failedAttempts: 0, deadLettered: 0 };
      this.topics.set(topic, c);
    }
    return c;
  }

  snapshot() {
    return { state: this.state, lastError: this.lastError, topics: Object.fromEntries(this.topics) };
  }
}
