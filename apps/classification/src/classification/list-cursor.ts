import type { ListPosition } from './classification.repository';

/** An opaque cursor for the newest-first list: the last item's classification time and complaint id. */
export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(`${position.classifiedAt.getTime()}:${position.complaintId}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one this service made. */
export function decodeListCursor(cursor: string): ListPosition | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15}):(.{1,64})$/s.exec(text);
  if (!match) return null;
  return { classifiedAt: new Date(Number(match[1])), complaintId: match[2] };
}
