import { normalise, PlaceNameMatcher } from './place-names';

describe('normalise', () => {
  it('turns full-width digits and letters into half-width, lower case, without spaces', () => {
    expect(normalise('浮山后４小区')).toBe('浮山后4小区');
    expect(normalise('万达ＣＢＤ 广场')).toBe('万达cbd广场');
  });

  it('turns Chinese numerals into digits', () => {
    expect(normalise('浮山后四小区')).toBe('浮山后4小区');
    expect(normalise('五四广场')).toBe('54广场');
    expect(normalise('十号楼')).toBe('10号楼');
    expect(normalise('十二号楼')).toBe('12号楼');
    expect(normalise('二十号楼')).toBe('20号楼');
    expect(normalise('二十三号楼')).toBe('23号楼');
    expect(normalise('二〇二四年')).toBe('2024年');
  });

  it('leaves 两 and malformed numerals alone rather than guess', () => {
    expect(normalise('两个垃圾桶')).toBe('两个垃圾桶');
    expect(normalise('一二十')).toBe('一二十');
  });

  it('makes the written variants of one name equal', () => {
    expect(normalise('错埠岭一小区')).toBe(normalise('错埠岭1小区'));
    expect(normalise('第二海水浴场')).toBe(normalise('第2海水浴场'));
  });
});

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
