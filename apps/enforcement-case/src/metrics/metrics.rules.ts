export interface HotspotAreaRef {
  id: string;
  name: string;
}

export interface AreaCount {
  hotspotAreaId: string;
  converted: boolean;
  complaints: number;
}

export interface HotspotRow {
  hotspotAreaId: string;
  name: string;
  complaints: number;
  converted: number;
  rate: number | null;
  met: boolean;
}

/** Printed beside every figure: no official formula exists (domain.md §2), so the one used is stated. */
export const METRIC_DEFINITION =
  '诉转案率 = 区域内已转为执法案件（含案件线索）的投诉数 ÷ 区域内属城管职责的投诉数。' +
  '分母不含非城管职责（转交其他部门）的投诉；区域按投诉位置落入的热点区域计。';

/** One row per hotspot area, every area listed even with no complaints; rate is null without complaints. */
export function buildHotspotRows(areas: readonly HotspotAreaRef[], counts: readonly AreaCount[], target: number): HotspotRow[] {
  return areas.map((area) => {
    const mine = counts.filter((c) => c.hotspotAreaId === area.id);
    const complaints = mine.reduce((sum, c) => sum + c.complaints, 0);
    const converted = mine.filter((c) => c.converted).reduce((sum, c) => sum + c.complaints, 0);
    const rate = complaints ? converted / complaints : null;
    return { hotspotAreaId: area.id, name: area.name, complaints, converted, rate, met: rate !== null && rate >= target };
  });
}
