import { create } from 'qrcode';

/**
 * A QR code of `text` for the terminal: two modules per character with half blocks, light modules
 * drawn (so it scans on dark and light themes alike) inside a two-module quiet zone; lines end in
 * `\n`. The symbol is the `qrcode` package's (the smallest version that holds `text` at error
 * correction L); its own terminal renderers paint with ANSI colours or draw the dark modules.
 */
export function renderQr(text: string): string {
  const modules = create(text, { errorCorrectionLevel: 'L' }).modules;
  const size = modules.size;
  const dark = (row: number, col: number) =>
    row >= 0 && row < size && col >= 0 && col < size && modules.get(row, col) !== 0;
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
