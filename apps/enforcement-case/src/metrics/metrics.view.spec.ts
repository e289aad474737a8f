import { metricCsv, metricCsvFile } from './metrics.view';

describe('the metric as CSV', () => {
  const rows = [
    { hotspotAreaId: 'HS01', name: '中山路-劈柴院商圈', complaints: 10, converted: 1, cases: 1, rate: 0.1, met: true },
    { hotspotAreaId: 'HS02', name: '名称,带"引号"', complaints: 3, converted: 0, cases: 0, rate: 0, met: false },
    { hotspotAreaId: null, name: '热点区域外', complaints: 0, converted: 0, cases: 0, rate: null, met: false },
  ];

  it('writes a BOM, a Chinese header with the key, decimal rates and CRLF lines, quoting where needed', () => {
    expect(metricCsv('hotspotArea', rows)).toBe(
      '\uFEFF热点区域编号,名称,投诉数,转案数,案件数,转案率,达标\r\n' +
        'HS01,中山路-劈柴院商圈,10,1,1,0.1,是\r\n' +
        'HS02,"名称,带""引号""",3,0,0,0,否\r\n' +
        ',热点区域外,0,0,0,,否\r\n',
    );
    expect(metricCsv('week', [{ week: '2024-W09', name: '2024年第9周', complaints: 3, converted: 1, cases: 1, rate: 1 / 3, met: true }])).toContain(
      '2024-W09,2024年第9周,3,1,1,0.3333333333333333,是',
    );
  });

  it('is a UTF-8 download named after the period', () => {
    const file = metricCsvFile({ groupBy: 'hotspotArea', period: { from: '2024-03-01', to: '2024-03-31' }, rows });
    expect(file.getHeaders()).toMatchObject({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename=complaint-to-case-2024-03-01-2024-03-31.csv',
    });
  });
});
