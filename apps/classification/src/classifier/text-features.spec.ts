import { DEFAULT_FEATURE_CONFIG, NUMBER, PHONE, PLACE, TextFeaturiser, describeToken } from './text-features';

describe('TextFeaturiser', () => {
  const featuriser = new TextFeaturiser();
  const show = (text: string, address?: string | null) => describeToken(featuriser.prepare(text, address));

  it('replaces place names and aliases, in any spelling, by one placeholder', () => {
    expect(featuriser.prepare('浮山后4小区门口摆摊')).toBe(`${PLACE}门口摆摊`);
    expect(featuriser.prepare('浮山后四小区门口摆摊')).toBe(`${PLACE}门口摆摊`);
    expect(show('市北区台东三路夜市，烧烤摊占道')).toBe('〈地名〉〈地名〉夜市烧烤摊占道');
  });

  it('reads the address before the text', () => {
    expect(show('楼道里燃气味很浓', '李沧区楼山后社区9号楼')).toBe('〈地名〉〈地名〉〈数〉号楼楼道里燃气味很浓');
  });

  it('turns numbers that count something into one placeholder, Chinese numerals or digits alike', () => {
    expect(featuriser.prepare('三号楼二单元')).toBe(featuriser.prepare('3号楼2单元'));
    expect(featuriser.prepare('两个垃圾桶')).toBe(`${NUMBER}个垃圾桶`);
    // 一直 and 一下 are words, not numbers
    expect(featuriser.prepare('一直没人来看一下')).toBe('一直没人来看一下');
  });

  it('keeps a telephone number as a party one can call, not as a number', () => {
    expect(featuriser.prepare('墙上喷了13812345678')).toBe(`墙上喷了${PHONE}`);
  });

  it('drops punctuation, spacing and emoji, so a ticket without punctuation reads the same', () => {
    const written = '台东三路夜市这边又支起烧烤摊了🔥 一溜七八个炉子，直接摆在人行道上！';
    const bare = '台东三路夜市这边又支起烧烤摊了一溜七八个炉子直接摆在人行道上';
    expect(featuriser.prepare(written)).toBe(featuriser.prepare(bare));
    expect(featuriser.tokens(written)).toEqual(featuriser.tokens(bare));
  });

  it('folds full-width characters and corrects common misspellings of key words', () => {
    expect(featuriser.prepare('ＬＥＤ灯箱')).toBe('led灯箱');
    expect(featuriser.prepare('楼道里一股然气味')).toBe('楼道里一股燃气味');
    expect(featuriser.prepare('天然气还没通')).toBe('天然气还没通');
  });

  it('gives jieba words (with the lexicon terms as words) and character n-grams, each once', () => {
    const tokens = featuriser.tokens('楼道里贴满了小广告，小广告');
    expect(tokens).toEqual(expect.arrayContaining(['w:小广告', 'w:楼道', '小广告', '广告', '贴']));
    expect(new Set(tokens).size).toBe(tokens.length);
    // function words are not tokens
    expect(tokens).not.toContain('w:了');
    expect(tokens).not.toContain('了');
  });

  it('honours the configuration of the artifact', () => {
    const wordsOnly = new TextFeaturiser({ ...DEFAULT_FEATURE_CONFIG, charNgrams: [] });
    expect(wordsOnly.tokens('电梯坏了').every((t) => t.startsWith('w:'))).toBe(true);
    const bigrams = new TextFeaturiser({ ...DEFAULT_FEATURE_CONFIG, words: false, charNgrams: [2] });
    expect(bigrams.tokens('电梯坏了')).toEqual(['电梯', '梯坏', '坏了']);
  });

  it('names tokens for people: no prefix, placeholders spelt out', () => {
    expect(describeToken('w:小广告')).toBe('小广告');
    expect(describeToken(`${PLACE}门口`)).toBe('〈地名〉门口');
  });
});
