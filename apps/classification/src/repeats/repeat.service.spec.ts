import type { CategoryCode } from '@pipeline/contracts';
import { readPublicComplaints } from '@pipeline/reference-data';
import { DEFAULT_REPEAT_LINKER_OPTIONS, RepeatLinker, type RepeatCandidate } from './repeat-linker';
import type { RepeatCandidateRepository } from './repeat-candidate.repository';
import { InMemoryRepeatCandidates } from './repeat-candidate.repository.fake';
import { RepeatService } from './repeat.service';

/** The public tickets in the order they were reported, with their labeled category and place. */
const tickets: RepeatCandidate[] = readPublicComplaints()
  .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id))
  .map((t) => ({
    id: t.id,
    text: t.text,
    category: t.labels.category as CategoryCode,
    reportedAt: new Date(t.reportedAt),
    hotspotAreaId: t.labels.hotspotAreaId,
    communityId: t.labels.communityId,
    location: t.location,
    address: t.address,
  }));

describe('RepeatService', () => {
  const setup = () => {
    const candidates = new InMemoryRepeatCandidates();
    return { candidates, service: new RepeatService(DEFAULT_REPEAT_LINKER_OPTIONS, candidates as unknown as RepeatCandidateRepository) };
  };

  it('links the public set exactly as one linker fed the whole stream does (the CLI), one stored block at a time', async () => {
    const stream = new RepeatLinker();
    const expected: Record<string, string | null> = {};
    for (const t of tickets) {
      expected[t.id] = stream.findRepeatOf(t)?.repeatOf ?? null;
      stream.add(t);
    }
    const { service } = setup();
    const linked: Record<string, string | null> = {};
    for (const t of tickets) linked[t.id] = (await service.linkAndRecord({ ...t, channel: 'hotline' })).repeatOf;
    expect(linked).toEqual(expected);
    expect(Object.values(linked).filter((v) => v !== null).length).toBeGreaterThan(60);
  });

  it('keeps the decision recorded first when a complaint is linked again', async () => {
    const { candidates, service } = setup();
    const [first, again] = ['T00002', 'T00030'].map((id) => tickets.find((t) => t.id === id)!);
    await service.linkAndRecord({ ...first, channel: 'app' });
    expect(await service.linkAndRecord({ ...again, channel: 'hotline' })).toEqual({ repeatOf: 'T00002', reasons: expect.arrayContaining(['同一小区 CM027']) });
    candidates.stored.set('T00030', { ...candidates.stored.get('T00030')!, repeatOf: null, repeatReasons: [] });
    expect(await service.linkAndRecord({ ...again, channel: 'hotline' })).toEqual({ repeatOf: null, reasons: [] });
  });

  it('lists nothing for a complaint nothing places', async () => {
    const { service } = setup();
    await service.linkAndRecord({ ...tickets[0], channel: 'app' });
    expect(await service.possibleRepeats({ ...tickets[0], id: 'X', hotspotAreaId: null, communityId: null, location: null, address: null, text: '有人乱扔垃圾' })).toEqual([]);
  });
});
