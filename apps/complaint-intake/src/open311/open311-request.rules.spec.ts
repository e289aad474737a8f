import { DomainError, isCategoryCode } from '@pipeline/contracts';
import { assertJurisdiction, assertSafeKeys, maskPhonesInText, mediaType, parseNewRequest, parseRequestsQuery } from './open311-request.rules';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return (err.errors ?? []).map((e) => e.field).sort();
    throw err;
  }
  throw new Error('no error thrown');
};

const base = { description: '台东三路夜市烧烤摊占道经营', lat: '36.0671', long: '120.3826' };

describe('parseNewRequest', () => {
  it('builds the complaint text with a line of attribute answers, from form or JSON shapes alike', () => {
    const form = parseNewRequest({ ...base, description: '家里燃气灶附近有异味', 'attribute[gas_smell]': 'yes' }, 'gas');
    const json = parseNewRequest({ ...base, description: '家里燃气灶附近有异味', attribute: { gas_smell: 'yes' } }, 'gas');
    expect(form.text).toBe('家里燃气灶附近有异味\n【是否闻到燃气味：是】');
    expect(json.text).toBe(form.text);
    expect(parseNewRequest({ ...base, attribute: { indoor_temperature: '16.5' } }, 'heating').text).toMatch(/【室内温度（℃）：16.5】$/);
    // an optional question left out adds nothing
    expect(parseNewRequest(base, 'construction_site').text).toBe(base.description);
  });

  it('accepts coordinates as numbers (JSON) or strings (form), or an address alone', () => {
    expect(parseNewRequest({ ...base, lat: 36.0671, long: 120.3826 }, 'street_order').location).toEqual({ lat: 36.0671, lng: 120.3826 });
    const r = parseNewRequest({ description: base.description, address_string: '市北区台东三路 88 号' }, 'street_order');
    expect(r).toMatchObject({ location: null, address: '市北区台东三路 88 号', caller: null, media: null });
  });

  it('keeps the contact for the vault: Chinese names surname first, the phone normalised', () => {
    expect(parseNewRequest({ ...base, first_name: '建国', last_name: '王', phone: '+86 139 1234 5678', email: 'w@example.cn' }, 'street_order').caller).toEqual({
      name: '王建国',
      phone: '13912345678',
    });
    expect(parseNewRequest({ ...base, first_name: 'Anna', last_name: 'Schmidt' }, 'street_order').caller).toEqual({ name: 'Anna Schmidt', phone: null });
  });

  it('types a media_url by its extension', () => {
    expect(parseNewRequest({ ...base, media_url: 'https://img.example.cn/a/b.JPG?x=1' }, 'street_order').media).toEqual({ url: 'https://img.example.cn/a/b.JPG?x=1', contentType: 'image/jpeg' });
    expect(mediaType('https://img.example.cn/photo')).toBe('application/octet-stream');
  });

  it.each([
    ['no description', { lat: '36.06', long: '120.38' }, 'street_order', ['description']],
    ['a description of 4 characters', { ...base, description: '有人摆摊' }, 'street_order', ['description']],
    ['no location', { description: base.description }, 'street_order', ['address_string']],
    ['lat without long', { description: base.description, lat: '36.06' }, 'street_order', ['long']],
    ['a point outside Qingdao', { ...base, lat: '39.9042', long: '116.4074' }, 'street_order', ['lat']],
    ['malformed coordinates', { ...base, lat: '36,06', long: 'east' }, 'street_order', ['lat', 'long']],
    ['a malformed phone', { ...base, phone: '1234567' }, 'street_order', ['phone']],
    ['an ftp media_url', { ...base, media_url: 'ftp://x.cn/a.jpg' }, 'street_order', ['media_url']],
    ['a missing required answer', base, 'gas', ['attribute[gas_smell]']],
    ['an answer outside the list', { ...base, 'attribute[gas_smell]': 'maybe' }, 'gas', ['attribute[gas_smell]']],
    ['two answers to a single-value question', { ...base, attribute: { gas_smell: ['yes', 'no'] } }, 'gas', ['attribute[gas_smell]']],
    ['a temperature out of range', { ...base, attribute: { indoor_temperature: '99' } }, 'heating', ['attribute[indoor_temperature]']],
    ['a repeated description', { ...base, description: ['占道经营烧烤', '占道经营烧烤'] }, 'street_order', ['description']],
    ['a description too long with its answers', { ...base, description: '占'.repeat(2000), 'attribute[fall_risk]': 'yes' }, 'advertising', ['description']],
  ] as const)('refuses %s, naming the field', (_name, body, code, fields) => {
    expect(fieldsOf(() => parseNewRequest({ ...body } as Record<string, unknown>, code))).toEqual([...fields].sort());
  });

  it('drops control characters from the text', () => {
    expect(parseNewRequest({ ...base, description: '路边\u0007有人\u0000摆摊卖水果' }, 'street_order').text).toBe('路边有人摆摊卖水果');
  });
});

describe('assertSafeKeys and assertJurisdiction', () => {
  it.each([{ $where: '1' }, { constructor: 'x' }, { attribute: { $gt: '' } }, JSON.parse('{"__proto__": {"admin": true}}'), { a: [{ prototype: 1 }] }])('refuses %j', (input) => {
    expect(() => assertSafeKeys(input)).toThrow(DomainError);
  });

  it('leaves other unknown fields alone (spec leniency)', () => {
    expect(() => assertSafeKeys({ device_id: 'x', account_id: '1', foo: { bar: 'baz' } })).not.toThrow();
  });

  it('knows one jurisdiction', () => {
    expect(() => assertJurisdiction(undefined)).not.toThrow();
    expect(() => assertJurisdiction('Qingdao.gov.cn')).not.toThrow();
    expect(() => assertJurisdiction('beijing.gov.cn')).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => assertJurisdiction(['qingdao.gov.cn'])).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});

describe('parseRequestsQuery', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  const day = 24 * 3600_000;

  it('searches the last 90 days by default', () => {
    expect(parseRequestsQuery({}, isCategoryCode, now)).toEqual({ serviceCodes: undefined, closed: undefined, from: new Date(now.getTime() - 90 * day), to: undefined });
  });

  it('lets service_request_id override every other filter', () => {
    expect(parseRequestsQuery({ service_request_id: 'a,b , a', status: 'closed', start_date: 'nonsense' }, isCategoryCode, now)).toEqual({ ids: ['a', 'b'] });
  });

  it('reads comma lists and repeated fields, and an inclusive window', () => {
    const q = parseRequestsQuery({ service_code: ['gas,heating', 'gas'], status: 'open', start_date: '2024-03-01T00:00:00+08:00', end_date: '2024-03-31T23:59:59+08:00' }, isCategoryCode, now);
    expect(q).toEqual({ serviceCodes: ['gas', 'heating'], closed: false, from: new Date('2024-02-29T16:00:00Z'), to: new Date('2024-03-31T15:59:59.001Z') });
    expect(parseRequestsQuery({ status: 'open,closed' }, isCategoryCode, now).closed).toBeUndefined();
  });

  it.each([
    [{ status: 'pending' }, ['status']],
    [{ service_code: 'gas,potholes' }, ['service_code']],
    [{ start_date: '2024-03-01' }, ['start_date']],
    [{ end_date: '2024-03-01T08:00:00' }, ['end_date']],
    [{ start_date: '2024-01-01T00:00:00Z', end_date: '2024-05-01T00:00:00Z' }, ['end_date']],
    [{ start_date: '2024-05-01T00:00:00Z', end_date: '2024-04-01T00:00:00Z' }, ['end_date']],
    [{ service_request_id: 'a;b' }, ['service_request_id']],
  ])('refuses %j', (query, fields) => {
    expect(fieldsOf(() => parseRequestsQuery(query, isCategoryCode, now))).toEqual(fields);
  });
});

describe('maskPhonesInText', () => {
  it('masks mobile and landline numbers written into a text, and nothing else', () => {
    expect(maskPhonesInText('请联系我 13912345678 或 0532-88886666，工单 QD2024030200017')).toBe('请联系我 139****5678 或 0532-****6666，工单 QD2024030200017');
    expect(maskPhonesInText('电话+86 139 1234 5678')).toBe('电话139****5678');
    expect(maskPhonesInText('共 12 户，面积 120 平方米')).toBe('共 12 户，面积 120 平方米');
  });
});
