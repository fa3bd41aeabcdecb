import { csvField, toCsv } from './csv.js';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, leaves plain text and numbers alone', () => {
    expect(csvField('Harbour Warehouse')).toBe('Harbour Warehouse');
    expect(csvField('Smith, Anna')).toBe('"Smith, Anna"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(new Date('2026-12-04T08:00:00Z'))).toBe('2026-12-04T08:00:00.000Z');
  });

  it('keeps a spreadsheet from running user text as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('writes a header line and one CRLF-ended line per row', () => {
    const csv = toCsv<{ a: string; b: number }>(
      [
        ['name', (r) => r.a],
        ['minutes', (r) => r.b],
      ],
      [
        { a: 'x', b: 1 },
        { a: 'y, z', b: 2 },
      ],
    );
    expect(csv).toBe('name,minutes\r\nx,1\r\n"y, z",2\r\n');
  });
});
