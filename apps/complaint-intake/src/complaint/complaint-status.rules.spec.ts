import { deriveStatus, type StatusFacts } from './complaint-status.rules';

const t = (minute: number) => new Date(Date.UTC(2024, 2, 2, 0, minute));
const none: StatusFacts = { classification: null, outcome: null, closure: null, lastCallback: null };

describe('deriveStatus', () => {
  it('moves from received through classified to the decided outcome', () => {
    expect(deriveStatus(none)).toBe('received');
    expect(deriveStatus({ ...none, classification: { at: t(1) } })).toBe('classified');
    expect(deriveStatus({ ...none, classification: { at: t(1) }, outcome: { outcome: 'case', at: t(2) } })).toBe('case');
    expect(deriveStatus({ ...none, outcome: { outcome: 'service_request', at: t(2) } })).toBe('service_request');
  });

  it('does not depend on the order the facts arrived in', () => {
    // the outcome can arrive before the classification projection: the outcome still wins
    expect(deriveStatus({ ...none, outcome: { outcome: 'forwarded', at: t(2) }, classification: { at: t(1) } })).toBe('forwarded');
  });

  it('is closed after closure, reopened by a later unsatisfied callback, closed again by a later closure', () => {
    const closed = { ...none, outcome: { outcome: 'service_request' as const, at: t(2) }, closure: { kind: 'handled' as const, at: t(10) } };
    expect(deriveStatus(closed)).toBe('closed');
    expect(deriveStatus({ ...closed, lastCallback: { satisfaction: 'satisfied', at: t(20) } })).toBe('closed');
    expect(deriveStatus({ ...closed, lastCallback: { satisfaction: 'basically_satisfied', at: t(20) } })).toBe('closed');
    expect(deriveStatus({ ...closed, lastCallback: { satisfaction: 'unsatisfied', at: t(20) } })).toBe('reopened');
    expect(deriveStatus({ ...closed, closure: { kind: 'handled', at: t(30) }, lastCallback: { satisfaction: 'unsatisfied', at: t(20) } })).toBe('closed');
  });
});
