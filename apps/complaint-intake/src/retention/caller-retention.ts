import { randomUUID } from 'node:crypto';
import type { Db, Filter } from 'mongodb';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { anonymisedCaller, expiredCallerFilter, retentionCutoff, retentionDay } from './retention.rules';

/** One record per pass, with its counts: the retention log (the audit of what was erased, and when). */
export const RETENTION_RUNS_COLLECTION = 'retention_runs';
const COMPLAINTS = 'complaints';

export interface RetentionRun {
  _id: string;
  trigger: 'schedule' | 'command';
  dryRun: boolean;
  periodDays: number;
  cutoff: Date;
  startedAt: Date;
  finishedAt?: Date;
  /** Complaints found due (in a dry run: that would be anonymised). */
  due?: number;
  anonymised?: number;
}

export interface RetentionOptions {
  periodDays: number;
  dryRun?: boolean;
  now?: Date;
  batchSize?: number;
  /**
   * Serialises the write with the service's own updates of the same
   * complaint (OutboxRelay.locks): FerretDB updates are unlocked
   * read-modify-writes (ADR 0003).
   */
  withDocumentLock?: <T>(id: string, work: () => Promise<T>) => Promise<T>;
}

export interface RetentionReport {
  runId: string;
  cutoff: Date;
  due: number;
  anonymised: number;
}

const noLock = <T>(_id: string, work: () => Promise<T>) => work();

/**
 * Walks the due complaints in _id order, in batches, and anonymises each
 * with a single-document update guarded by the same filter (so a complaint
 * reopened or already anonymised meanwhile is left alone). Stopping at any
 * point loses nothing: the next pass finds what is left.
 */
async function anonymiseDue(db: Db, run: RetentionRun, options: RetentionOptions): Promise<{ due: number; anonymised: number }> {
  // complaint ids are strings (UUIDv7), ordered by acceptance time
  const complaints = db.collection<{ _id: string }>(COMPLAINTS);
  const filter = expiredCallerFilter(run.cutoff) as Filter<{ _id: string }>;
  const lock = options.withDocumentLock ?? noLock;
  const batchSize = options.batchSize ?? 200;
  let due = 0;
  let anonymised = 0;
  let after: string | null = null;
  for (;;) {
    const page = await complaints
      .find(after === null ? filter : { ...filter, _id: { $gt: after } }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (page.length === 0) return { due, anonymised };
    due += page.length;
    after = page[page.length - 1]._id;
    if (run.dryRun) continue;
    for (const { _id } of page) {
      const result = await lock(_id, () => complaints.updateOne({ ...filter, _id }, { $set: anonymisedCaller(new Date()) }));
      anonymised += result.modifiedCount;
    }
  }
}

async function finish(db: Db, run: RetentionRun, options: RetentionOptions): Promise<RetentionReport> {
  const counts = await anonymiseDue(db, run, options);
  await db.collection<RetentionRun>(RETENTION_RUNS_COLLECTION).updateOne({ _id: run._id }, { $set: { ...counts, finishedAt: new Date() } });
  return { runId: run._id, cutoff: run.cutoff, ...counts };
}

function newRun(id: string, trigger: RetentionRun['trigger'], options: RetentionOptions): RetentionRun {
  const now = options.now ?? new Date();
  return { _id: id, trigger, dryRun: options.dryRun ?? false, periodDays: options.periodDays, cutoff: retentionCutoff(now, options.periodDays), startedAt: new Date() };
}

/** A pass started by `npm run retention` (or a test): always runs, recorded under its own id. */
export async function runCallerRetention(db: Db, options: RetentionOptions): Promise<RetentionReport> {
  const run = newRun(`command:${randomUUID()}`, 'command', options);
  await db.collection<RetentionRun>(RETENTION_RUNS_COLLECTION).insertOne(run);
  return finish(db, run, options);
}

/**
 * The scheduled pass: the day's run record, inserted with a fixed _id, is
 * the claim, so of several instances exactly one runs each day (no leader
 * election, no transaction). Null when another instance had the day already.
 */
export async function runScheduledCallerRetention(db: Db, options: RetentionOptions): Promise<RetentionReport | null> {
  const run = newRun(`schedule:${retentionDay(options.now ?? new Date())}`, 'schedule', { ...options, dryRun: false });
  try {
    await db.collection<RetentionRun>(RETENTION_RUNS_COLLECTION).insertOne(run);
  } catch (err) {
    if (isDuplicateKeyError(err)) return null;
    throw err;
  }
  return finish(db, run, options);
}
