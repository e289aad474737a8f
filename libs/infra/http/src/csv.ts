import { StreamableFile } from '@nestjs/common';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * A table as CSV the bureau's spreadsheets open correctly: CRLF lines, cells
 * quoted only when needed, empty for null, and a UTF-8 byte order mark so
 * Excel reads the Chinese text as UTF-8.
 */
export function toCsv(lines: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + lines.map((cells) => cells.map((c) => csvCell(c === null || c === undefined ? '' : String(c))).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The table as a download. */
export function csvFile(filename: string, lines: readonly (readonly CsvCell[])[]): StreamableFile {
  const body = Buffer.from(toCsv(lines), 'utf8');
  return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename=${filename}`, length: body.length });
}
