import { decodeListCursor, encodeListCursor } from './list-cursor';

describe('list cursor', () => {
  it('round-trips the position of the last item', () => {
    const position = { classifiedAt: new Date('2024-03-02T00:19:05.120Z'), complaintId: '0190f3a2-7c1e-7b3d-9a55-1c2d3e4f5a6b' };
    const cursor = encodeListCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor)).toEqual(position);
  });

  it('refuses what it did not make', () => {
    expect(decodeListCursor('bm9wZQ')).toBeNull(); // "nope"
    expect(decodeListCursor(Buffer.from('12:').toString('base64url'))).toBeNull();
    expect(decodeListCursor('')).toBeNull();
  });
});
