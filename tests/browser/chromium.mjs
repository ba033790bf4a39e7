// Starts Debian's Chromium (CHROMIUM, default /usr/bin/chromium) headless with the flags the
// report's browser checks are specified with, and nothing else that changes what a page may
// do. Shared by check-report.mjs, screenshot.mjs and bench/report_load.mjs. When Chromium
// cannot start, says so as WHO and exits 2.
import { chromium } from 'playwright-core';

export async function launchChromium(who) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking'],
  }).catch((e) => {
    console.error(`${who}: cannot start Chromium: ${e.message.split('\n')[0]}`);
    process.exit(2);
  });
}
