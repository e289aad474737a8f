import { callerView } from '../complaint/complaint.view';
import { ANONYMISED_CALLER_NOTICE, anonymisedCaller, retentionCutoff, retentionDay } from './retention.rules';

describe('caller retention rules', () => {
  it('puts the cutoff the configured number of days before now', () => {
    expect(retentionCutoff(new Date('2026-12-06T02:00:00Z'), 365)).toEqual(new Date('2025-12-06T02:00:00Z'));
    expect(retentionCutoff(new Date('2026-03-01T00:00:00Z'), 1)).toEqual(new Date('2026-02-28T00:00:00Z'));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a period of %p days', (days) => {
    expect(() => retentionCutoff(new Date(), days)).toThrow(RangeError);
  });

  it('names the scheduled pass by the calendar day in China (UTC+8)', () => {
    expect(retentionDay(new Date('2026-12-05T15:59:59Z'))).toBe('2026-12-05');
    expect(retentionDay(new Date('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
  });

  it('erases name, phone and caller reference, and marks when', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    expect(anonymisedCaller(now)).toEqual({ 'caller.ref': null, 'caller.nameCipher': null, 'caller.phoneCipher': null, 'caller.anonymisedAt': now });
  });
});

describe('caller view', () => {
  const decrypt = (cipher: string) => cipher.replace('enc:', '');
  const caller = { ref: 'r', nameCipher: 'enc:王小明', phoneCipher: 'enc:13912345678', anonymous: false };

  it('masks the caller unless revealed', () => {
    expect(callerView(caller, false, decrypt)).toEqual({ name: '王**', phone: '139****5678', anonymous: false, masked: true, anonymised: false });
    expect(callerView(caller, true, decrypt)).toEqual({ name: '王小明', phone: '13912345678', anonymous: false, masked: false, anonymised: false });
  });

  it('shows the retention notice in place of an anonymised caller, revealed or not, without decrypting', () => {
    const erased = { ref: null, nameCipher: null, phoneCipher: null, anonymous: false, anonymisedAt: new Date() };
    const failing = () => {
      throw new Error('nothing to decrypt');
    };
    for (const reveal of [false, true]) {
      expect(callerView(erased, reveal, failing)).toEqual(expect.objectContaining({ name: ANONYMISED_CALLER_NOTICE, phone: null, anonymised: true }));
    }
  });
});
