import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { Principal } from '@pipeline/auth';
import type { PriorState } from '@pipeline/mongo';
import { AuditEntry } from './audit.schema';
import { redact } from './redact';

export const AUDIT_SERVICE = Symbol('AUDIT_SERVICE');

export interface AuditRecord {
  actor: Principal;
  action: string;
  path: string;
  params?: Record<string, unknown>;
  input?: unknown;
  status: number;
  before?: PriorState[];
  after?: unknown;
  correlationId?: string | null;
}

/** Appends to the service's audit log. Writing never fails the caller's request: a failure is logged as an error. */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(
    @InjectModel(AuditEntry.name) private readonly model: Model<AuditEntry>,
    @Inject(AUDIT_SERVICE) private readonly service: string,
  ) {}

  async record(r: AuditRecord): Promise<void> {
    try {
      await this.model.create({
        _id: randomUUID(),
        at: new Date(),
        service: this.service,
        actor: { sub: r.actor.sub, name: r.actor.name, roles: r.actor.roles },
        action: r.action,
        path: r.path,
        params: r.params ?? {},
        input: redact(r.input ?? null),
        status: r.status,
        before: (r.before ?? []).map((p) => ({ collection: p.collection, id: p.id, before: redact(p.before) })),
        after: redact(r.after ?? null),
        correlationId: r.correlationId ?? null,
      });
    } catch (err) {
      this.logger.error(`审计记录写入失败：${r.action}：${(err as Error).message}`);
    }
  }
}
