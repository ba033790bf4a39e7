// Opens one HTML report in Debian's headless Chromium and checks it as a reader would see it:
// every chart drawn, nothing wider than the page on screen (1280 px) or on A4 paper, one map
// marker per cluster with coordinates, no request leaving the file. Prints one line per check
// ("ok ..." or "FAIL ...") and exits 1 when any check failed, 2 when the browser could not run.
//
// Usage: node check-report.mjs REPORT.html EXPECTED_MARKERS SHOT_DIR
//   EXPECTED_MARKERS: file with one cluster key per line, the clusters that have coordinates
//   SHOT_DIR:         where the screenshots and the PDF go (looked at by people, not compared)
// Environment: CHROMIUM (default /usr/bin/chromium).
import { launchChromium } from './chromium.mjs';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve, basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportPath, markersPath, shotDir] = process.argv.slice(2);
if (!reportPath || !markersPath || !shotDir) {
  console.error('usage: node check-report.mjs REPORT.html EXPECTED_MARKERS SHOT_DIR');
  process.exit(2);
}
const reportUrl = pathToFileURL(resolve(reportPath)).href;
const expectedMarkers = readFileSync(markersPath, 'utf8').split('\n').filter((s) => s !== '');
const stem = basename(reportPath).replace(/\.html$/, '');
mkdirSync(shotDir, { recursive: true });

let failures = 0;
function check(ok, what, detail) {
  if (ok) console.log(`ok   ${what}`);
  else {
    failures++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
}

const browser = await launchChromium('check-report.mjs');

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  // Every request is seen here; only the report itself and inline data: URLs may load.
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === reportUrl || url.startsWith('data:')) return route.continue();
    if (!foreign.includes(url)) foreign.push(url);
    return route.abort();
  });
  page.on('request', (req) => {
    const url = req.url();
    if (url !== reportUrl && !url.startsWith('data:') && !foreign.includes(url)) foreign.push(url);
  });
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(err.message));

  const started = Date.now();
  await page.goto(reportUrl, { waitUntil: 'load', timeout: 60000 });
  const loadMs = Date.now() - started;
  // The time from navigation start to the end of the load event, as the page measures it.
  const navMs = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav ? nav.loadEventEnd - nav.startTime : -1;
  });
  console.log(`info load ${loadMs} ms (navigation timing ${Math.round(navMs)} ms)`);

  // --- charts: every figure holds one SVG, drawn with a real size and real marks in it
  const charts = await page.$$eval('figure', (figs) => figs.map((f, i) => {
    const svg = f.querySelector('svg');
    if (!svg) return { i, svg: false };
    const box = svg.getBoundingClientRect();
    const marks = svg.querySelectorAll('path,rect,circle,line,polyline,polygon,text').length;
    const title = svg.querySelector('title');
    const legend = svg.querySelector('g.legend');
    return {
      i, svg: true, w: box.width, h: box.height, marks,
      title: title ? title.textContent : '',
      legend: legend ? legend.children.length : 0,
    };
  }));
  check(charts.length > 0, `report has charts (${charts.length} figures)`);
  for (const c of charts) {
    const name = `chart ${c.i + 1}${c.title ? ` "${c.title}"` : ''}`;
    check(c.svg, `${name} has an SVG`);
    if (!c.svg) continue;
    check(c.w >= 50 && c.h >= 50, `${name} is drawn (${Math.round(c.w)}x${Math.round(c.h)} px)`);
    check(c.marks >= 5, `${name} has marks in it (${c.marks})`);
    check(c.legend > 0, `${name} has a legend`);
  }

  // Cards off screen are skipped by layout (content-visibility:auto) until scrolled to; the
  // checks below look at every element, so they lay out everything, as printing does.
  await page.addStyleTag({ content: '.card{content-visibility:visible !important}' });

  // --- width: nothing sticks out of the page, on screen and on A4 paper.
  // Elements inside a horizontally scrolling container are the container's business: the
  // container itself must fit.
  const overflowing = () => page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 0.5;
    const bad = [];
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > limit || r.left < -0.5) {
        if (clipped(el)) continue;
        bad.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
    const doc = document.documentElement;
    return { scroll: doc.scrollWidth, client: doc.clientWidth, bad: bad.slice(0, 5), n: bad.length };
  });
  let o = await overflowing();
  check(o.scroll <= o.client && o.n === 0, 'nothing overflows the page at 1280 px',
    `scrollWidth ${o.scroll} > ${o.client}; ${o.n} elements, e.g. ${o.bad.join('; ')}`);

  await page.screenshot({ path: `${shotDir}/${stem}-top.png` });
  const shotOf = async (selector, name) => {
    const el = await page.$(selector);
    if (el) await el.screenshot({ path: `${shotDir}/${stem}-${name}.png` });
  };
  await shotOf('#sample ~ figure', 'map');
  await shotOf('#assessment ~ figure', 'heatmap');
  await shotOf('#typology ~ figure', 'dendrogram');
  await shotOf('.card', 'card');
  // the card with the most facts, to see a full explain chain
  const richest = await page.$$eval('.card', (cards) => {
    let best = -1, rows = -1;
    cards.forEach((c, i) => { const n = c.querySelectorAll('tr').length; if (n > rows) { rows = n; best = i; } });
    return best;
  });
  if (richest >= 0) {
    const cards = await page.$$('.card');
    await cards[richest].screenshot({ path: `${shotDir}/${stem}-card-full.png` });
  }

  // A4 with the report's 15 mm margins: 180 mm of text width, 680 CSS px at 96 px per inch.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 1000 });
  o = await overflowing();
  check(o.scroll <= o.client && o.n === 0, 'nothing overflows A4 paper (print media, 680 px)',
    `scrollWidth ${o.scroll} > ${o.client}; ${o.n} elements, e.g. ${o.bad.join('; ')}`);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  writeFileSync(`${shotDir}/${stem}.pdf`, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(pdf.length > 1000 && pages >= 1, `prints to PDF (${pages} A4 pages, ${pdf.length} bytes)`);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- the map: one marker per cluster with coordinates, each naming its cluster
  const markers = await page.$$eval('svg.cs-map .cs-point',
    (els) => els.map((e) => e.getAttribute('data-id')));
  const want = [...expectedMarkers].sort();
  const got = [...markers].sort();
  const missing = want.filter((k) => !got.includes(k));
  const extra = got.filter((k) => !want.includes(k));
  const dup = got.filter((k, i) => i > 0 && got[i - 1] === k);
  check(got.length === want.length && missing.length === 0 && extra.length === 0 && dup.length === 0,
    `map has one marker per cluster with coordinates (${got.length} of ${want.length})`,
    `missing ${missing.slice(0, 5).join(',')}; extra ${extra.slice(0, 5).join(',')}; twice ${dup.slice(0, 5).join(',')}`);

  // every in-page link (a map point to its card, the contents to a section) has its target
  const broken = await page.$$eval('a[href^="#"]', (as) => as
    .map((a) => a.getAttribute('href').slice(1))
    .filter((id) => !document.getElementById(decodeURIComponent(id))));
  check(broken.length === 0, 'every in-page link has its target', broken.slice(0, 5).join(' '));

  // --- self-contained: no script needed, nothing fetched
  const scripts = await page.$$eval('script', (s) => s.length);
  check(scripts === 0, `no script in the page (${scripts})`);
  check(foreign.length === 0, 'no request leaves the file', foreign.slice(0, 5).join(' '));
  check(consoleErrors.length === 0, 'no console errors', consoleErrors.slice(0, 3).join(' | '));
  writeFileSync(`${shotDir}/${stem}.load-ms`, `${loadMs}\n`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
