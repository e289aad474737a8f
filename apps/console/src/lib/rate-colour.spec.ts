import { BAND_COLOURS, formatRate, rateBand, rateColour, TARGET_RATE } from './rate-colour';

describe('complaint-to-case rate colouring against the 10% target', () => {
  it('puts rates in bands: none, far below (<5%), below, met (≥10%)', () => {
    expect(rateBand(null)).toBe('none');
    expect(rateBand(undefined)).toBe('none');
    expect(rateBand(Number.NaN)).toBe('none');
    expect(rateBand(0)).toBe('far');
    expect(rateBand(0.0499)).toBe('far');
    expect(rateBand(0.05)).toBe('below');
    expect(rateBand(0.0999)).toBe('below');
    expect(rateBand(TARGET_RATE)).toBe('met');
    expect(rateBand(0.5)).toBe('met');
  });

  it('honours another target', () => {
    expect(rateBand(0.15, 0.2)).toBe('below');
    expect(rateBand(0.2, 0.2)).toBe('met');
  });

  it('colours by band and formats as a percentage', () => {
    expect(rateColour(0.12)).toBe(BAND_COLOURS.met);
    expect(rateColour(null)).toBe(BAND_COLOURS.none);
    expect(formatRate(0.1234)).toBe('12.3%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });
});
