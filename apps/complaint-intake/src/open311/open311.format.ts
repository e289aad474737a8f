import { open311Errors } from './open311.errors';

export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const EXTENSION = /\.([^./]*)$/;

function pathOf(originalUrl: string): string {
  return originalUrl.split('?')[0];
}

/**
 * The format a request asks for, from the extension of its last path
 * segment (`services.xml`); JSON when there is none, and for answering an
 * extension we do not support, so that error can still be read.
 */
export function formatOf(originalUrl: string): Open311Format {
  return EXTENSION.exec(pathOf(originalUrl))?.[1].toLowerCase() === 'xml' ? 'xml' : 'json';
}

/** `gas.xml` → `gas`. Codes, ids and tokens never hold a dot, so any other extension is a format we lack. */
export function withoutFormat(segment: string): string {
  const ext = EXTENSION.exec(segment);
  if (!ext) return segment;
  if (!['json', 'xml'].includes(ext[1].toLowerCase())) throw open311Errors.unsupportedFormat(ext[1]);
  return segment.slice(0, ext.index);
}

/** The three paths of a resource: bare (JSON), `.json` and `.xml`. */
export function withFormats(path: string): string[] {
  return [path, `${path}.json`, `${path}.xml`];
}
