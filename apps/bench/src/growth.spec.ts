import { copyOf, currentQuarter, storesOf } from './growth';

describe('growth seeding', () => {
  const [intake, cases] = storesOf({ intake: 'i', cases: 'c', evaluation: 'e' });

  it('gives a copy its own id and unique keys, and an empty outbox so nothing is published again', () => {
    const template = { _id: 'c-1', dedupeKey: 'hotline:W1', text: '占道经营', outbox: [{ eventId: 'e' }], outboxSeq: 3, outboxPendingSince: new Date() };
    const copy = copyOf(template, intake);
    expect(copy._id).not.toBe('c-1');
    expect(copy.dedupeKey).toBe(copy._id);
    expect(copy).toMatchObject({ text: '占道经营', outbox: [], outboxSeq: 0 });
    expect(copy).not.toHaveProperty('outboxPendingSince');
    expect(copyOf(template, intake)._id).not.toBe(copy._id);
    const record = copyOf({ _id: 'r-1', category: 'street_order', repeatOf: 'r-0', incidentId: 'r-0' }, cases);
    expect(record).toMatchObject({ category: 'street_order', repeatOf: null, incidentId: record._id });
  });

  it('names the quarter in Shanghai time', () => {
    expect(currentQuarter(new Date('2026-12-05T12:00:00Z'))).toBe('2026Q4');
    // 31 March 17:00 UTC is already 1 April in Shanghai
    expect(currentQuarter(new Date('2026-03-31T17:00:00Z'))).toBe('2026Q2');
    expect(currentQuarter(new Date('2026-01-01T00:00:00+08:00'))).toBe('2026Q1');
  });
});
