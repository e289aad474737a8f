import type { Principal } from '@pipeline/auth';
import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@pipeline/calendar';
import { CASE_STATE_LABELS, METRICS, TOPICS, derivedEventId } from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/http';
import { EventPublisher } from '@pipeline/kafka';
import { squadById, suggestSquadsForPlace, validateReassignment } from '../dispatch/dispatch.rules';
import { openBySquad } from './case-counts.rules';
import { caseErrors } from './case.errors';
import { CaseRepository, type CaseRecord } from './case.repository';
import { checkExtension } from './deadlines/deadline-calculator';
import { computeDeadlines, type DeadlineView } from './deadlines/deadline-view';
import type { ExtensionDto } from './dto/extension.dto';
import { deadlineFactsFromHistory } from './deadlines/deadline-facts';
import type { AssignCaseDto } from './dto/assign.dto';
import type { ListCasesQuery } from './dto/list-cases.query';
import type { TransitionDto } from './dto/transition.dto';
import { caseIdFor, type OpenCaseCommand } from './open-case.command';
import { allowedActions, allowedActionsWithRequirements, applyTransition, newCaseSnapshot, type CaseSnapshot } from './procedure/case-state-machine';

const snapshotOf = (c: CaseRecord): CaseSnapshot => c.snapshot ?? newCaseSnapshot(c.openedAt, c.procedure);

@Injectable()
export class CaseService {
  private readonly casesOpened;
  private readonly casesClosed;

  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: EventPublisher,
    private readonly calendar: WorkingCalendar,
    metrics: ServiceMetrics,
  ) {
    this.casesOpened = metrics.counter(METRICS.casesOpened);
    this.casesClosed = metrics.counter(METRICS.casesClosed);
  }

  /**
   * Opens a case (a lead, LEAD) for a complaint and assigns it, to the squad
   * chosen or the least loaded one covering the spot, with both events in
   * the case's write. Its id derives from the complaint, so a repeat opens
   * nothing new. Returns the case's id.
   */
  async open(command: OpenCaseCommand): Promise<string> {
    const { complaintId, category, urgent, place, cause, at: now, by, squad } = command;
    const caseId = caseIdFor(complaintId);
    const [suggested] = squad ? [] : suggestSquadsForPlace(place, openBySquad(await this.cases.countBySquadAndState()));
    const squadId = squad?.squadId ?? suggested?.squadId ?? null;
    const assignReason = squad?.reason ?? (suggested?.reasons.join('；').slice(0, 200) || '按辖区分派');
    const opened = this.publisher.causedBy(cause, TOPICS.caseOpened, {
      key: caseId,
      occurredAt: now,
      payload: { caseId, complaintIds: [complaintId], category, procedure: 'general', state: 'LEAD', ...place, openedAt: now.toISOString() },
    });
    const assigned = squadId
      ? [
          this.publisher.causedBy(cause, TOPICS.caseAssigned, {
            key: caseId,
            occurredAt: now,
            payload: { caseId, complaintIds: [complaintId], squadId, previousSquadId: null, reason: assignReason, assignedBy: by, assignedAt: now.toISOString() },
          }),
        ]
      : [];
    const created = await this.cases.insertIfAbsent(
      { _id: caseId, complaintIds: [complaintId], category, procedure: 'general', state: 'LEAD', ...place, urgent, squadId, openedAt: now, snapshot: newCaseSnapshot(now), history: [], breachedDeadlines: [], extensions: [] },
      [opened, ...assigned],
    );
    if (created) this.casesOpened.inc({ category });
    return caseId;
  }

  /** Adds a repeat of its incident to an open case; false when the case does not exist. */
  attach(caseId: string, complaintId: string): Promise<boolean> {
    return this.cases.attachComplaint(caseId, complaintId);
  }

  async list(query: ListCasesQuery): Promise<{ items: CaseRecord[] }> {
    return { items: await this.cases.list(query, query.limit ?? 50) };
  }

  private async found(id: string): Promise<CaseRecord> {
    const c = await this.cases.findById(id);
    if (!c) throw caseErrors.notFound(id);
    return c;
  }

  private deadlines(c: CaseRecord, now: Date): DeadlineView[] {
    // the lead's check clock (D1) starts when the case was opened from the complaint
    const known = { timeline: { leadReceivedAt: c.openedAt }, extensions: c.extensions ?? [] };
    return computeDeadlines(deadlineFactsFromHistory(snapshotOf(c), c.history ?? [], known), this.calendar, now);
  }

  /**
   * An officer changes only the cases of their own squad; dispatchers and
   * administrators change any.
   */
  async assertMayChange(id: string, user: Principal): Promise<void> {
    if (user.roles.some((r) => r === 'dispatcher' || r === 'admin')) return;
    const c = await this.found(id);
    if (!user.squadId || c.squadId !== user.squadId) {
      throw caseErrors.notInSquad(id, user.squadId);
    }
  }

  /** The case with its state, the steps allowed next and every deadline that applies now. */
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
      if (!current) throw caseErrors.deadlineNotRunning(dto.deadline, c.state);
      const proposed = { key: dto.deadline, approvedBy: dto.approvedBy, approvalRef: dto.approvalRef, days: dto.days, at: now, collective: dto.collective ?? false };
      const check = checkExtension(dto.deadline, (c.extensions ?? []).filter((e) => e.key === dto.deadline), proposed, current.dueAt ? new Date(current.dueAt) : null);
      if (!check.ok) throw caseErrors.extensionRefused(check.code, check.message);
      return { set: { extensions: [...(c.extensions ?? []), proposed] }, events: [] };
    });
    if (!result) throw caseErrors.notFound(id);
    return { caseId: id, deadlines: this.deadlines(result.after, now).filter((d) => d.key === dto.deadline) };
  }

  /** Assigns a case to a squad, or moves it to another one with a reason. */
  async assign(id: string, dto: AssignCaseDto) {
    await this.found(id);
    if (!squadById(dto.squadId)) throw caseErrors.squadNotFound(dto.squadId);
    const now = new Date();
    const result = await this.cases.step(id, (c) => {
      if (c.squadId) {
        const check = validateReassignment(c.squadId, dto.squadId, dto.reason);
        if (!check.ok) throw caseErrors.reassignmentRefused(check.errors);
      }
      const cause = { eventId: derivedEventId(id, 'assign', String((c.history ?? []).length), dto.squadId), correlationId: id };
      const assigned = this.publisher.causedBy(cause, TOPICS.caseAssigned, {
        key: id,
        occurredAt: now,
        payload: { caseId: id, complaintIds: c.complaintIds, squadId: dto.squadId, previousSquadId: c.squadId, reason: dto.reason, assignedBy: dto.dispatcher, assignedAt: now.toISOString() },
      });
      return { set: { squadId: dto.squadId }, events: [assigned] };
    });
    if (!result) throw caseErrors.notFound(id);
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
      if (!r.ok) throw caseErrors.transitionRefused(r, c.state);
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
    if (!result) throw caseErrors.notFound(id);
    const after = result.after;
    if (after.state === 'CLOSED') this.casesClosed.inc({ category: after.category });
    return { caseId: id, state: after.state, stateLabel: CASE_STATE_LABELS[after.state], allowedActions: allowedActions(snapshotOf(after)) };
  }
}
