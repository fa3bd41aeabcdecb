import QRCode from 'qrcode';

/** A4 in millimetres: three labels across, four down per page height; the sheet grows as needed. */
const PAGE_W = 210;
const COLUMNS = 3;
const CELL_W = 60;
const CELL_H = 68;
const QR_MM = 44;
const MARGIN_X = (PAGE_W - COLUMNS * CELL_W) / 2;
const HEADER_H = 20;

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A printable SVG (millimetre units, A4 width) of a route's checkpoint QR codes in walking order:
 * each label holds the QR code of the checkpoint's code (what `scan_checkpoint` sends as
 * `checkpointCode`), its position in the round, its name and the code in clear text for a
 * scanner that fails. QR codes by the `qrcode` package, error correction M, quiet zone kept.
 */
export async function qrSheetSvg(
  routeName: string,
  checkpoints: { name: string; code: string }[],
): Promise<string> {
  const rows = Math.max(1, Math.ceil(checkpoints.length / COLUMNS));
  const height = HEADER_H + rows * CELL_H + 10;
  const labels = await Promise.all(
    checkpoints.map(async (c, i) => {
      const x = MARGIN_X + (i % COLUMNS) * CELL_W;
      const y = HEADER_H + Math.floor(i / COLUMNS) * CELL_H;
      const qr = (
        await QRCode.toString(c.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      ).replace(
        '<svg ',
        `<svg x="${x + (CELL_W - QR_MM) / 2}" y="${y + 4}" width="${QR_MM}" height="${QR_MM}" `,
      );
      const text = (dy: number, size: number, s: string) =>
        `<text x="${x + CELL_W / 2}" y="${y + dy}" font-size="${size}" text-anchor="middle">${escapeXml(s)}</text>`;
      return [
        `<rect x="${x + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="none" stroke="#999" stroke-width="0.2" stroke-dasharray="2 1"/>`,
        qr,
        text(QR_MM + 10, 4, `${i + 1}. ${c.name}`),
        text(QR_MM + 16, 3.5, c.code),
      ].join('');
    }),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}mm" height="${height}mm" viewBox="0 0 ${PAGE_W} ${height}" font-family="sans-serif">`,
    `<text x="${PAGE_W / 2}" y="12" font-size="6" text-anchor="middle">${escapeXml(routeName)}: checkpoint QR codes</text>`,
    ...labels,
    '</svg>',
  ].join('\n');
}
