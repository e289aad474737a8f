import { CASE_STATE_LABELS as CONTRACT_LABELS } from '@pipeline/contracts';
import { CASE_STATE_LABELS, yuanToFen } from './case-states';

describe('case states and amounts', () => {
  it("names every case state as the contracts do", () => {
    expect(CASE_STATE_LABELS).toEqual(CONTRACT_LABELS);
  });

  it('turns yuan into fen without floating point drift', () => {
    expect(yuanToFen(50)).toBe(5000);
    expect(yuanToFen(12.3)).toBe(1230);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(200.005)).toBe(20001);
    expect(yuanToFen(undefined)).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
    expect(yuanToFen('abc')).toBeUndefined();
  });
});
