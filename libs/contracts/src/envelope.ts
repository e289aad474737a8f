import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { IsDefined, IsISO8601, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { validatePlain, type FieldError } from './validation';

/**
 * The one envelope every event travels in. The payload's own shape is fixed
 * by (type, version); the topic name carries the same version.
 */
export class EventEnvelope<P = Record<string, unknown>> {
  /** Unique per event; the idempotency key consumers deduplicate on. */
  @IsUUID()
  eventId: string;

  /** `<entity>.<fact>`, e.g. `complaint.received`. */
  @IsString()
  @Matches(/^[a-z][a-z-]*\.[a-z][a-z-]*$/, { message: 'type must look like entity.fact' })
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  occurredAt: string;

  /** The service that published it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  producer: string;

  /** Follows one complaint across services (also sent as a Kafka header). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  correlationId: string;

  /** The event that caused this one, when there is one. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  causationId?: string;

  /** The partition key: events with one key are delivered in order. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  key: string;

  @IsDefined()
  @IsObject()
  payload: P;
}

export interface NewEnvelope<P> {
  type: string;
  version: number;
  producer: string;
  key: string;
  payload: P;
  correlationId?: string;
  causationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

export function createEnvelope<P>(e: NewEnvelope<P>): EventEnvelope<P> {
  const eventId = e.eventId ?? randomUUID();
  return {
    eventId,
    type: e.type,
    version: e.version,
    occurredAt: (e.occurredAt ?? new Date()).toISOString(),
    producer: e.producer,
    correlationId: e.correlationId ?? eventId,
    causationId: e.causationId,
    key: e.key,
    payload: e.payload,
  };
}

export type ParsedEnvelope = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string; errors?: FieldError[] };

/** Parses raw message bytes into a validated envelope, or says why not. */
export function parseEnvelope(raw: Buffer | string | null): ParsedEnvelope {
  if (raw === null || raw.length === 0) return { ok: false, reason: 'EMPTY_MESSAGE' };
  let plain: unknown;
  try {
    plain = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `INVALID_JSON: ${(err as Error).message}` };
  }
  const checked = validatePlain(EventEnvelope, plain);
  if (!checked.ok) return { ok: false, reason: 'INVALID_ENVELOPE', errors: checked.errors };
  // keep the payload exactly as sent; it is validated against its own class later
  checked.value.payload = (plain as { payload: Record<string, unknown> }).payload;
  return { ok: true, envelope: checked.value };
}

const DERIVED_EVENT_NAMESPACE = '6f1b8e3a-2c4d-5e6f-8a9b-0c1d2e3f4a5b';

/**
 * The id of an event caused by another, derived from the cause: handling the
 * same cause twice (after a crash) yields the same id, which consumers drop.
 */
export function derivedEventId(...parts: string[]): string {
  return uuidv5(parts.join('|'), DERIVED_EVENT_NAMESPACE);
}
