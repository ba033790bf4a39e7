// Pictures of SVG charts for people (the docs' pictures of the development commands): each SVG
// file drawn in Debian's headless Chromium at its own width and height on white, saved as PNG.
// Usage: node svg-png.mjs IN.svg OUT.png [IN.svg OUT.png]...
// Regenerate the docs' pictures with scripts/development-pictures.sh.
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2) {
  console.error('usage: node svg-png.mjs IN.svg OUT.png [IN.svg OUT.png]...');
  process.exit(2);
}
const browser = await launchChromium('svg-png.mjs');
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (let i = 0; i < args.length; i += 2) {
    const svg = readFileSync(args[i], 'utf8');
    if (!svg.startsWith('<svg')) throw new Error(`${args[i]}: not an SVG document`);
    // the document's own markup only: no script runs (the page has none), nothing is fetched
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`,
      { waitUntil: 'load' });
    const el = page.locator('body > svg').first();
    await el.screenshot({ path: args[i + 1] });
    console.log(args[i + 1]);
  }
} finally {
  await browser.close();
}
