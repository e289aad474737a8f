import { normalise } from '../text/normalise';
import { compareDetails, extractFeatures, placeTokens, repeatCues, shopKinds, spotNumbers } from './repeat-features';
import { characterNgrams, similaritySegments } from './text-similarity';

describe('what the linker reads in a complaint', () => {
  it('finds roads and landmarks, not generic words', () => {
    expect([...placeTokens(normalise('昆仑山路北段路东在建工地'))]).toEqual(expect.arrayContaining(['昆仑山路', '仑山路']));
    expect([...placeTokens(normalise('天山三路那块空地'))]).toContain('天山3路');
    expect([...placeTokens(normalise('郑州东路公交站'))]).not.toContain('州东路');
    expect([...placeTokens(normalise('摆到马路上，走到辅路'))]).toEqual([]);
    expect([...placeTokens(normalise('龙山小区我家暖气'))]).toContain('龙山小区');
  });

  it('reads building, unit, room and house numbers, written in digits or Chinese', () => {
    expect(spotNumbers(normalise('错埠岭一小区六号楼3单元402'))).toEqual({
      building: new Set(['6']),
      unit: new Set(['3']),
      room: new Set(['402']),
      house: new Set(),
    });
    expect(spotNumbers(normalise('九水路158号院3单元')).house).toEqual(new Set(['158']));
  });

  it('reads kinds of shop', () => {
    expect(shopKinds(normalise('一家眼镜店'))).toEqual(new Set(['眼镜']));
    expect(shopKinds(normalise('海鲜饭店'))).toEqual(shopKinds(normalise('那家海鲜酒店')));
  });

  it('tells a report to us from a word to the property company', () => {
    expect(repeatCues('上次打热线说会来人看，到现在也没见人').earlierReport).toBe('上次打热线');
    expect(repeatCues('此前已通过网络平台反映，物业仍照常收费').earlierReport).toBe('此前已通过网络平台反映');
    expect(repeatCues('第三次反映了！').earlierReport).toBe('第3次反映');
    expect(repeatCues('已向社区反映，答复会协调环卫').earlierReport).toBeNull();
    expect(repeatCues('已给热力公司打过两次电话').earlierReport).toBeNull();
    expect(repeatCues('嘉定路小区5号楼还是不热').persists).toBe('还是');
    expect(repeatCues('跟沙滩上的垃圾不是一回事').differentIncident).toBe('不是一回事');
  });

  it('reads places and numbers from the address too, and compares the text without the words about an earlier report', () => {
    const features = extractFeatures({ text: '上次打热线了，门口占道摆摊', address: '台东三路88号' });
    expect([...features.places]).toContain('台东3路');
    expect(features.numbers.house).toEqual(new Set(['88']));
    expect(features.cues.earlierReport).toBe('上次打热线');
    expect(features.terms).toEqual(characterNgrams(similaritySegments('台东三路88号|了，门口占道摆摊')));
  });

  it('names the details two complaints share and the ones they differ in, the earlier one first', () => {
    const read = (text: string) => extractFeatures({ text, address: null });
    expect(compareDetails(read('6号楼3单元楼道堆物'), read('6号楼3单元门口堆物'))).toEqual({ same: ['6号楼', '3单元'], differentNumbers: [], differentShops: [] });
    expect(compareDetails(read('9号楼下烧烤'), read('12号楼下烧烤'))).toEqual({ same: [], differentNumbers: ['12号楼/9号楼'], differentShops: [] });
    expect(compareDetails(read('眼镜店门口占道'), read('奶茶店门口占道'))).toEqual({ same: [], differentNumbers: [], differentShops: ['奶茶店/眼镜店'] });
    expect(compareDetails(read('路边占道'), read('6号楼下占道'))).toEqual({ same: [], differentNumbers: [], differentShops: [] });
  });
});
