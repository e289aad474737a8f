import { AUTO_CASE_MIN_CONFIDENCE, decideOutcome } from './conversion.rules';

const confidence = (enforceable: number) => ({ category: 0.9, enforceable, urgent: 0.9 });

describe('decideOutcome', () => {
  it.each([
    ['other', true, 0.99, 'forwarded', false],
    ['household_waste', false, 0.95, 'service_request', true],
    ['street_order', true, AUTO_CASE_MIN_CONFIDENCE, 'case', true],
    ['street_order', true, AUTO_CASE_MIN_CONFIDENCE - 0.01, 'candidate', true],
    ['illegal_construction', true, 0.9, 'case', true],
  ] as const)('%s enforceable=%s conf=%s → %s', (category, enforceable, conf, outcome, inScope) => {
    const d = decideOutcome({ category, enforceable, confidence: confidence(conf) });
    expect(d.outcome).toBe(outcome);
    expect(d.inScope).toBe(inScope);
    expect(d.reason).toMatch(/[\u4e00-\u9fa5]/);
  });
});
