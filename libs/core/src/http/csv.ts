import type { Response } from 'express';
import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

type Cell = string | number | boolean | null | undefined | Date;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text starting
 * with = + - @ or a tab is prefixed with ' so a spreadsheet does not run it as a formula (names
 * and notes come from users); numbers are written as they are.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: a header line, then one line per row, CRLF line ends. */
export function toCsv<T>(columns: [header: string, value: (row: T) => Cell][], rows: T[]): string {
  const lines = [columns.map(([h]) => csvField(h)).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => csvField(get(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Sends a CSV document as a download named `filename`. The type is set here, once the document
 * exists, not by a handler decorator: an error answered before must keep its JSON content type.
 */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/** Swagger and the content type of a CSV export endpoint. */
export const CsvExport = (description: string) =>
  applyDecorators(
    ApiProduces('text/csv'),
    ApiOkResponse({ description, content: { 'text/csv': { schema: { type: 'string' } } } }),
  );
