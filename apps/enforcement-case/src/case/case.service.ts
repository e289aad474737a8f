import type { Principal } from '@pipeline/auth';
import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@pipeline/calendar';
import { CASE_STATE_LABELS, METRICS, TOPICS, derivedEventId } from '@pipeline/contracts';
import { DomainError, ServiceMetrics } from '@pipeline/http';
import { EventPublisher } from '@pipeline/kafka';
import { CaseRepository, type CaseRecord } from './case.repository';
import { checkExtension, computeDeadlines, type DeadlineView } from './deadlines/deadline-calculator';
import type { ExtensionDto } from './dto/extension.dto';
import { deadlineFactsFromHistory } from './deadlines/deadline-facts';
import { squadById, validateReassignment } from '../dispatch/dispatch.rules';
import type { AssignCaseDto } from './dto/assign.dto';
import type { ListCasesQuery } from './dto/list-cases.query';
import type { TransitionDto } from './dto/transition.dto';
import { allowedActions, allowedActionsWithRequirements, applyTransition, newCaseSnapshot, type CaseSnapshot } from './procedure/case-state-machine';

const snapshotOf = (c: CaseRecord): CaseSnapshot => c.snapshot ?? newCaseSnapshot(c.openedAt, c.procedure);

@Injectable()
export class CaseService {
  private readonly casesClosed;

  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: EventPublisher,
    private readonly calendar: WorkingCalendar,
    metrics: ServiceMetrics,
  ) {
    this.casesClosed = metrics.counter(METRICS.casesClosed);
  }

  async list(query: ListCasesQuery): Promise<{ items: CaseRecord[] }> {
    return { items: await this.cases.list(query, query.limit ?? 50) };
  }

  private async found(id: string): Promise<CaseRecord> {
    const c = await this.cases.findById(id);
    if (!c) throw DomainError.notFound('CASE_NOT_FOUND', `案件 ${id} 不存在`);
    return c;
  }

  private deadlines(c: CaseRecord, now: Date): DeadlineView[] {
    // the lead's check clock (D1) starts when the case was opened from the complaint
    const known = { timeline: { leadReceivedAt: c.openedAt }, extensions: c.extensions ?? [] };
    return computeDeadlines(deadlineFactsFromHistory(snapshotOf(c), c.history ?? [], known), this.calendar, now);
  }

  /** The case with its state, the steps allowed next and every deadline that applies now. */
  /**
   * An officer changes only the cases of their own squad; dispatchers and
   * administrators change any.
   */
  async assertMayChange(id: string, user: Principal): Promise<void> {
    if (user.roles.some((r) => r === 'dispatcher' || r === 'admin')) return;
    const c = await this.found(id);
    if (!user.squadId || c.squadId !== user.squadId) {
      throw DomainError.forbidden('CASE_NOT_IN_SQUAD', `案件 ${id} 不属于您所在的中队${user.squadId ? `（${user.squadId}）` : ''}，不能办理`);
    }
  }

  async get(id: string) {
    const c = await this.found(id);
    const now = new Date();
    return {
      ...c,
      stateLabel: CASE_STATE_LABELS[c.state],
      allowedActions: allowedActionsWithRequirements(snapshotOf(c)),
      deadlines: this.deadlines(c, now),
    };
  }

  /**
   * Announces each missed deadline once (cases.deadline-breached.v1): the
   * breach is recorded on the case in the same write as its event, and the
   * event id derives from the case, the deadline and its due time.
   */
  async reportBreaches(now = new Date()): Promise<number> {
    let reported = 0;
    for (const c of await this.cases.open()) {
      const known = new Set(c.breachedDeadlines ?? []);
      if (!this.breaches(c, now).some((x) => !known.has(x.marker))) continue;
      await this.cases.step(c._id, (current) => {
        const already = new Set(current.breachedDeadlines ?? []);
        const todo = this.breaches(current, now).filter((x) => !already.has(x.marker));
        if (!todo.length) return null;
        const events = todo.map(({ view, marker, dueAt }) =>
          this.publisher.causedBy({ eventId: derivedEventId(current._id, marker), correlationId: current._id }, TOPICS.caseDeadlineBreached, {
            key: current._id,
            occurredAt: now,
            payload: { caseId: current._id, complaintIds: current.complaintIds, deadline: view.key, name: view.name, state: current.state, squadId: current.squadId, dueAt, detectedAt: now.toISOString() },
          }),
        );
        reported += events.length;
        return { set: { breachedDeadlines: [...already, ...todo.map((x) => x.marker)] }, events };
      });
    }
    return reported;
  }

  /** The bureau's missed deadlines of a case, each with the marker that makes its announcement unique. */
  private breaches(c: CaseRecord, now: Date): { view: DeadlineView; marker: string; dueAt: string }[] {
    return this.deadlines(c, now).flatMap((view) => {
      if (view.status !== 'overdue' || view.bearer !== 'bureau' || !view.dueAt) return [];
      const dueAt = new Date(view.dueAt).toISOString();
      return [{ view, marker: `${view.key}@${dueAt}`, dueAt }];
    });
  }

  /** Open cases with a deadline the bureau has missed, most overdue first. */
  async overdue() {
    const now = new Date();
    const items = (await this.cases.open())
      .map((c) => ({ c, late: this.deadlines(c, now).filter((d) => d.status === 'overdue' && d.bearer === 'bureau') }))
      .filter((x) => x.late.length)
      .map(({ c, late }) => ({ caseId: c._id, state: c.state, stateLabel: CASE_STATE_LABELS[c.state], squadId: c.squadId, category: c.category, overdue: late }))
      .sort((a, b) => Date.parse(String(a.overdue[0].dueAt)) - Date.parse(String(b.overdue[0].dueAt)));
    return { items };
  }

  /** Records an approved extension of a deadline; refused without approval, beyond the rule's maximum or after the due date. */
  async extend(id: string, dto: ExtensionDto) {
    await this.found(id);
    const now = new Date();
    const result = await this.cases.step(id, (c) => {
      const current = this.deadlines(c, now).find((d) => d.key === dto.deadline);
      if (!current) throw DomainError.rule('DEADLINE_NOT_RUNNING', `该案件当前没有进行中的「${dto.deadline}」期限`, { state: c.state });
      const proposed = { key: dto.deadline, approvedBy: dto.approvedBy, approvalRef: dto.approvalRef, days: dto.days, at: now, collective: dto.collective ?? false };
      const check = checkExtension(dto.deadline, (c.extensions ?? []).filter((e) => e.key === dto.deadline), proposed, current.dueAt ? new Date(current.dueAt) : null);
      if (!check.ok) throw DomainError.rule(check.code, check.message);
      return { set: { extensions: [...(c.extensions ?? []), proposed] }, events: [] };
    });
    if (!result) throw DomainError.notFound('CASE_NOT_FOUND', `案件 ${id} 不存在`);
    return { caseId: id, deadlines: this.deadlines(result.after, now).filter((d) => d.key === dto.deadline) };
  }

  /** Assigns a case to a squad, or moves it to another one with a reason. */
  async assign(id: string, dto: AssignCaseDto) {
    await this.found(id);
    if (!squadById(dto.squadId)) throw DomainError.invalid('SQUAD_NOT_FOUND', '请求参数有误', [{ field: 'squadId', messages: [`中队 ${dto.squadId} 不存在`] }]);
    const now = new Date();
    const result = await this.cases.step(id, (c) => {
      if (c.squadId) {
        const check = validateReassignment(c.squadId, dto.squadId, dto.reason);
        if (!check.ok) throw DomainError.rule('REASSIGNMENT_REFUSED', check.errors.map((e) => e.messages.join('；')).join('；'), { errors: check.errors });
      }
      const cause = { eventId: derivedEventId(id, 'assign', String((c.history ?? []).length), dto.squadId), correlationId: id };
      const assigned = this.publisher.causedBy(cause, TOPICS.caseAssigned, {
        key: id,
        occurredAt: now,
        payload: { caseId: id, complaintIds: c.complaintIds, squadId: dto.squadId, previousSquadId: c.squadId, reason: dto.reason, assignedBy: dto.dispatcher, assignedAt: now.toISOString() },
      });
      return { set: { squadId: dto.squadId }, events: [assigned] };
    });
    if (!result) throw DomainError.notFound('CASE_NOT_FOUND', `案件 ${id} 不存在`);
    return { caseId: id, squadId: result.after.squadId };
  }

  /**
   * One step of the procedure. An illegal step answers 409 naming the allowed
   * ones; a step that breaks a rule (no reason, one officer, over the simple
   * procedure's limit…) answers 422. The case, its history and its events are
   * one write; the event ids derive from the step, so a retried step adds nothing.
   */
  async transition(id: string, dto: TransitionDto) {
    await this.found(id);
    const now = new Date();
    const result = await this.cases.step(id, (c) => {
      const r = applyTransition(snapshotOf(c), dto.action, dto, { id: dto.actor }, now);
      if (!r.ok) {
        const details = { allowed: r.allowed, state: c.state };
        if (r.kind === 'illegal_transition') throw DomainError.conflict(r.code, r.message, details);
        throw new DomainError('rule', r.code, r.message, r.field ? [{ field: r.field, messages: [r.message] }] : undefined, details);
      }
      const step = String((c.history ?? []).length);
      const cause = { eventId: derivedEventId(id, 'step', step), correlationId: id };
      const changed = this.publisher.causedBy(cause, TOPICS.caseStateChanged, {
        key: id,
        occurredAt: now,
        payload: { caseId: id, complaintIds: c.complaintIds, from: c.state, to: r.next.state, reason: r.record.reason ?? null, changedAt: now.toISOString() },
      });
      const closed =
        r.next.state === 'CLOSED'
          ? [
              this.publisher.causedBy(cause, TOPICS.caseClosed, {
                key: id,
                occurredAt: now,
                payload: { caseId: id, complaintIds: c.complaintIds, result: r.record.action, summary: r.record.reason ?? CASE_STATE_LABELS.CLOSED, closedAt: now.toISOString() },
              }),
            ]
          : [];
      return { set: { state: r.next.state, procedure: r.next.procedure, snapshot: r.next, history: [...(c.history ?? []), r.record] }, events: [changed, ...closed] };
    });
    if (!result) throw DomainError.notFound('CASE_NOT_FOUND', `案件 ${id} 不存在`);
    const after = result.after;
    if (after.state === 'CLOSED') this.casesClosed.inc({ category: after.category });
    return { caseId: id, state: after.state, stateLabel: CASE_STATE_LABELS[after.state], allowedActions: allowedActions(snapshotOf(after)) };
  }
}
