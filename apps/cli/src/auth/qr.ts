import QRCode from 'qrcode-terminal/vendor/QRCode';
import QRErrorCorrectLevel from 'qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel';

/**
 * A QR code for the terminal, two modules per character with half blocks, light modules drawn
 * (so it scans on dark and light themes alike) inside a two-module quiet zone. Only the QR
 * encoder of qrcode-terminal is used: its printer does not bundle in strict mode.
 */
export function renderQr(text: string): string {
  const qr = new QRCode(-1, QRErrorCorrectLevel.L);
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const dark = (row: number, col: number) =>
    row >= 0 && row < size && col >= 0 && col < size && qr.isDark(row, col);
  const lines: string[] = [];
  for (let row = -2; row < size + 2; row += 2) {
    let line = '';
    for (let col = -2; col < size + 2; col++) {
      const top = dark(row, col);
      const bottom = dark(row + 1, col);
      line += top && bottom ? ' ' : top ? '▄' : bottom ? '▀' : '█';
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
