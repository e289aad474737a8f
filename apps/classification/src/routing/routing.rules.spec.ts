import { RESPONSIBLE_BODY_NAMES } from '@pipeline/contracts';
import { routingFor } from './routing.rules';

describe('routingFor', () => {
  it("names the district's enforcement squad when the district is known", () => {
    expect(routingFor('district_enforcement_squad', '市南区')).toEqual({ responsibleBody: 'district_enforcement_squad', name: '市南区综合行政执法中队' });
    expect(routingFor('district_enforcement_squad', '胶州市')).toEqual({ responsibleBody: 'district_enforcement_squad', name: '胶州市综合行政执法中队' });
  });

  it('falls back to the generic name without a district', () => {
    expect(routingFor('district_enforcement_squad', null)).toEqual({ responsibleBody: 'district_enforcement_squad', name: '区综合行政执法中队' });
    expect(routingFor('district_enforcement_squad', undefined).name).toBe(RESPONSIBLE_BODY_NAMES.district_enforcement_squad);
  });

  it('names every other body generically, whatever the district', () => {
    expect(routingFor('gas_company', '市北区')).toEqual({ responsibleBody: 'gas_company', name: '燃气公司' });
    expect(routingFor('other_competent_body', '李沧区').name).toBe('其他职能部门');
  });
});
