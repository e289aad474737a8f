import { CASE_STATE_CODES } from '@pipeline/contracts';
import { foldBySquad, openBySquad } from './case-counts.rules';
import { ENDED_CASE_STATES, OPEN_CASE_STATES } from './procedure/case-states';

describe('the open and ended case states', () => {
  it('put every state in exactly one of the two lists', () => {
    const open: readonly string[] = OPEN_CASE_STATES;
    const ended: readonly string[] = ENDED_CASE_STATES;
    expect(open.filter((s) => ended.includes(s))).toEqual([]);
    expect([...open, ...ended].sort()).toEqual([...CASE_STATE_CODES].sort());
  });
});

describe('foldBySquad', () => {
  it('counts a revoked filing (撤销立案) as ended, not as squad load', () => {
    const folded = foldBySquad([
      { squadId: 'SQ-SN-01', state: 'INVESTIGATING', cases: 2 },
      { squadId: 'SQ-SN-01', state: 'FILING_REVOKED', cases: 3 },
      { squadId: 'SQ-SN-01', state: 'NOT_FILED', cases: 1 },
      { squadId: 'SQ-SN-01', state: 'CLOSED', cases: 4 },
      { squadId: 'SQ-SN-01', state: 'ARCHIVED', cases: 1 },
      { squadId: 'SQ-SN-01', state: 'TRANSFERRED', cases: 1 },
    ]);
    expect(folded.get('SQ-SN-01')).toEqual({ open: 2, ended: 10 });
  });

  it('keeps squads apart, and unassigned cases under null', () => {
    const rows = [
      { squadId: 'SQ-SN-01', state: 'LEAD', cases: 1 },
      { squadId: 'SQ-SN-02', state: 'SUSPENDED', cases: 2 },
      { squadId: 'SQ-SN-02', state: 'TERMINATED', cases: 1 },
      { squadId: null, state: 'LEAD', cases: 5 },
    ];
    expect(foldBySquad(rows)).toEqual(
      new Map([
        ['SQ-SN-01', { open: 1, ended: 0 }],
        ['SQ-SN-02', { open: 3, ended: 0 }],
        [null, { open: 5, ended: 0 }],
      ]),
    );
    expect(openBySquad(rows)).toEqual(new Map([['SQ-SN-01', 1], ['SQ-SN-02', 3]]));
  });
});
