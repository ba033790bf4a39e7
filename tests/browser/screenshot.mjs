// Screenshots of a report for people (the README's pictures): the browser window at 1280 x 900
// scrolled to each anchor given. Usage: node screenshot.mjs REPORT.html OUT_PREFIX ANCHOR...
// writes OUT_PREFIX-ANCHOR.png. Regenerate the README's with scripts/readme-screenshots.sh.
import { launchChromium } from './chromium.mjs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, prefix, ...anchors] = process.argv.slice(2);
if (!report || !prefix || anchors.length === 0) {
  console.error('usage: node screenshot.mjs REPORT.html OUT_PREFIX ANCHOR...');
  process.exit(2);
}
const browser = await launchChromium('screenshot.mjs');
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: 'load' });
  for (const anchor of anchors) {
    await page.evaluate((id) => {
      const el = document.getElementById(id);
      if (!el) throw new Error(`no element #${id}`);
      el.scrollIntoView({ block: 'start' });
    }, anchor);
    await page.screenshot({ path: `${prefix}-${anchor}.png` });
    console.log(`${prefix}-${anchor}.png`);
  }
} finally {
  await browser.close();
}
