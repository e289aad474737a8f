import { isValidPhone, maskName, maskPhone, normalisePhone } from './caller.rules';

describe('caller rules', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['0086-13812341234', '13812341234'],
    ['0532-88886666', '0532-88886666'],
    ['053288886666', '0532-88886666'],
    ['(0532) 8888 666', '0532-8888666'],
    ['010-12345678', '010-12345678'],
  ])('normalises %s to %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));

  it.each(['12812341234', '1381234123', '138123412345', 'abc13812341234', '88886666', '', '+1 415 555 0100'])('refuses %s', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
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
