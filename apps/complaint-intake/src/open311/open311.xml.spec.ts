import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { toXml } from './open311.xml';

describe('toXml', () => {
  it('names list items as GeoReport does, with the declaration, empty elements for null', () => {
    expect(toXml('discovery', { changeset: 'c', endpoints: [{ url: 'u', formats: ['text/xml', 'application/json'] }] })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><discovery><changeset>c</changeset><endpoints><endpoint><url>u</url><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
    expect(toXml('service_requests', [{ service_request_id: 'a', account_id: null }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><service_requests><request><service_request_id>a</service_request_id><account_id/></request></service_requests>',
    );
    expect(toXml('services', [])).toBe('<?xml version="1.0" encoding="UTF-8"?><services/>');
  });

  it('escapes markup and replaces characters XML forbids, so the document stays well-formed', () => {
    const text = '<b>a & b</b> "q" \'s\' ]]> \u0001 \uD800';
    const xml = toXml('errors', [{ code: 400, description: text }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false }).parse(xml);
    expect(parsed.errors.error.description).toBe('<b>a & b</b> "q" \'s\' ]]> \uFFFD \uFFFD');
  });

  it('refuses a list it has no element name for', () => {
    expect(() => toXml('x', { things: [1] })).toThrow(/things/);
  });
});
