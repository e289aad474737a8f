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

const OFFSET = /^\d+$/;

/** What a service's consumer is doing; read by /health/ready and metrics. */
export class ConsumerStatus {
  state: ConsumerState = 'idle';
  lastError: string | null = null;
  readonly topics = new Map<string, TopicCounters>();
  /** Messages behind the high watermark per topic and partition, as of the latest batch this instance fetched. */
  readonly lag = new Map<string, Map<number, number>>();

  counters(topic: string): TopicCounters {
    let c = this.topics.get(topic);
    if (!c) {
      c = { consumed: 0, skippedDuplicates: 0, failedAttempts: 0, deadLettered: 0 };
      this.topics.set(topic, c);
    }
    return c;
  }

  /**
   * Records how far a partition is behind: the high watermark (the offset the
   * next message will get) minus the next offset this instance will handle.
   */
  recordLag(topic: string, partition: number, highWatermark: string, nextOffset: string): void {
    // a figure for monitoring must never break consuming: anything but two offsets is ignored
    if (!OFFSET.test(highWatermark) || !OFFSET.test(nextOffset)) return;
    let partitions = this.lag.get(topic);
    if (!partitions) {
      partitions = new Map();
      this.lag.set(topic, partitions);
    }
    partitions.set(partition, Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset))));
  }

  /** After a rebalance: partitions this instance no longer owns must not keep reporting their old lag. */
  forgetLag(): void {
    this.lag.clear();
  }

  snapshot() {
    return { state: this.state, lastError: this.lastError, topics: Object.fromEntries(this.topics) };
  }
}
