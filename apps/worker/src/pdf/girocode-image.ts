// Draws a GiroCode (the EPC QR code) as an SVG image for the invoice template. Vector, so it
// stays sharp in the PDF at any zoom and on any printer.
import QRCode from 'qrcode';

/** Light modules around the code, in modules: the QR standard asks for four. */
const QUIET_ZONE = 4;

/**
 * The QR code for an EPC payload as an SVG data URL. Error correction M, as EPC069-12
 * requires; the text goes in as one byte segment of UTF-8 (the payload's character set "1"),
 * which every banking app reads.
 */
export function girocodeDataUrl(payload: string): string {
  const qr = QRCode.create([{ mode: 'byte', data: new TextEncoder().encode(payload) }], { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const extent = size + 2 * QUIET_ZONE;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${extent} ${extent}" shape-rendering="crispEdges">` +
    `<rect width="${extent}" height="${extent}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
