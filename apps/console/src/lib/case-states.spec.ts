import { yuanToFen } from './case-states';

describe('amounts', () => {
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
