// Opens one HTML news digest in Debian's headless Chromium and checks it as a reader would see
// it: no console errors, no request leaving the file, no script, every contents link jumping to
// its item (clicked, the item's title then at the top of the window), sections starting new
// pages, nothing wider than the page on screen or on A4 paper, and the page printing on A4
// (the PDF's pages 595 x 842 pt). Prints one line per check ("ok ..." or "FAIL ...") and exits
// 1 when any failed, 2 when the browser could not run.
//
// Usage: node check-digest.mjs DIGEST.html EXPECTED_ITEMS SHOT_DIR
//   EXPECTED_ITEMS: the number of items the digest should list
//   SHOT_DIR:       where the screenshots and the PDF go (looked at by people, not compared)
// Environment: CHROMIUM (default /usr/bin/chromium).
import { launchChromium } from './chromium.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve, basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const [digestPath, expectedArg, shotDir] = process.argv.slice(2);
if (!digestPath || !expectedArg || !shotDir) {
  console.error('usage: node check-digest.mjs DIGEST.html EXPECTED_ITEMS SHOT_DIR');
  process.exit(2);
}
const url = pathToFileURL(resolve(digestPath)).href;
const expected = Number(expectedArg);
const stem = basename(digestPath).replace(/\.html$/, '');
mkdirSync(shotDir, { recursive: true });

let failures = 0;
function check(ok, what, detail) {
  if (ok) console.log(`ok   ${what}`);
  else {
    failures++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
}

const browser = await launchChromium('check-digest.mjs');
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const foreign = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith('data:')) return route.continue();
    if (!foreign.includes(u)) foreign.push(u);
    return route.abort();
  });
  page.on('request', (req) => {
    const u = req.url().replace(/#.*$/, '');
    if (u !== url && !u.startsWith('data:') && !foreign.includes(u)) foreign.push(u);
  });
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });

  // --- the contents: one link per item, each to an item that exists, in the page's order
  const links = await page.$$eval('nav.toc a[href^="#"]', (as) => as.map((a) => ({
    id: a.getAttribute('href').slice(1), text: a.textContent.trim(),
  })));
  check(links.length === expected, `the contents list every item (${links.length} of ${expected})`);
  const articles = await page.$$eval('article', (as) => as.map((a) => a.id));
  check(JSON.stringify(links.map((l) => l.id)) === JSON.stringify(articles),
    'the contents follow the items in the page\'s order',
    `contents ${links.map((l) => l.id).join(',')}; page ${articles.join(',')}`);

  // --- each link jumps to its item: clicked, its title stands at the top of the window
  const missed = [];
  for (const l of links) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(`nav.toc a[href="#${l.id}"]`);
    const where = await page.evaluate((id) => {
      const el = document.getElementById(id);
      if (!el) return null;
      const h = el.querySelector('h3');
      return {
        hash: location.hash, top: el.getBoundingClientRect().top,
        title: h ? h.textContent.trim() : '',
        atEnd: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
      };
    }, l.id);
    // an item near the end of the page cannot be scrolled to the top: then it must be in view
    const ok = where && where.hash === `#${l.id}` && where.title.startsWith(l.text) &&
      (Math.abs(where.top) <= 2 || (where.atEnd && where.top >= 0 && where.top < 900));
    if (!ok) missed.push(`${l.id} ${JSON.stringify(where)}`);
  }
  check(missed.length === 0, `every contents link jumps to its item (${links.length})`,
    missed.slice(0, 3).join('; '));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shotDir}/${stem}-cover.png` });
  const shot = async (selector, name) => {
    const el = await page.$(selector);
    if (el) {
      await el.scrollIntoViewIfNeeded();
      await page.evaluate((s) => document.querySelector(s).scrollIntoView({ block: 'start' }), selector);
      await page.screenshot({ path: `${shotDir}/${stem}-${name}.png` });
    }
  };
  await shot('nav.toc', 'contents');
  await shot('section.kind', 'events');
  await shot('article.item-interview', 'interview');

  // --- the layout of the print: each section and the contents on a new page
  const breaks = await page.evaluate(() => ({
    sections: [...document.querySelectorAll('section.kind')].map((s) => getComputedStyle(s).breakBefore),
    cover: getComputedStyle(document.querySelector('.cover')).breakAfter,
  }));
  check(breaks.sections.length > 0 && breaks.sections.every((b) => b === 'page'),
    `every section starts a page (${breaks.sections.length})`, breaks.sections.join(','));
  check(breaks.cover === 'page', 'the cover is a page of its own', breaks.cover);

  const overflowing = () => page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 0.5;
    const bad = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > limit || r.left < -0.5) bad.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
    }
    const doc = document.documentElement;
    return { scroll: doc.scrollWidth, client: doc.clientWidth, bad: bad.slice(0, 5), n: bad.length };
  });
  let o = await overflowing();
  check(o.scroll <= o.client && o.n === 0, 'nothing overflows the page at 1280 px', o.bad.join('; '));

  // A4 less the digest's 18 mm side margins: 174 mm, 657 CSS px
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 657, height: 1000 });
  o = await overflowing();
  check(o.scroll <= o.client && o.n === 0, 'nothing overflows A4 paper (print media, 657 px)',
    `scrollWidth ${o.scroll} > ${o.client}; ${o.bad.join('; ')}`);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(`${shotDir}/${stem}.pdf`, pdf);
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[1]), Number(m[2])]);
  const a4 = boxes.length > 0 && boxes.every(([w, h]) => Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2);
  check(a4, `prints on A4 (${boxes.length} pages${boxes[0] ? `, ${boxes[0].join(' x ')} pt` : ''})`,
    JSON.stringify(boxes.slice(0, 3)));
  const sections = await page.$$eval('section.kind', (s) => s.length);
  check(boxes.length >= 3 + sections, `a page for the cover, masthead, contents and each section (${boxes.length} >= ${3 + sections})`);

  // --- self-contained
  const scripts = await page.$$eval('script', (s) => s.length);
  check(scripts === 0, `no script in the page (${scripts})`);
  check(foreign.length === 0, 'no request leaves the file', foreign.slice(0, 5).join(' '));
  check(consoleErrors.length === 0, 'no console errors', consoleErrors.slice(0, 3).join(' | '));
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
