import { errorMessage, fieldPath, mapApiErrors } from './form-errors';

describe('API errors onto form fields', () => {
  it('turns field paths into antd name paths', () => {
    expect(fieldPath('text')).toEqual(['text']);
    expect(fieldPath('caller.phone')).toEqual(['caller', 'phone']);
    expect(fieldPath('indicators[2].score')).toEqual(['indicators', 2, 'score']);
    expect(fieldPath('officers[0].certificateNo')).toEqual(['officers', 0, 'certificateNo']);
  });

  it('puts each message next to its field and keeps the rest for the top of the form', () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '请求参数有误',
      errors: [
        { field: 'text', messages: ['text 长度须在 5–2000 字之间'] },
        { field: 'caller.phone', messages: ['phone 须为大陆手机号'] },
        { field: 'reportedAt', messages: ['reportedAt 须为带时区的 ISO 时间'] },
      ],
    };
    const mapped = mapApiErrors(body, ['text', 'caller.phone']);
    expect(mapped.fields).toEqual([
      { name: ['text'], errors: ['text 长度须在 5–2000 字之间'] },
      { name: ['caller', 'phone'], errors: ['phone 须为大陆手机号'] },
    ]);
    expect(mapped.general).toEqual(['reportedAt 须为带时区的 ISO 时间']);
  });

  it('matches a nested error to the field that holds it, and a parent error to a shown child', () => {
    expect(mapApiErrors({ statusCode: 400, errors: [{ field: 'officers[1].certificateNo', messages: ['须填写'] }] }, ['officers']).fields).toEqual([{ name: ['officers'], errors: ['须填写'] }]);
    expect(mapApiErrors({ statusCode: 400, errors: [{ field: 'caller', messages: ['caller 有误'] }] }, ['caller.phone']).fields).toEqual([{ name: ['caller', 'phone'], errors: ['caller 有误'] }]);
  });

  it('shows a body field under the name the form gives it', () => {
    const body = { statusCode: 400, errors: [{ field: 'penalty.fineFen', messages: ['fineFen 须为整数'] }, { field: 'reason', messages: ['须说明理由'] }] };
    expect(mapApiErrors(body, ['fineYuan', 'reason'], { 'penalty.fineFen': 'fineYuan' }).fields).toEqual([
      { name: ['fineYuan'], errors: ['fineFen 须为整数'] },
      { name: ['reason'], errors: ['须说明理由'] },
    ]);
  });

  it('names the field of a message that does not start with it', () => {
    expect(mapApiErrors({ statusCode: 400, errors: [{ field: 'x', messages: ['不合法'] }] }, []).general).toEqual(['x：不合法']);
  });

  it('shows a rule refusal (no field) as one message', () => {
    const refusal = { statusCode: 422, code: 'NEEDS_TWO_OFFICERS', message: '调查取证须有两名以上执法人员' };
    expect(mapApiErrors(refusal, ['reason'])).toEqual({ fields: [], general: ['调查取证须有两名以上执法人员'] });
  });

  it('falls back on a message per status, and on a network message', () => {
    expect(errorMessage({ statusCode: 403 })).toBe('没有权限执行此操作');
    expect(errorMessage({ statusCode: 418 })).toBe('请求失败（418）');
    expect(errorMessage(null)).toBe('网络错误，请检查网络后重试');
    expect(errorMessage({ statusCode: 400, message: ['a', 'b'] })).toBe('a；b');
  });
});
