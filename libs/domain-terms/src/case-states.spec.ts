import { CASE_STATE_CODES, caseStateLabel } from './case-states';

describe('case states', () => {
  it('names a known state and shows an unknown code as it came', () => {
    expect(caseStateLabel('FILED')).toBe('已立案');
    expect(caseStateLabel('SOMETHING_NEWER')).toBe('SOMETHING_NEWER');
    expect(caseStateLabel('toString')).toBe('toString');
  });

  it('lists every state code once', () => {
    expect(new Set(CASE_STATE_CODES).size).toBe(CASE_STATE_CODES.length);
    expect(CASE_STATE_CODES).toContain('ON_SPOT_DECISION');
  });
});
