import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { validateEnv } from '@pipeline/config';
import { CATEGORY_CODES, TOPICS, createEnvelope, physicalTopicName, type TopicContract } from '@pipeline/contracts';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, eventually, testDbName, testInfra, testNamespace, TopicReader } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import type { ComplaintRecord } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { IntakeEnv } from '../intake.env';
import { DEV_OPEN311_API_KEY } from './open311.env';
import { MAX_REQUESTS } from './open311-request.rules';

/*
 * Conformance with Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2),
 * against the service on the real broker and store. Every object any call
 * answers, JSON or XML, is checked against the field table below.
 */

/** `?` allows null; `{ list }` is a list of that kind (or of strings). */
type FieldType = 'string' | 'string?' | 'number' | 'number?' | 'boolean' | 'datetime' | 'datetime?' | readonly string[] | { list: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely once conform() has checked their shape
type Answer = any;

/** The spec's fields and types, once. */
const SPEC = {
  discovery: { changeset: 'datetime', contact: 'string', key_service: 'string', endpoints: { list: 'endpoint' } },
  endpoint: { specification: 'string', url: 'string', changeset: 'datetime', type: ['production', 'test'], formats: { list: 'string' } },
  service: {
    service_code: 'string', service_name: 'string', description: 'string', metadata: 'boolean',
    type: ['realtime', 'batch', 'blackbox'], keywords: 'string', group: 'string',
  },
  service_definition: { service_code: 'string', attributes: { list: 'attribute' } },
  attribute: {
    variable: 'boolean', code: 'string', datatype: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
    required: 'boolean', datatype_description: 'string?', order: 'number', description: 'string', values: { list: 'value' },
  },
  value: { key: 'string', name: 'string' },
  created: { service_request_id: 'string', service_notice: 'string?', account_id: 'string?' },
  token: { service_request_id: 'string?', token: 'string' },
  request: {
    service_request_id: 'string', status: ['open', 'closed'], status_notes: 'string?', service_name: 'string?', service_code: 'string?',
    description: 'string?', agency_responsible: 'string?', service_notice: 'string?', requested_datetime: 'datetime',
    updated_datetime: 'datetime?', expected_datetime: 'datetime?', address: 'string?', address_id: 'string?', zipcode: 'string?',
    lat: 'number?', long: 'number?', media_url: 'string?',
  },
  error: { code: 'number', description: 'string' },
} satisfies Record<string, Record<string, FieldType>>;
type Kind = keyof typeof SPEC;

/** XML item element of each list field (spec element names). */
const ITEM_ELEMENT: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const HAN = /[\u4e00-\u9fa5]/;

/** Checks one JSON object against its kind, recursing into lists; returns it typed loosely for further checks. */
function conform(kind: Kind, obj: unknown): Answer {
  expect(obj).toEqual(expect.any(Object));
  const o = obj as Record<string, unknown>;
  const fields = SPEC[kind] as Record<string, FieldType>;
  expect(Object.keys(o).sort()).toEqual(Object.keys(fields).sort());
  for (const [field, type] of Object.entries(fields)) {
    const v = o[field];
    const where = `${kind}.${field} = ${JSON.stringify(v)}`;
    if (typeof type === 'object' && !('list' in type)) expect([where, type.includes(v as string)]).toEqual([where, true]);
    else if (typeof type === 'object') {
      expect([where, Array.isArray(v)]).toEqual([where, true]);
      for (const item of v as unknown[]) {
        if (type.list === 'string') expect(typeof item).toBe('string');
        else conform(type.list as Kind, item);
      }
    } else {
      if (v === null) expect([where, type.endsWith('?')]).toEqual([where, true]);
      else if (type.startsWith('datetime')) expect([where, typeof v === 'string' && W3C.test(v)]).toEqual([where, true]);
      else expect([where, typeof v]).toEqual([where, type.replace('?', '')]);
    }
  }
  return o;
}

/** Reads an XML object as the JSON it stands for, checking each text against its type on the way. */
function fromXml(kind: Kind, node: unknown): Record<string, unknown> {
  const o = (node === '' ? {} : node) as Record<string, unknown>;
  const fields = SPEC[kind] as Record<string, FieldType>;
  expect(Object.keys(o).sort()).toEqual(Object.keys(fields).sort());
  const out: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(fields)) {
    const text = o[field];
    const where = `<${kind}><${field}>${JSON.stringify(text)}`;
    if (typeof type === 'object' && 'list' in type) {
      const items = text === '' ? [] : ((text as Record<string, unknown[]>)[ITEM_ELEMENT[field]] ?? []);
      out[field] = items.map((item) => (type.list === 'string' ? item : fromXml(type.list as Kind, item)));
      continue;
    }
    expect([where, typeof text]).toEqual([where, 'string']);
    const s = text as string;
    if (s === '' && typeof type === 'string' && type.endsWith('?')) out[field] = null;
    else if (type === 'number' || type === 'number?') {
      expect([where, NUMERIC.test(s)]).toEqual([where, true]);
      out[field] = Number(s);
    } else if (type === 'boolean') {
      expect([where, ['true', 'false'].includes(s)]).toEqual([where, true]);
      out[field] = s === 'true';
    } else out[field] = s;
  }
  return out;
}

const xmlParser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value'].includes(name),
});

/** A well-formed GeoReport XML document: declaration, content type, validator, then parsed. */
function xmlOf(res: Response): Answer {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(res.text)).toBe(true);
  return xmlParser.parse(res.text);
}

function jsonOf(res: Response): Answer {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(res.text);
}

/** The items of an XML list (`<services><service>…`), empty for `<services/>`. */
function itemsOf(doc: Answer, root: string, item: string): unknown[] {
  return doc[root] === '' ? [] : doc[root][item];
}

/** Every error answer: HTTP status = each error's code, spec fields, Chinese description. */
function errorsOf(res: Response, status: number, format: 'json' | 'xml' = 'json'): string[] {
  expect(res.status).toBe(status);
  const errors = format === 'xml' ? itemsOf(xmlOf(res), 'errors', 'error').map((e) => fromXml('error', e)) : jsonOf(res);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    conform('error', e);
    expect(e.code).toBe(status);
    expect(e.description).toMatch(HAN);
  }
  return errors.map((e: { description: string }) => e.description);
}

const PHONE = '13912345678';
const FIRST_NAME = '建国';
const LAST_NAME = '王';
const JURISDICTION = 'qingdao.gov.cn';

describe('Open311 GeoReport v2 on the real broker and store', () => {
  const ns = testNamespace('open311');
  const infra = testInfra();
  let app: INestApplication;
  let producer: Producer;
  let received: TopicReader;
  const api = '/open311/v2';
  const topic = (t: TopicContract) => physicalTopicName(t.name, ns);
  const http = () => apiClient(app.getHttpServer());
  const get = (path: string) => http().get(`${api}/${path}`);
  const postForm = (path: string, fields: Record<string, string>) =>
    http().post(`${api}/${path}`).set('content-type', 'application/x-www-form-urlencoded').send(new URLSearchParams(fields).toString());
  const postJson = (path: string, body: unknown) => http().post(`${api}/${path}`).set('content-type', 'application/json').send(JSON.stringify(body));
  const emit = async <P extends object>(t: TopicContract<P>, key: string, payload: P) => {
    const envelope = createEnvelope({ type: t.type, version: t.version, producer: 'test-producer', key, payload });
    await producer.send({ topic: topic(t), messages: [{ key, value: JSON.stringify(envelope) }] });
  };
  const readRequest = async (id: string) => conform('request', jsonOf(await get(`requests/${id}.json`).expect(200))[0]);

  beforeAll(async () => {
    const env = validateEnv(IntakeEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'intake'), KAFKA_TOPIC_PREFIX: ns });
    app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, consumes: true, bodyLimit: env.HTTP_BODY_LIMIT, logLevel: 'silent' });
    producer = new Kafka({ clientId: 'test', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    received = await new TopicReader(infra.kafkaBrokers, [topic(TOPICS.complaintReceived)]).start();
  });

  afterAll(async () => {
    await Promise.all([received?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  describe('discovery', () => {
    it('lists the GeoReport v2 endpoint with both formats, in JSON and XML alike', async () => {
      // the gateway keeps the Host header, so the endpoint URL is the one the client used
      const asGateway = (path: string) => get(path).set('host', '127.0.0.1:3000');
      const json = conform('discovery', jsonOf(await asGateway('discovery.json').expect(200)));
      expect(json.endpoints).toHaveLength(1);
      expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'test', url: 'http://127.0.0.1:3000/open311/v2' });
      expect([...json.endpoints[0].formats].sort()).toEqual(['application/json', 'text/xml']);
      const xml = conform('discovery', fromXml('discovery', xmlOf(await asGateway('discovery.xml').expect(200)).discovery));
      expect(xml).toEqual(json);
      // no extension: JSON
      expect(jsonOf(await asGateway('discovery').expect(200))).toEqual(json);
      const tls = jsonOf(await get('discovery.json').set('host', 'open311.qingdao.gov.cn').set('x-forwarded-proto', 'https').expect(200));
      expect(tls.endpoints[0].url).toBe('https://open311.qingdao.gov.cn/open311/v2');
      const forged = jsonOf(await get('discovery.json').set('host', 'evil.cn/"><x').expect(200));
      expect(forged.endpoints[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open311\/v2$/);
    });
  });

  describe('services', () => {
    it('offers one service per category: 13, with Chinese names, groups and keywords', async () => {
      const services = jsonOf(await get('services.json').expect(200)).map((s: unknown) => conform('service', s));
      expect(services.map((s: { service_code: string }) => s.service_code)).toEqual([...CATEGORY_CODES]);
      for (const s of services) {
        expect(s.service_name).toMatch(HAN);
        expect(s.group).toMatch(HAN);
        expect(s.keywords.split(',').length).toBeGreaterThan(1);
        expect(s.type).toBe('realtime');
      }
      expect(services.find((s: { service_code: string }) => s.service_code === 'gas')).toMatchObject({ service_name: '燃气', group: '公用事业', metadata: true });
      expect(services.filter((s: { metadata: boolean }) => s.metadata).map((s: { service_code: string }) => s.service_code).sort()).toEqual([
        'advertising', 'construction_site', 'gas', 'greenery', 'heating',
      ]);
      const xml = itemsOf(xmlOf(await get('services.xml').expect(200)), 'services', 'service').map((s) => conform('service', fromXml('service', s)));
      expect(xml).toEqual(services);
      expect(jsonOf(await get(`services?jurisdiction_id=${JURISDICTION}`).expect(200))).toEqual(services);
    });

    it('defines the attributes of a service that has them', async () => {
      const gas = conform('service_definition', jsonOf(await get('services/gas.json').expect(200)));
      expect(gas.service_code).toBe('gas');
      expect(gas.attributes).toEqual([
        expect.objectContaining({
          variable: true, code: 'gas_smell', datatype: 'singlevaluelist', required: true, order: 1, description: '是否闻到燃气味',
          values: [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }],
        }),
      ]);
      const xml = conform('service_definition', fromXml('service_definition', xmlOf(await get('services/gas.xml').expect(200)).service_definition));
      expect(xml).toEqual(gas);
      const site = jsonOf(await get('services/construction_site').expect(200));
      expect(site.attributes[0]).toMatchObject({ code: 'work_period', required: false, values: [{ key: 'day', name: '白天' }, { key: 'night', name: '夜间' }] });
    });

    it('answers an empty attribute list for a service without attributes', async () => {
      const json = conform('service_definition', jsonOf(await get('services/street_order.json').expect(200)));
      expect(json).toEqual({ service_code: 'street_order', attributes: [] });
      const doc = xmlOf(await get('services/street_order.xml').expect(200));
      expect(conform('service_definition', fromXml('service_definition', doc.service_definition))).toEqual(json);
    });

    it('answers 404 in the requested format for an unknown service or jurisdiction', async () => {
      expect(errorsOf(await get('services/potholes.json'), 404)[0]).toContain('service_code');
      expect(errorsOf(await get('services/potholes.xml'), 404, 'xml')[0]).toContain('potholes');
      expect(errorsOf(await get('services.xml?jurisdiction_id=beijing.gov.cn'), 404, 'xml')[0]).toContain('jurisdiction_id');
      errorsOf(await get('services/gas.json?jurisdiction_id=beijing.gov.cn'), 404);
      errorsOf(await get('discovery.json?jurisdiction_id=beijing.gov.cn'), 404);
    });
  });

  describe('format paths', () => {
    it('answers unknown paths, formats and methods under /open311 with spec errors, never our usual body or HTML', async () => {
      errorsOf(await get('nothing-here.json'), 404);
      errorsOf(await get('nothing-here.xml'), 404, 'xml');
      errorsOf(await get('services.yaml'), 404);
      expect(errorsOf(await get('services/gas.yaml'), 404)[0]).toContain('.yaml');
      errorsOf(await get('requests/abc.json.xml'), 404, 'xml');
      errorsOf(await http().delete(`${api}/services.json`), 404);
      errorsOf(await http().get('/open311'), 404);
    });

    it('refuses malformed JSON in the format the path asks for, and too large a body with 413', async () => {
      const broken = '{"service_code": "gas", "description": ';
      expect(errorsOf(await http().post(`${api}/requests.json`).set('content-type', 'application/json').send(broken), 400)[0]).toContain('JSON');
      expect(errorsOf(await http().post(`${api}/requests.xml`).set('content-type', 'application/json').send(broken), 400, 'xml')[0]).toContain('JSON');
      const huge = new URLSearchParams({ api_key: DEV_OPEN311_API_KEY, service_code: 'gas', description: '燃'.repeat(30_000) }).toString();
      errorsOf(await http().post(`${api}/requests.json`).set('content-type', 'application/x-www-form-urlencoded').send(huge), 413);
      errorsOf(await http().post(`${api}/requests.xml`).set('content-type', 'application/x-www-form-urlencoded').send(huge), 413, 'xml');
      // XML is an answer format only: a request body must be a form (or JSON)
      const xmlBody = await http().post(`${api}/requests.xml`).set('content-type', 'text/xml').send('<service_request><service_code>gas</service_code></service_request>');
      expect(errorsOf(xmlBody, 400, 'xml')[0]).toContain('application/x-www-form-urlencoded');
    });
  });

  describe('POST requests', () => {
    const gasForm = {
      api_key: DEV_OPEN311_API_KEY,
      jurisdiction_id: JURISDICTION,
      service_code: 'gas',
      description: '楼道里燃气味很重，邻居家好像没人',
      lat: '36.0913',
      long: '120.3914',
      'attribute[gas_smell]': 'yes',
      media_url: 'https://img.example.cn/open311/gas-1.jpg',
      first_name: FIRST_NAME,
      last_name: LAST_NAME,
      phone: PHONE,
      email: 'wjg@example.cn',
    };

    it('files a form-encoded request with lat/long, readable at once with status open', async () => {
      const res = await postForm('requests.json', gasForm).expect(201);
      const created = jsonOf(res);
      expect(created).toHaveLength(1);
      conform('created', created[0]);
      expect(created[0].account_id).toBeNull();
      expect(created[0].service_notice).toMatch(HAN);
      const id: string = created[0].service_request_id;

      const r = await readRequest(id);
      expect(r).toMatchObject({
        service_request_id: id, status: 'open', status_notes: '已受理', service_code: 'gas', service_name: '燃气',
        description: '楼道里燃气味很重，邻居家好像没人\n【是否闻到燃气味：是】', agency_responsible: null,
        lat: 36.0913, long: 120.3914, address: null, address_id: null, zipcode: null, media_url: 'https://img.example.cn/open311/gas-1.jpg',
      });
      expect(new Date(r.requested_datetime).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(r.requested_datetime).toMatch(/\+08:00$/);

      // the same complaint, as the hotline operator sees it: channel open311, the caller encrypted by the vault and masked
      const operator = (await http().get(`/api/v1/complaints/${id}`).expect(200)).body;
      expect(operator).toMatchObject({ channel: 'open311', attachments: [{ url: gasForm.media_url, contentType: 'image/jpeg' }] });
      expect(operator.caller).toEqual({ name: '王**', phone: '139****5678', anonymous: false, masked: true, anonymised: false });
      const event = await eventually(() => {
        const m = received.messages.find((x) => x.key === id);
        expect(m).toBeDefined();
        return m!;
      });
      expect(event.json<{ payload: Record<string, unknown> }>().payload).toMatchObject({ complaintId: id, channel: 'open311', text: r.description, location: { lat: 36.0913, lng: 120.3914 } });
    });

    it('files a JSON request with address_string, and answers XML when the path asks for it', async () => {
      const res = await postJson('requests.json', { api_key: DEV_OPEN311_API_KEY, service_code: 'street_order', description: '台东三路夜市烧烤摊占道经营，油烟扰民', address_string: '市北区台东三路 88 号' }).expect(201);
      const id: string = conform('created', jsonOf(res)[0]).service_request_id;
      expect(await readRequest(id)).toMatchObject({ status: 'open', service_code: 'street_order', address: '市北区台东三路 88 号', lat: null, long: null, media_url: null });

      const xmlRes = await postForm('requests.xml', { api_key: DEV_OPEN311_API_KEY, service_code: 'sanitation', description: '五四广场附近沙滩上垃圾很多', address_string: '五四广场' }).expect(201);
      const [created] = itemsOf(xmlOf(xmlRes), 'service_requests', 'request').map((x) => conform('created', fromXml('created', x)));
      expect(created.account_id).toBeNull();
      const [again] = itemsOf(xmlOf(await get(`requests/${created.service_request_id}.xml`).expect(200)), 'service_requests', 'request').map((x) => conform('request', fromXml('request', x)));
      expect(again).toEqual(await readRequest(created.service_request_id));
    });

    it('answers the token of a request with its id (requests are created synchronously)', async () => {
      const id: string = jsonOf(await postForm('requests.json', { ...gasForm, 'attribute[gas_smell]': 'no' }).expect(201))[0].service_request_id;
      const [token] = jsonOf(await get(`tokens/${id}.json`).expect(200)).map((t: unknown) => conform('token', t));
      expect(token).toEqual({ service_request_id: id, token: id });
      const [xml] = itemsOf(xmlOf(await get(`tokens/${id}.xml`).expect(200)), 'service_requests', 'request').map((t) => conform('token', fromXml('token', t)));
      expect(xml).toEqual(token);
      errorsOf(await get('tokens/no-such-token.json'), 404);
      errorsOf(await get('tokens/no-such-token.xml'), 404, 'xml');
    });

    it('ignores fields it does not know (spec leniency), and answers a multi-value text well-formed in XML', async () => {
      const lenient = await postForm('requests.json', { ...gasForm, device_id: 'ios-17-abc', account_id: '42', favourite_colour: 'blue' });
      expect(lenient.status).toBe(201);
      const tricky = '路灯杆上贴满<小广告> & "办证" \'刻章\'\u0007，请清理';
      const id: string = jsonOf(await postJson('requests.json', { api_key: DEV_OPEN311_API_KEY, service_code: 'flyposting', description: tricky, address_string: '延安三路' }).expect(201))[0].service_request_id;
      const [x] = itemsOf(xmlOf(await get(`requests/${id}.xml`).expect(200)), 'service_requests', 'request').map((r) => fromXml('request', r));
      expect(x.description).toBe('路灯杆上贴满<小广告> & "办证" \'刻章\'，请清理');
    });

    it('drops a form-encoded __proto__ in the body parser already, so it reaches nothing', async () => {
      // qs, which reads forms, never sets __proto__; a JSON body keeps it as an own key and is refused below
      const res = await http().post(`${api}/requests.json`).set('content-type', 'application/x-www-form-urlencoded')
        .send(`${new URLSearchParams({ ...gasForm }).toString()}&__proto__%5Bpolluted%5D=yes`);
      expect(res.status).toBe(201);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('POST requests errors', () => {
    const ok = { api_key: DEV_OPEN311_API_KEY, service_code: 'street_order', description: '中山路步行街有流动摊贩占道经营', lat: '36.069', long: '120.3205' };
    const without = (field: keyof typeof ok) => Object.fromEntries(Object.entries(ok).filter(([k]) => k !== field)) as Record<string, string>;

    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      ['no api_key', () => postForm('requests.json', without('api_key')), 403, /api_key/],
      ['no api_key (XML)', () => postForm('requests.xml', without('api_key')), 403, /api_key/],
      ['a wrong api_key', () => postForm('requests.json', { ...ok, api_key: 'not-a-key-we-issued-0000' }), 403, /api_key/],
      ['an unknown service_code', () => postForm('requests.json', { ...ok, service_code: 'potholes' }), 404, /service_code/],
      ['an unknown service_code (JSON body)', () => postJson('requests.json', { ...ok, service_code: 'potholes' }), 404, /service_code/],
      ['no service_code', () => postForm('requests.json', without('service_code')), 400, /service_code/],
      ['another jurisdiction', () => postForm('requests.json', { ...ok, jurisdiction_id: 'beijing.gov.cn' }), 404, /jurisdiction_id/],
      ['no location', () => postForm('requests.json', { api_key: ok.api_key, service_code: ok.service_code, description: ok.description }), 400, /lat.*long.*address_string/],
      ['lat without long', () => postForm('requests.json', { ...without('long') }), 400, /long/],
      ['a point outside Qingdao', () => postJson('requests.json', { ...ok, lat: 39.9042, long: 116.4074 }), 400, /lat\/long/],
      ['a malformed phone', () => postForm('requests.json', { ...ok, phone: '1234567' }), 400, /phone/],
      ['a description too short', () => postForm('requests.json', { ...ok, description: '有摊贩' }), 400, /description/],
      ['a description too long', () => postJson('requests.json', { ...ok, description: '摊'.repeat(2001) }), 400, /description/],
      ['a missing required attribute', () => postForm('requests.json', { ...ok, service_code: 'gas', description: '楼下燃气表附近有异味' }), 400, /attribute\[gas_smell\]/],
      ['an attribute value not in the list', () => postForm('requests.json', { ...ok, service_code: 'gas', description: '楼下燃气表附近有异味', 'attribute[gas_smell]': 'maybe' }), 400, /attribute\[gas_smell\]/],
      ['a media_url that is not http(s)', () => postForm('requests.json', { ...ok, media_url: 'javascript:alert(1)' }), 400, /media_url/],
      ['a __proto__ field (JSON)', () => http().post(`${api}/requests.json`).set('content-type', 'application/json').send(`{"__proto__": {"admin": true}, ${JSON.stringify(ok).slice(1)}`), 400, /__proto__/],
      ['a constructor field (form)', () => postForm('requests.json', { ...ok, 'constructor[prototype][admin]': 'true' }), 400, /constructor/],
      ['a $ operator (form)', () => postForm('requests.json', { ...ok, 'attribute[$gt]': '' }), 400, /\$gt/],
      ['a $ operator in the query', () => http().post(`${api}/requests.json?%24where=1`).type('form').send(new URLSearchParams(ok).toString()), 400, /\$where/],
      ['a JSON array body', () => postJson('requests.json', [ok]), 400, /请求体/],
    ];

    it.each(cases)('refuses %s', async (name, send, status, description) => {
      const res = await send();
      const texts = errorsOf(res, status, name.includes('(XML)') ? 'xml' : 'json');
      expect(texts.join(' ')).toMatch(description);
    });

    it('names every bad field at once', async () => {
      const texts = errorsOf(await postForm('requests.json', { ...ok, description: '摊', phone: '12', media_url: 'x' }), 400);
      expect(texts).toHaveLength(3);
    });

    it('refuses a key once it is revoked', async () => {
      const issued = (await http().post('/api/v1/open311/clients').send({ name: '崂山区随手拍' }).expect(201)).body;
      await postForm('requests.json', { ...ok, api_key: issued.apiKey }).expect(201);
      await http().delete(`/api/v1/open311/clients/${issued.id}`).expect(200);
      expect(errorsOf(await postForm('requests.json', { ...ok, api_key: issued.apiKey }), 403)[0]).toContain('api_key');
    });
  });

  describe('GET requests', () => {
    const DAY = 24 * 3600_000;
    const ids: Record<'gas' | 'street' | 'old' | 'closed' | 'reclassified', string> = { gas: '', street: '', old: '', closed: '', reclassified: '' };
    const oldAt = new Date(Date.now() - 120 * DAY);
    const file = async (fields: Record<string, string>) =>
      jsonOf(await postForm('requests.json', { api_key: DEV_OPEN311_API_KEY, lat: '36.0671', long: '120.3826', ...fields }).expect(201))[0].service_request_id as string;
    const list = async (query: string): Promise<Answer[]> => jsonOf(await get(`requests.json${query}`).expect(200)).map((r: unknown) => conform('request', r));
    const idsOf = (rows: { service_request_id: string }[]) => rows.map((r) => r.service_request_id);
    const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

    beforeAll(async () => {
      ids.gas = await file({ service_code: 'gas', description: '小区燃气调压箱附近有异味', 'attribute[gas_smell]': 'yes' });
      ids.street = await file({ service_code: 'street_order', description: '李村大集周边流动摊贩占道' });
      ids.closed = await file({ service_code: 'sanitation', description: '公厕脏乱，很久没人打扫了' });
      ids.reclassified = await file({ service_code: 'other', description: '路口有商户把货物堆在人行道上经营' });

      // filed 120 days ago, through the same intake path (requested_datetime = receivedAt)
      const id = uuidv7();
      const old: ComplaintRecord = {
        _id: id, dedupeKey: id, channel: 'open311', text: '老城区一商户门口长期占道经营', address: '中山路 100 号', location: null,
        reportedAt: oldAt, receivedAt: oldAt, externalRef: null, requestedCategory: 'street_order', attachments: [], caller: null,
        status: 'received', classification: null, outcome: null, caseProgress: null, closure: null, lastCallback: null, correlationId: id, updatedAt: oldAt,
      };
      ids.old = (await app.get(ComplaintService).accept(old)).id;

      await http().post(`/api/v1/complaints/${ids.closed}/close`).send({ resolution: '环卫已清扫并增加保洁频次' }).expect(200);
      const now = new Date().toISOString();
      await emit(TOPICS.complaintClassified, ids.reclassified, {
        complaintId: ids.reclassified, category: 'street_order', enforceable: true, urgent: false, confidence: { category: 0.9, enforceable: 0.9, urgent: 0.9 },
        hotspotAreaId: null, communityId: null, district: '市北区', repeatOf: null, responsibleBody: 'district_enforcement_squad', needsReview: false,
        modelVersion: 't', channel: 'open311', reportedAt: now, receivedAt: now,
      });
      await eventually(async () => expect((await readRequest(ids.reclassified)).service_code).toBe('street_order'));
    });

    it('lists the last 90 days by default, newest first: not the 120-day-old request', async () => {
      const rows = await list('');
      expect(idsOf(rows)).toEqual(expect.arrayContaining([ids.gas, ids.street, ids.closed, ids.reclassified]));
      expect(idsOf(rows)).not.toContain(ids.old);
      const times = rows.map((r: Answer) => new Date(r.requested_datetime).getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const xml = itemsOf(xmlOf(await get('requests.xml').expect(200)), 'service_requests', 'request').map((r) => conform('request', fromXml('request', r)));
      expect(idsOf(xml)).toEqual(idsOf(rows));
    });

    it('finds the old request in an explicit window, and by id whatever the window', async () => {
      const window = await list(`?start_date=${w3c(new Date(oldAt.getTime() - DAY))}&end_date=${encodeURIComponent(w3c(new Date(oldAt.getTime() + DAY)))}`);
      expect(idsOf(window)).toEqual([ids.old]);
      expect(window[0]).toMatchObject({ service_code: 'street_order', address: '中山路 100 号', lat: null });
      const byIds = await list(`?service_request_id=${ids.old},${ids.gas}&status=closed`);
      expect(idsOf(byIds).sort()).toEqual([ids.old, ids.gas].sort());
    });

    it('filters by service_code: the classifier\'s category once classified, else the requested one', async () => {
      const street = idsOf(await list('?service_code=street_order'));
      expect(street).toEqual(expect.arrayContaining([ids.street, ids.reclassified]));
      expect(street).not.toContain(ids.gas);
      expect(idsOf(await list('?service_code=other'))).not.toContain(ids.reclassified);
      expect(idsOf(await list('?service_code=gas,heating'))).toContain(ids.gas);
      const r = await readRequest(ids.reclassified);
      expect(r).toMatchObject({ service_code: 'street_order', service_name: '街面秩序', agency_responsible: '区综合行政执法中队', status: 'open', status_notes: '已分类' });
    });

    it('shows a complaint closed through the operator API as closed, and filters by status', async () => {
      expect(await readRequest(ids.closed)).toMatchObject({ status: 'closed', status_notes: '已办结' });
      const closed = await list('?status=closed');
      expect(idsOf(closed)).toEqual([ids.closed]);
      const open = idsOf(await list('?status=open'));
      expect(open).toContain(ids.gas);
      expect(open).not.toContain(ids.closed);
      expect(idsOf(await list('?status=open,closed'))).toEqual(expect.arrayContaining([ids.gas, ids.closed]));
      expect(idsOf(await list('?status=open&status=closed'))).toEqual(expect.arrayContaining([ids.gas, ids.closed]));
    });

    it.each([
      ['?status=pending', /status/],
      ['?service_code=potholes', /service_code/],
      ['?start_date=2024-03-01', /start_date/],
      ['?end_date=2024-03-01T08:00:00', /end_date/],
      [`?start_date=${new Date(Date.now() - 200 * DAY).toISOString()}&end_date=${new Date().toISOString()}`, /90/],
      ['?start_date=2024-05-01T00:00:00Z&end_date=2024-04-01T00:00:00Z', /end_date/],
      ['?service_request_id=a;b', /service_request_id/],
      ['?%24where=1', /\$where/],
    ])('refuses %s with 400', async (query, description) => {
      expect(errorsOf(await get(`requests.json${query}`), 400).join(' ')).toMatch(description);
      errorsOf(await get(`requests.xml${query}`), 400, 'xml');
    });

    it('shows only what was filed through Open311: a hotline complaint is neither listed nor found', async () => {
      const hotline = (await http().post('/api/v1/complaints').send({ channel: 'hotline', text: '来电人反映自家楼下有人长期占道经营', address: '市北区台东三路 88 号' }).expect(202)).body.id;
      expect(idsOf(await list(''))).not.toContain(hotline);
      expect(idsOf(await list(`?service_request_id=${hotline},${ids.gas}`))).toEqual([ids.gas]);
      errorsOf(await get(`requests/${hotline}.json`), 404);
      errorsOf(await get(`tokens/${hotline}.json`), 404);
    });

    it('answers 404 for an unknown request id or jurisdiction', async () => {
      expect(errorsOf(await get('requests/0190a0a0-0000-7000-8000-000000000000.json'), 404)[0]).toContain('service_request_id');
      errorsOf(await get('requests/0190a0a0-0000-7000-8000-000000000000.xml'), 404, 'xml');
      errorsOf(await get('requests/%E4%B8%AD.json'), 404);
      errorsOf(await get(`requests/${ids.gas}.json?jurisdiction_id=beijing.gov.cn`), 404);
      errorsOf(await get('requests.xml?jurisdiction_id=beijing.gov.cn'), 404, 'xml');
      expect(await list(`?jurisdiction_id=${JURISDICTION}`)).not.toHaveLength(0);
    });
  });

  describe('caller privacy', () => {
    it('never shows the phone or name posted in any Open311 answer, nor in the received event', async () => {
      const res = await postForm('requests.json', {
        api_key: DEV_OPEN311_API_KEY, service_code: 'construction_site', description: '夜里工地打桩噪音很大，影响休息，电话 0532-88886666',
        'attribute[work_period]': 'night', address_string: '李沧区九水东路', first_name: FIRST_NAME, last_name: LAST_NAME, phone: `+86 ${PHONE}`,
      }).expect(201);
      const id: string = jsonOf(res)[0].service_request_id;
      const answers = [
        res.text,
        (await get(`requests/${id}.json`)).text,
        (await get(`requests/${id}.xml`)).text,
        (await get('requests.json')).text,
        (await get('requests.xml')).text,
        (await get(`requests.json?service_request_id=${id}`)).text,
        (await get(`tokens/${id}.xml`)).text,
      ];
      expect(answers[1]).toContain('【施工时段：夜间】');
      for (const text of answers) {
        for (const secret of [PHONE, PHONE.slice(3), `${LAST_NAME}${FIRST_NAME}`, FIRST_NAME, '88886666', 'caller', 'Cipher']) expect(text).not.toContain(secret);
      }
      // a number written into the description is masked too
      expect((await readRequest(id)).description).toContain('0532-****6666');

      const event = await eventually(() => {
        const m = received.messages.find((x) => x.key === id);
        expect(m).toBeDefined();
        return m!;
      });
      expect(event.value).not.toContain(PHONE);
      expect(event.value).not.toContain(FIRST_NAME);
      expect(event.json<{ payload: { callerRef: string } }>().payload.callerRef).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const m of received.messages) expect(m.value).not.toContain(PHONE);

      // stored, but only encrypted
      const stored = await app.get<Connection>(getConnectionToken()).collection('complaints').findOne({ _id: id as never });
      expect(stored?.caller.phoneCipher).toMatch(/^v1\./);
      expect(JSON.stringify(stored)).not.toContain(PHONE);
      expect(JSON.stringify(stored)).not.toContain(FIRST_NAME);
    });
  });

  describe('client administration', () => {
    it('issues a key once, stores only its SHA-256 hash, lists clients without keys, and revokes', async () => {
      const issued = (await http().post('/api/v1/open311/clients').send({ name: '市北区随手拍小程序' }).expect(201)).body;
      expect(issued).toMatchObject({ name: '市北区随手拍小程序', revokedAt: null, active: true });
      expect(issued.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const hash = createHash('sha256').update(issued.apiKey).digest('hex');

      const listed = (await http().get('/api/v1/open311/clients').expect(200)).body;
      expect(listed.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([issued.id, 'development']));
      expect(JSON.stringify(listed)).not.toContain(issued.apiKey);
      expect(JSON.stringify(listed)).not.toContain(hash);

      const stored = await app.get<Connection>(getConnectionToken()).collection('open311_clients').find().toArray();
      expect(stored.find((c) => c._id === (issued.id as never))).toMatchObject({ keyHash: hash, name: '市北区随手拍小程序', revokedAt: null });
      expect(JSON.stringify(stored)).not.toContain(issued.apiKey);
      expect(JSON.stringify(stored)).not.toContain(DEV_OPEN311_API_KEY);

      const revoked = (await http().delete(`/api/v1/open311/clients/${issued.id}`).expect(200)).body;
      expect(revoked).toMatchObject({ id: issued.id, active: false, revokedAt: expect.any(String) });
      expect((await http().delete(`/api/v1/open311/clients/${issued.id}`).expect(200)).body.revokedAt).toBe(revoked.revokedAt);
    });

    it('answers these operator endpoints in our usual error body', async () => {
      const bad = await http().post('/api/v1/open311/clients').send({ name: 'x', apiKey: 'chosen-by-me' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['apiKey', 'name']);
      expect((await http().delete('/api/v1/open311/clients/no-such-client')).body).toMatchObject({ statusCode: 404, code: 'OPEN311_CLIENT_NOT_FOUND' });
    });
  });

  // last: it fills the store with more requests than one answer holds
  describe('the 1000-request cap', () => {
    it(`answers at most ${MAX_REQUESTS} requests, the newest`, async () => {
      const now = Date.now();
      const docs = Array.from({ length: MAX_REQUESTS + 1 }, (_, i) => {
        const at = new Date(now - 3600_000 - i * 1000);
        const id = uuidv7();
        return {
          _id: id, dedupeKey: id, channel: 'open311', text: `批量测试投诉 ${i}`, address: '测试地址', location: null, reportedAt: at, receivedAt: at,
          externalRef: null, requestedCategory: 'sanitation', attachments: [], caller: null, status: 'received', classification: null,
          outcome: null, caseProgress: null, closure: null, lastCallback: null, correlationId: id, updatedAt: at,
        };
      });
      await app.get<Connection>(getConnectionToken()).collection('complaints').insertMany(docs as never[]);
      const rows = jsonOf(await get('requests.json').expect(200));
      expect(rows).toHaveLength(MAX_REQUESTS);
      rows.slice(0, 50).forEach((r: unknown) => conform('request', r));
      const ids = rows.map((r: { service_request_id: string }) => r.service_request_id);
      expect(ids).toContain(docs[0]._id);
      expect(ids).not.toContain(docs[MAX_REQUESTS]._id);
      expect(itemsOf(xmlOf(await get('requests.xml').expect(200)), 'service_requests', 'request')).toHaveLength(MAX_REQUESTS);
    });
  });
});
