/**
 * Playwright's global setup where Debian's Chromium is missing (see playwright.config.ts): one
 * line, and the run ends there, successfully, so `npm test` goes on to its summary.
 */
export default function skipWithoutChromium(): void {
  console.log(
    "web-e2e: browser tests skipped: Debian's Chromium is not installed at /usr/bin/chromium (install it with: apt-get install -y chromium)",
  );
  process.exit(0);
}
