import { CASE_STATE_CODES, type CaseStateCode } from '@pipeline/contracts';
import { ACTOR, AT, TWO_OFFICERS, policyFor, snapshotFor, validInputFor } from './case-procedure.builders';
import { allowedActions, applyTransition, type CaseSnapshot } from './case-state-machine';
import { OPEN_CASE_STATES, SUSPENDABLE_CASE_STATES, TERMINAL_CASE_STATES } from './case-states';
import { CASE_ACTIONS, CASE_TRANSITIONS, type TransitionRule } from './case-transitions';

const name = (t: TransitionRule) => `${t.from} —${t.action}→ ${t.to}`;
const CHINESE = /[\u4e00-\u9fa5]/;

describe('the transition table', () => {
  it('uses only the contract state codes and the declared actions', () => {
    for (const t of CASE_TRANSITIONS) {
      expect(CASE_STATE_CODES).toContain(t.from);
      expect(CASE_STATE_CODES).toContain(t.to);
      expect(CASE_ACTIONS).toContain(t.action);
      expect(t.label).toMatch(CHINESE);
      expect(t.basis.length).toBeGreaterThan(0);
    }
  });

  it('has one row per (from, action), except resume which has one per state it returns to', () => {
    const keys = CASE_TRANSITIONS.filter((t) => t.action !== 'resume').map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    const resumes = CASE_TRANSITIONS.filter((t) => t.action === 'resume');
    expect(resumes.map((t) => t.to).sort()).toEqual([...SUSPENDABLE_CASE_STATES].sort());
    expect(resumes.every((t) => t.from === 'SUSPENDED')).toBe(true);
  });

  it('uses every action at least once', () => {
    expect(new Set(CASE_TRANSITIONS.map((t) => t.action))).toEqual(new Set(CASE_ACTIONS));
  });

  it('lets nothing leave a terminal state, and every other state has a way out', () => {
    for (const s of TERMINAL_CASE_STATES) expect(CASE_TRANSITIONS.filter((t) => t.from === s)).toEqual([]);
    for (const s of CASE_STATE_CODES.filter((c) => !(TERMINAL_CASE_STATES as readonly string[]).includes(c))) {
      expect(CASE_TRANSITIONS.some((t) => t.from === s)).toBe(true);
    }
  });

  it('reaches every state from LEAD, and ARCHIVED from every open state', () => {
    const reach = (from: CaseStateCode, edges: (t: TransitionRule) => [CaseStateCode, CaseStateCode]) => {
      const seen = new Set<CaseStateCode>([from]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const t of CASE_TRANSITIONS) {
          const [a, b] = edges(t);
          if (seen.has(a) && !seen.has(b)) {
            seen.add(b);
            grew = true;
          }
        }
      }
      return seen;
    };
    expect(reach('LEAD', (t) => [t.from, t.to])).toEqual(new Set(CASE_STATE_CODES));
    const canArchive = reach('ARCHIVED', (t) => [t.to, t.from]);
    for (const s of OPEN_CASE_STATES) expect(canArchive.has(s)).toBe(true);
  });

  it('lets every suspendable state be suspended with a reason', () => {
    for (const s of SUSPENDABLE_CASE_STATES) {
      const row = CASE_TRANSITIONS.find((t) => t.from === s && t.action === 'suspend');
      expect(row).toMatchObject({ to: 'SUSPENDED', requires: { reason: true } });
    }
    expect(CASE_TRANSITIONS.some((t) => t.from === 'TERMINATED' && t.action === 'suspend')).toBe(false);
  });

  it('asks a reason of every arrow into NOT_FILED, FILING_REVOKED, TERMINATED, SUSPENDED and TRANSFERRED', () => {
    const needsReason = CASE_TRANSITIONS.filter((t) => ['NOT_FILED', 'FILING_REVOKED', 'TERMINATED', 'SUSPENDED', 'TRANSFERRED'].includes(t.to));
    expect(needsReason.length).toBe(5 + SUSPENDABLE_CASE_STATES.length);
    for (const t of needsReason) expect(t.requires.reason).toBe(true);
  });

  it('asks two officers of the investigation steps and the on-the-spot decision', () => {
    expect(CASE_TRANSITIONS.filter((t) => t.requires.twoOfficers).map((t) => t.action).sort()).toEqual([
      'decide_on_spot',
      'finish_investigation',
      'start_investigation',
    ]);
  });

  it('never decides a penalty straight after a hearing: 法制审核 comes first (Art. 58)', () => {
    expect(CASE_TRANSITIONS.filter((t) => t.from === 'HEARING').map((t) => t.to).sort()).toEqual(['LEGAL_REVIEW', 'REVIEW', 'SUSPENDED']);
  });
});

describe.each(CASE_TRANSITIONS.map((t) => [name(t), t] as const))('%s', (_name, row) => {
  const snapshot = snapshotFor(row);
  const policy = policyFor(row);

  it('is offered by allowedActions and applies', () => {
    expect(allowedActions(snapshot, policy)).toContainEqual({ action: row.action, to: row.to, label: row.label });
    const input = validInputFor(row);
    const result = applyTransition(snapshot, row.action, input, ACTOR, AT, policy);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect(result.next.state).toBe(row.to);
    expect(result.next.since).toEqual(AT);
    expect(result.record).toMatchObject({ action: row.action, from: row.from, to: row.to, actorId: ACTOR.id, at: AT });
    expect(result.record.documents).toEqual(input.documents ?? []);
    expect(result.record.reason).toBe(input.reason ?? null);
    if (row.requires.twoOfficers) expect(result.record.officers).toEqual(TWO_OFFICERS);
  });

  if (row.requires.reason) {
    it.each([undefined, '', '   '])('refuses reason %j with MISSING_REASON', (reason) => {
      const result = applyTransition(snapshot, row.action, { ...validInputFor(row), reason }, ACTOR, AT, policy);
      expect(result).toMatchObject({ ok: false, code: 'MISSING_REASON', kind: 'rule_broken', field: 'reason' });
    });
  }

  if (row.requires.twoOfficers) {
    it.each([
      ['none', []],
      ['one', [TWO_OFFICERS[0]]],
      ['the same officer twice', [TWO_OFFICERS[0], TWO_OFFICERS[0]]],
      ['two ids on one certificate', [TWO_OFFICERS[0], { ...TWO_OFFICERS[1], certificateNo: TWO_OFFICERS[0].certificateNo }]],
    ])('refuses %s with NEEDS_TWO_OFFICERS', (_what, officers) => {
      const result = applyTransition(snapshot, row.action, { ...validInputFor(row), officers }, ACTOR, AT, policy);
      expect(result).toMatchObject({ ok: false, code: 'NEEDS_TWO_OFFICERS', field: 'officers' });
    });

    it('refuses an officer without certificate number', () => {
      const officers = [TWO_OFFICERS[0], { ...TWO_OFFICERS[1], certificateNo: ' ' }];
      const result = applyTransition(snapshot, row.action, { ...validInputFor(row), officers }, ACTOR, AT, policy);
      expect(result).toMatchObject({ ok: false, code: 'OFFICER_NOT_CERTIFIED' });
      if (!result.ok) expect(result.message).toContain('李敏');
    });
  }

  if (row.requires.documents) {
    it('refuses without documents, naming those expected', () => {
      const result = applyTransition(snapshot, row.action, { ...validInputFor(row), documents: [] }, ACTOR, AT, policy);
      expect(result).toMatchObject({ ok: false, code: 'MISSING_DOCUMENTS', field: 'documents' });
      if (!result.ok) expect(result.message).toContain(row.requires.documents?.[0]);
    });
  }

  for (const guard of row.guards) {
    it(`is not offered when its guard ${guard} fails`, () => {
      const broken: CaseSnapshot = {
        legal_review_cleared: { ...snapshot, legalReviewDone: false, hearingHeld: true },
        notice_served: { ...snapshot, notice: null },
        hearing_right_notified: { ...snapshot, notice: snapshot.notice ? { ...snapshot.notice, hearingRight: false } : null },
        decision_needs_execution: { ...snapshot, decision: { kind: 'no_penalty', ground: 'no_fault', explanation: '无过错' } as const },
        nothing_to_execute: { ...snapshot, decision: { kind: 'penalty', legalBasis: '某条', fineFen: 100 } as const },
        resumes_suspended_state: { ...snapshot, suspendedFrom: row.to === 'LEAD' ? ('FILED' as const) : ('LEAD' as const) },
      }[guard];
      expect(allowedActions(broken, policy)).not.toContainEqual(expect.objectContaining({ action: row.action, to: row.to }));
      const result = applyTransition(broken, row.action, validInputFor(row), ACTOR, AT, policy);
      if (guard === 'resumes_suspended_state') {
        // resume then goes back where that case came from, never to row.to
        expect(result.ok && result.next.state).toBe(broken.suspendedFrom);
      } else {
        expect(result).toMatchObject({ ok: false, kind: 'rule_broken' });
      }
    });
  }
});
