import { isURL, length } from 'class-validator';
import { parseInstantWithOffset } from '@pipeline/calendar';
import type { CategoryCode, FieldError } from '@pipeline/contracts';
import { normalisePhone } from '@pipeline/domain-terms';
import { maskPhone } from '../caller/caller.rules';
import { JURISDICTION_BOX, TEXT_MAX, TEXT_MIN, withinJurisdiction } from '../complaint/complaint.rules';
import { open311Errors } from './open311.errors';
import { JURISDICTION_ID, serviceAttributes, type ServiceAttribute } from './open311-services.rules';

/**
 * Reading GeoReport v2 input. The spec asks servers to ignore fields they do
 * not know, so nothing here refuses an unknown field, except keys that only
 * an attack would send: `$…` (query operators), `__proto__`, `constructor`
 * and `prototype` (prototype pollution), at any depth.
 */

export type Input = Record<string, unknown>;

/** GET requests answers at most this many, newest first (the spec's default cap). */
export const MAX_REQUESTS = 1000;
/** The default and the longest search window (spec: "may not span more than 90 days"). */
export const WINDOW_DAYS = 90;
const DAY_MS = 24 * 3600_000;

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;
const NUMBER = /^-?\d{1,6}(\.\d{1,6})?$/;
/** C0 controls other than tab and newlines, and DEL: never meant, and not allowed in XML. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const MEDIA_URL_MAX = 500;
const ADDRESS_MAX = 300;
const NAME_MAX = 50;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || FORBIDDEN_KEYS.has(key)) return key;
    const inner = forbiddenKey((value as Input)[key], depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/** Refuses `$…`, `__proto__`, `constructor` and `prototype` keys in a query or body. */
export function assertSafeKeys(value: unknown): void {
  const key = forbiddenKey(value);
  if (key !== null) throw open311Errors.field(key.slice(0, 64), `不允许的字段：${key.slice(0, 64)}`);
}

/** `jurisdiction_id` may be omitted; when given it must be ours. */
export function assertJurisdiction(value: unknown): void {
  if (value === undefined || value === '') return;
  if (typeof value !== 'string' || value.trim().toLowerCase() !== JURISDICTION_ID) throw open311Errors.unknownJurisdiction(String(value));
}

/** One value of a form or query field: repeated fields (arrays) and nested ones (objects) are not one value. */
function single(input: Input, field: string, errors: FieldError[]): string | number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  errors.push({ field, messages: [`${field} 只能给出一个值`] });
  return undefined;
}

function text(input: Input, field: string, errors: FieldError[]): string | undefined {
  const v = single(input, field, errors);
  if (v === undefined) return undefined;
  const s = String(v).replace(CONTROL_CHARS, '').trim();
  return s === '' ? undefined : s;
}

function decimal(input: Input, field: string, errors: FieldError[]): number | undefined {
  const v = single(input, field, errors);
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : DECIMAL.test(v.trim()) ? Number(v.trim()) : NaN;
  if (Number.isNaN(n)) errors.push({ field, messages: [`${field} 须为十进制度数（WGS-84），如 ${field === 'lat' ? '36.0671' : '120.3826'}`] });
  return Number.isNaN(n) ? undefined : n;
}

/** The attribute answers, sent as `attribute[code]=v` (form), `{ attribute: { code: v } }` or `"attribute[code]": v` (JSON). */
function attributeAnswers(body: Input): Map<string, unknown> {
  const answers = new Map<string, unknown>();
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, v] of Object.entries(nested)) answers.set(code, v);
  }
  for (const [key, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) answers.set(m[1], m[2] && !Array.isArray(v) ? [v] : v);
  }
  return answers;
}

function answerLine(a: ServiceAttribute, raw: unknown, errors: FieldError[]): string | null {
  const field = `attribute[${a.code}]`;
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'string' ? v.replace(CONTROL_CHARS, '').trim() : v)).filter((v) => v !== '' && v !== undefined && v !== null);
  if (values.length === 0) {
    if (a.required) errors.push({ field, messages: [`${field}（${a.description}）为必填项`] });
    return null;
  }
  if (a.datatype !== 'multivaluelist' && values.length > 1) {
    errors.push({ field, messages: [`${field} 只能给出一个值`] });
    return null;
  }
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    errors.push({ field, messages: [`${field} 须为文字或数字`] });
    return null;
  }
  const answers = values.map(String);
  switch (a.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist': {
      const names = answers.map((key) => a.values.find((v) => v.key === key)?.name);
      if (names.some((n) => n === undefined)) {
        errors.push({ field, messages: [`${field} 须为 ${a.values.map((v) => `${v.key}（${v.name}）`).join('、')} 之一`] });
        return null;
      }
      return `【${a.description}：${names.join('、')}】`;
    }
    case 'number': {
      const n = NUMBER.test(answers[0]) ? Number(answers[0]) : NaN;
      if (Number.isNaN(n) || (a.range && (n < a.range.min || n > a.range.max))) {
        errors.push({ field, messages: [`${field} 须为数字${a.range ? `（${a.range.min}–${a.range.max}）` : ''}`] });
        return null;
      }
      return `【${a.description}：${n}】`;
    }
    case 'datetime':
      if (parseInstantWithOffset(answers[0]) === undefined) {
        errors.push({ field, messages: [`${field} 须为带时区的时间，如 2024-03-02T08:18:00+08:00`] });
        return null;
      }
      return `【${a.description}：${answers[0]}】`;
    default:
      if (answers[0].length > 200) {
        errors.push({ field, messages: [`${field} 不能超过 200 字`] });
        return null;
      }
      return `【${a.description}：${answers[0]}】`;
  }
}

export interface NewServiceRequest {
  /** The complaint text: the description, then one line of the attribute answers. */
  text: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  media: { url: string; contentType: string } | null;
  /** Plain only until encrypted by the caller vault; never stored or logged like this. */
  caller: { name: string | null; phone: string | null } | null;
}

const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic',
  mp4: 'video/mp4', mp3: 'audio/mpeg', amr: 'audio/amr', pdf: 'application/pdf',
};

/** The media type a media_url names by its extension; a link without one is stored as an opaque file. */
export function mediaType(url: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(new URL(url).pathname)?.[1].toLowerCase();
  return (ext && MEDIA_TYPES[ext]) ?? 'application/octet-stream';
}

/** Chinese names are written surname first without a space; others given name first. */
function fullName(first: string | undefined, last: string | undefined): string | null {
  if (!first && !last) return null;
  const han = /^[\u3400-\u9fff·]+$/u;
  if ((!first || han.test(first)) && (!last || han.test(last))) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

/**
 * Checks a POST requests body (api_key, jurisdiction and service_code are
 * checked before) and builds what intake stores. Every problem is named
 * at once, each with its field.
 */
export function parseNewRequest(body: Input, serviceCode: CategoryCode): NewServiceRequest {
  const errors: FieldError[] = [];

  const description = text(body, 'description', errors);
  if (description === undefined) {
    // a repeated field is named already
    if (!errors.some((e) => e.field === 'description')) errors.push({ field: 'description', messages: ['description 为必填项'] });
  } else if (!length(description, TEXT_MIN, TEXT_MAX)) errors.push({ field: 'description', messages: [`description 长度须在 ${TEXT_MIN}–${TEXT_MAX} 字之间`] });

  const before = errors.length;
  const lat = decimal(body, 'lat', errors);
  const lng = decimal(body, 'long', errors);
  const coordinatesMalformed = errors.length > before;
  let location: NewServiceRequest['location'] = null;
  if (!coordinatesMalformed && (lat === undefined) !== (lng === undefined)) {
    errors.push({ field: lat === undefined ? 'lat' : 'long', messages: ['lat 与 long 须同时提供'] });
  } else if (lat !== undefined && lng !== undefined) {
    if (!withinJurisdiction(lat, lng)) {
      const b = JURISDICTION_BOX;
      errors.push({ field: 'lat', messages: [`lat/long 不在青岛市辖区范围内（北纬 ${b.minLat}–${b.maxLat}°，东经 ${b.minLng}–${b.maxLng}°）`] });
    } else {
      location = { lat, lng };
    }
  }

  const address = text(body, 'address_string', errors);
  if (address !== undefined && address.length > ADDRESS_MAX) errors.push({ field: 'address_string', messages: [`address_string 不能超过 ${ADDRESS_MAX} 字`] });
  if (lat === undefined && lng === undefined && address === undefined && !coordinatesMalformed) {
    const note = body.address_id !== undefined ? '（本接口不支持 address_id）' : '';
    errors.push({ field: 'address_string', messages: [`须提供位置：lat 与 long，或 address_string${note}`] });
  }

  let media: NewServiceRequest['media'] = null;
  const mediaUrl = text(body, 'media_url', errors);
  if (mediaUrl !== undefined) {
    if (mediaUrl.length > MEDIA_URL_MAX || !isURL(mediaUrl, { protocols: ['http', 'https'], require_protocol: true })) {
      errors.push({ field: 'media_url', messages: [`media_url 须为不超过 ${MEDIA_URL_MAX} 字符的 http(s) 地址`] });
    } else {
      media = { url: mediaUrl, contentType: mediaType(mediaUrl) };
    }
  }

  const first = text(body, 'first_name', errors);
  const last = text(body, 'last_name', errors);
  const name = fullName(first, last);
  if (name !== null && name.length > NAME_MAX) errors.push({ field: 'first_name', messages: [`first_name 与 last_name 合计不能超过 ${NAME_MAX} 字`] });
  const rawPhone = text(body, 'phone', errors);
  const phone = rawPhone === undefined ? null : normalisePhone(rawPhone);
  if (rawPhone !== undefined && phone === null) {
    errors.push({ field: 'phone', messages: ['phone 须为大陆手机号（如 13812341234）或带区号的固定电话（如 0532-88886666）'] });
  }
  // email is accepted for compatibility and not kept: callbacks go by phone (个人信息保护法 Art. 6, minimum necessary)

  const answers = attributeAnswers(body);
  const lines = serviceAttributes(serviceCode).map((a) => answerLine(a, answers.get(a.code), errors)).filter((l): l is string => l !== null);
  const complaintText = lines.length && description ? `${description}\n${lines.join('')}` : (description ?? '');
  if (description !== undefined && lines.length && !length(complaintText, 0, TEXT_MAX)) {
    errors.push({ field: 'description', messages: [`description 与附加信息合计不能超过 ${TEXT_MAX} 字`] });
  }

  if (errors.length) throw open311Errors.invalid(errors);
  return {
    text: complaintText,
    address: address ?? null,
    location,
    media,
    caller: name !== null || phone !== null ? { name, phone } : null,
  };
}

export interface RequestsQuery {
  ids?: string[];
  serviceCodes?: string[];
  closed?: boolean;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** `a,b` or a repeated field → [a, b]. */
function list(query: Input, field: string, errors: FieldError[]): string[] | undefined {
  const v = query[field];
  if (v === undefined) return undefined;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((p) => (typeof p === 'string' ? p.split(',') : [null]));
  if (parts.includes(null)) {
    errors.push({ field, messages: [`${field} 须为逗号分隔的列表`] });
    return undefined;
  }
  const items = [...new Set((parts as string[]).map((p) => p.trim()).filter(Boolean))];
  return items.length ? items : undefined;
}

function datetime(query: Input, field: string, errors: FieldError[]): Date | undefined {
  const v = single(query, field, errors);
  if (v === undefined || v === '') return undefined;
  const at = parseInstantWithOffset(v);
  if (at === undefined) errors.push({ field, messages: [`${field} 须为带时区的 W3C 时间，如 2024-03-02T08:18:00+08:00`] });
  return at;
}

/**
 * GET requests filters. `service_request_id` overrides every other one (as
 * the spec says); otherwise the window is the last 90 days unless
 * start_date/end_date say otherwise, and never longer than 90 days.
 */
export function parseRequestsQuery(query: Input, known: (code: string) => boolean, now = new Date()): RequestsQuery {
  const errors: FieldError[] = [];
  const ids = list(query, 'service_request_id', errors);
  if (ids) {
    if (ids.length > MAX_REQUESTS) errors.push({ field: 'service_request_id', messages: [`service_request_id 最多 ${MAX_REQUESTS} 个`] });
    const bad = ids.filter((id) => !REQUEST_ID.test(id));
    if (bad.length) errors.push({ field: 'service_request_id', messages: [`service_request_id 格式不正确：${bad.slice(0, 3).join(', ')}`] });
    if (errors.length) throw open311Errors.invalid(errors);
    return { ids };
  }

  const serviceCodes = list(query, 'service_code', errors);
  const unknown = serviceCodes?.filter((c) => !known(c)) ?? [];
  if (unknown.length) errors.push({ field: 'service_code', messages: [`service_code 含未知的服务代码：${unknown.slice(0, 3).join(', ')}`] });

  const statuses = list(query, 'status', errors);
  const badStatus = statuses?.filter((s) => s !== 'open' && s !== 'closed') ?? [];
  if (badStatus.length) errors.push({ field: 'status', messages: ['status 须为 open 或 closed（可用逗号分隔）'] });
  const closed = statuses && !badStatus.length && statuses.length === 1 ? statuses[0] === 'closed' : undefined;

  const start = datetime(query, 'start_date', errors);
  const end = datetime(query, 'end_date', errors);
  const span = WINDOW_DAYS * DAY_MS;
  let from: Date | undefined;
  let to: Date | undefined;
  if (start && end) {
    if (end < start) errors.push({ field: 'end_date', messages: ['end_date 不能早于 start_date'] });
    else if (end.getTime() - start.getTime() > span) errors.push({ field: 'end_date', messages: [`start_date 与 end_date 相隔不能超过 ${WINDOW_DAYS} 天`] });
    [from, to] = [start, new Date(end.getTime() + 1)];
  } else if (start) {
    [from, to] = [start, new Date(start.getTime() + span + 1)];
  } else if (end) {
    [from, to] = [new Date(end.getTime() - span), new Date(end.getTime() + 1)];
  } else {
    from = new Date(now.getTime() - span);
  }

  if (errors.length) throw open311Errors.invalid(errors);
  return { serviceCodes, closed, from, to };
}

/** Phone numbers written into a complaint's text are masked before the text is shown publicly. */
export function maskPhonesInText(s: string): string {
  return s.replace(/(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8})(?!\d)/g, (match, number: string) => {
    const normalised = normalisePhone(number);
    return normalised ? maskPhone(normalised) : match;
  });
}
