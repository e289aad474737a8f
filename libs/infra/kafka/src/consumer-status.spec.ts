import { ConsumerStatus } from './consumer-status';

describe('ConsumerStatus lag', () => {
  it('is the high watermark minus the next offset to handle, per topic and partition', () => {
    const status = new ConsumerStatus();
    status.recordLag('complaints.received.v1', 0, '120', '100');
    status.recordLag('complaints.received.v1', 1, '7', '7');
    status.recordLag('complaints.received.v1', 0, '125', '121');
    expect(status.lag.get('complaints.received.v1')).toEqual(new Map([[0, 4], [1, 0]]));
  });

  it('ignores what is not an offset, and never goes below zero', () => {
    const status = new ConsumerStatus();
    status.recordLag('t', 0, '-1', '5');
    status.recordLag('t', 1, 'x', '5');
    status.recordLag('t', 2, '5', '9');
    expect(status.lag.get('t')).toEqual(new Map([[2, 0]]));
  });
});
