import { isValidPhone, maskName, maskPhone } from './caller.rules';

// How numbers are normalised is specified with the rule itself (libs/domain-terms phone.spec.ts).
describe('caller rules', () => {
  it.each(['13812341234', '+86 138 1234 1234', '0532-88886666'])('accepts %s', (raw) => expect(isValidPhone(raw)).toBe(true));

  it.each(['12812341234', '88886666', '', '+1 415 555 0100', undefined, 13812341234])('refuses %s', (raw) => {
    expect(isValidPhone(raw)).toBe(false);
  });

  it('masks phones, keeping the first three (or the area code) and the last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0532-88886666')).toBe('0532-****6666');
    expect(maskPhone('010-1234567')).toBe('010-***4567');
  });

  it('masks names to the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName(' 王先生 ')).toBe('王**');
  });
});
