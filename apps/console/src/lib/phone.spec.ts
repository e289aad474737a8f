import { phoneProblem, PHONE_HINT } from './phone';

// Which numbers are valid is specified with the rule itself (libs/domain-terms phone.spec.ts).
describe('caller phone field', () => {
  it.each(['138 1234 1234', '0532-88886666'])('accepts %s', (raw) => expect(phoneProblem(raw)).toBeNull());

  it.each(['12812341234', '0532-888', 'abc13812341234'])('shows the hint for %s', (raw) => expect(phoneProblem(raw)).toBe(PHONE_HINT));

  it('lets an empty field pass: the number is optional', () => {
    expect(phoneProblem('')).toBeNull();
    expect(phoneProblem('   ')).toBeNull();
    expect(phoneProblem(undefined)).toBeNull();
  });
});
