import { XMLBuilder } from 'fast-xml-parser';

/** GeoReport v2 names each list's items: `<services><service>`, `<service_requests><request>` … */
const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/** Characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/FFFF): complaint texts come from many channels. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// the builder escapes & < > " ' in text; empty and null values become <x/>
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, format: false });

function node(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name];
    if (!item) throw new Error(`no GeoReport element name for the items of <${name}>`);
    return { [item]: value.map((v) => node(v, item)) };
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, node(v, k)]));
  if (typeof value === 'string') return value.replace(NOT_XML_CHAR, '\uFFFD');
  return value;
}

/** Renders a JSON answer as the GeoReport XML document rooted at `root`, with its declaration. */
export function toXml(root: string, body: unknown): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, [root]: node(body, root) }) as string;
}
