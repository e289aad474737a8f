import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@pipeline/testing';

/** One row of reports/faults.json. */
export interface FaultRow {
  fault: string;
  accepted: number;
  lost: number;
  duplicated: number;
  /** From the moment the fault was removed until every check passed; null when it never did. */
  recoverySeconds: number | null;
}

/** A row with what the table shows beside the figures. */
export interface FaultResult extends FaultRow {
  notes: string;
  passed: boolean;
}

export const RELIABILITY_DOC = join(REPO_ROOT, 'docs', 'reliability.md');
export const FAULTS_JSON = join(REPO_ROOT, 'reports', 'faults.json');
const BEGIN = '<!-- fault-suite:begin (written by npm run test:faults) -->';
const END = '<!-- fault-suite:end -->';

const recovery = (r: FaultRow) => (r.recoverySeconds === null ? 'not recovered' : r.recoverySeconds.toFixed(1));

/** The table as Markdown (also printed by the suite). */
export function faultTable(results: FaultResult[]): string {
  const lines = [
    '| fault | complaints accepted | lost | duplicated | time to recover (s) | notes |',
    '|---|---:|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.fault} | ${r.accepted} | ${r.lost} | ${r.duplicated} | ${recovery(r)} | ${r.notes.replaceAll('|', '\\|')} |`),
  ];
  return lines.join('\n');
}

/**
 * Writes the rows to reports/faults.json and the table, with the run's
 * figures, between the markers in docs/reliability.md (the prose around
 * them is written by hand and kept).
 */
export function writeFaultReport(results: FaultResult[], run: { seconds: number; startedAt: Date; totalAccepted: number }): void {
  mkdirSync(dirname(FAULTS_JSON), { recursive: true });
  const rows: FaultRow[] = results.map(({ fault, accepted, lost, duplicated, recoverySeconds }) => ({ fault, accepted, lost, duplicated, recoverySeconds }));
  writeFileSync(FAULTS_JSON, `${JSON.stringify(rows, null, 2)}\n`);

  const failed = results.filter((r) => !r.passed).length;
  const section = [
    BEGIN,
    '',
    `Last run: ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${run.totalAccepted} complaints accepted in all, ` +
      `suite ${Math.round(run.seconds)} s, ${failed ? `**${failed} of ${results.length} faults failed their checks**` : `every check passed after each of the ${results.length} faults`}.`,
    '',
    faultTable(results),
    '',
    END,
  ].join('\n');
  const doc = existsSync(RELIABILITY_DOC) ? readFileSync(RELIABILITY_DOC, 'utf8') : `# Reliability\n\n${BEGIN}\n${END}\n`;
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(RELIABILITY_DOC, next);
}
