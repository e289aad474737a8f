import { normalise, normaliseWithOffsets } from './normalise';

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

describe('normaliseWithOffsets', () => {
  it('gives the text normalise() gives', () => {
    for (const text of ['浮山后四小区 8号楼', '二十三号楼，ＬＥＤ屏', '十号楼一二十', '两个 垃圾桶']) {
      expect(normaliseWithOffsets(text).text).toBe(normalise(text));
    }
  });

  it('maps every character back to the span of the input it came from', () => {
    const input = '在 二十三号楼门口';
    const { text, start, end } = normaliseWithOffsets(input);
    expect(text).toBe('在23号楼门口');
    // the digits 2 and 3 both come from 二十三
    expect(input.slice(start[1], end[2])).toBe('二十三');
    expect(input.slice(start[3], end[4])).toBe('号楼');
  });
});
