/** Tab, line feed and carriage return: control characters that free text may hold. */
const TEXT_BREAKS = new Set([0x09, 0x0a, 0x0d]);

/**
 * Whether `text` holds a C0 control character (U+0000–U+001F) or DEL (U+007F), the characters
 * that never belong in a name, an id or a path and only arrive to confuse a database (PostgreSQL
 * refuses NUL in text), a log or a terminal. With `textBreaks`, tab and line breaks are allowed.
 */
export function hasControlCharacter(text: string, { textBreaks = false } = {}): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !(textBreaks && TEXT_BREAKS.has(code))) return true;
  }
  return false;
}
