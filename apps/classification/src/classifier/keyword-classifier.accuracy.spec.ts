// Measures the keyword classifier on every labeled public ticket. The lexicon
// was written with these tickets in view, so the figures flatter it; a held-out
// set is the honest measure.
import 'reflect-metadata';
import { readPublicComplaints } from '@pipeline/reference-data';
import { KeywordClassifier } from './keyword-classifier';

describe('KeywordClassifier on complaints.public.jsonl', () => {
  const classifier = new KeywordClassifier();
  const results = readPublicComplaints().map((ticket) => ({
    ticket,
    result: classifier.classify({ text: ticket.text, address: ticket.address, location: ticket.location }),
  }));
  const share = (rows: typeof results, ok: (row: (typeof results)[number]) => boolean) => rows.filter(ok).length / rows.length;
  const samePlace = ({ ticket, result }: (typeof results)[number]) =>
    result.hotspotAreaId === ticket.labels.hotspotAreaId && result.communityId === ticket.labels.communityId;

  const withCoordinates = results.filter((r) => r.ticket.location);
  const withoutCoordinates = results.filter((r) => !r.ticket.location);
  const figures = {
    tickets: results.length,
    category: share(results, (r) => r.result.category === r.ticket.labels.category),
    enforceable: share(results, (r) => r.result.enforceable === r.ticket.labels.enforceable),
    urgent: share(results, (r) => r.result.urgent === r.ticket.labels.urgent),
    urgentRecall: share(results.filter((r) => r.ticket.labels.urgent), (r) => r.result.urgent),
    placeWithCoordinates: share(withCoordinates, samePlace),
    placeFromText: share(withoutCoordinates, samePlace),
    needsReview: share(results, (r) => r.result.needsReview),
  };

  beforeAll(() => {
    console.log(
      `lexicon-0.1 on ${figures.tickets} public tickets: ` +
        Object.entries(figures)
          .filter(([k]) => k !== 'tickets')
          .map(([k, v]) => `${k} ${v.toFixed(3)}`)
          .join(', ') +
        ` (with coordinates: ${withCoordinates.length}, without: ${withoutCoordinates.length})`,
    );
  });

  it('gets the category right for at least 60% of tickets', () => {
    expect(figures.category).toBeGreaterThanOrEqual(0.6);
  });

  it('places at least 90% of tickets with coordinates exactly (hotspot area and community)', () => {
    expect(figures.placeWithCoordinates).toBeGreaterThanOrEqual(0.9);
  });
});
