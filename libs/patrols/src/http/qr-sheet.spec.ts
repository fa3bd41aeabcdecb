import QRCode from 'qrcode';
import { qrSheetSvg } from './qr-sheet.js';

describe('qrSheetSvg', () => {
  it('lays out one QR label per checkpoint in walking order, texts escaped', async () => {
    const svg = await qrSheetSvg('Harbour <night> round', [
      { name: 'North gate', code: 'HARB-1' },
      { name: 'East & dock', code: 'HARB-2' },
      { name: 'South', code: 'HARB-3' },
      { name: 'West', code: 'HARB-4' },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="210mm"')).toBe(true);
    expect(svg).toContain('Harbour &lt;night&gt; round');
    expect(svg).toContain('>2. East &amp; dock</text>');
    expect(svg).toContain('>HARB-4</text>');
    // four nested QR code SVGs, the fourth on the second row
    const nested = [...svg.matchAll(/<svg x="([\d.]+)" y="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(nested).toHaveLength(4);
    expect(nested[3][1]).toBeGreaterThan(nested[0][1]);
    expect(nested[3][0]).toBe(nested[0][0]);
    // each label's modules are exactly the QR code of that checkpoint's code
    const modules = async (code: string) =>
      /<path stroke[^>]*>/.exec(
        await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      )![0];
    for (const code of ['HARB-1', 'HARB-4']) expect(svg).toContain(await modules(code));
  });
});
