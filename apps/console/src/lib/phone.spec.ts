import { normalisePhone, phoneProblem, PHONE_HINT } from './phone';

describe('caller phone validation', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['0532-88886666', '0532-88886666'],
    ['053288886666', '0532-88886666'],
    ['(010) 1234 5678', '010-12345678'],
    ['021-1234567', '021-1234567'],
  ])('accepts %s as %s', (raw, normal) => expect(normalisePhone(raw)).toBe(normal));

  it.each(['12812341234', '1381234123', '138123412345', '88886666', '0532-888', 'abc13812341234', '0032-88886666'])('refuses %s', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
    expect(phoneProblem(raw)).toBe(PHONE_HINT);
  });

  it('lets an empty field pass: the number is optional', () => {
    expect(phoneProblem('')).toBeNull();
    expect(phoneProblem('   ')).toBeNull();
    expect(phoneProblem(undefined)).toBeNull();
  });
});
