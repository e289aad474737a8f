import { normalise } from '../text/normalise';
import { isTypoOf, PlaceNameMatcher } from './place-names';

describe('PlaceNameMatcher', () => {
  const places = [
    { id: 'A', name: '浮山后', aliases: ['浮山新区'] },
    { id: 'B', name: '浮山后四小区', aliases: ['浮山后四'] },
  ];
  const matcher = new PlaceNameMatcher(places);

  it('prefers the longest name found', () => {
    expect(matcher.bestMatch('浮山后四小区8号楼楼道')).toMatchObject({ place: { id: 'B' }, matchedName: '浮山后四小区' });
  });

  it('matches names through normalisation on both sides', () => {
    expect(matcher.bestMatch('浮山后4小区门口')).toMatchObject({ place: { id: 'B' }, matchedName: '浮山后四小区' });
  });

  it('breaks a tie in length by the earlier occurrence', () => {
    expect(matcher.bestMatch('浮山新区和浮山后四之间')?.matchedName).toBe('浮山新区');
  });

  it('returns null when no name occurs', () => {
    expect(matcher.bestMatch('台东三路夜市')).toBeNull();
  });
});

describe('PlaceNameMatcher tolerance', () => {
  const places = [
    { id: 'CM1', name: '海伦路3号院', aliases: [] },
    { id: 'CM2', name: '银沙滩花园', aliases: [] },
    { id: 'CM3', name: '上流佳苑', aliases: [] },
    { id: 'CM4', name: '中南世纪城', aliases: [] },
    { id: 'CM5', name: '兰州东路小区', aliases: ['兰州东路'] },
    { id: 'CM6', name: '延安一路小区', aliases: [] },
    { id: 'CM7', name: '延安三路小区', aliases: [] },
    { id: 'CM8', name: '湛山花园', aliases: [] },
  ];
  const matcher = new PlaceNameMatcher(places, { reserved: ['中山路'] });

  it('reads digits for Chinese numerals and the reverse', () => {
    expect(matcher.bestMatch('海伦路三号院门口')).toMatchObject({ place: { id: 'CM1' }, kind: 'exact' });
    expect(new PlaceNameMatcher([{ id: 'X', name: '海伦路三号院', aliases: [] }]).bestMatch('海伦路3号院门口')).toMatchObject({ place: { id: 'X' } });
  });

  it('finds a community written without 小区/社区/花园/家园', () => {
    expect(matcher.bestMatch('银沙滩门口的海边')).toMatchObject({ place: { id: 'CM2' }, kind: 'suffix', matchedName: '银沙滩花园' });
  });

  it('does not shorten a name to fewer than three characters', () => {
    expect(matcher.bestMatch('湛山门口')).toBeNull();
  });

  it('does not shorten a name into one that could be another place', () => {
    const clash = new PlaceNameMatcher([{ id: 'A', name: '沧口花园', aliases: [] }], { reserved: ['沧口老街'] });
    expect(clash.bestMatch('沧口那边')).toBeNull();
  });

  it('tolerates one mistyped, added or missing character in a name of four or more', () => {
    expect(matcher.bestMatch('上流家苑2号楼')).toMatchObject({ place: { id: 'CM3' }, kind: 'typo', written: '上流家苑' });
    expect(matcher.bestMatch('中南世界城小区')).toMatchObject({ place: { id: 'CM4' }, kind: 'typo' });
    expect(matcher.bestMatch('中南世纪纪城')).toMatchObject({ place: { id: 'CM4' }, kind: 'typo' });
    expect(matcher.bestMatch('中南纪城')).toMatchObject({ place: { id: 'CM4' }, kind: 'typo' });
  });

  it('never takes a different first character, digit or direction for a typo', () => {
    expect(matcher.bestMatch('华南世纪城')).toBeNull();
    expect(matcher.bestMatch('兰州西路')).toBeNull();
  });

  it('never treats street names as typos: 郑州东路 is a street of its own', () => {
    expect(matcher.bestMatch('郑州东路公交站')).toBeNull();
  });

  it('stays null when a typo could be either of two places', () => {
    expect(isTypoOf(normalise('延安一路小区'), normalise('延安二路小区'))).toBe(false);
    const twins = new PlaceNameMatcher([
      { id: 'A', name: '金岭新苑', aliases: [] },
      { id: 'B', name: '金岭新城', aliases: [] },
    ]);
    expect(twins.bestMatch('金岭新园')).toBeNull();
    expect(twins.bestMatch('金岭新苑')).toMatchObject({ place: { id: 'A' }, kind: 'exact' });
  });

  it('can be strict', () => {
    expect(new PlaceNameMatcher(places, { tolerant: false }).bestMatch('上流家苑')).toBeNull();
  });
});
