// The web observatory's pages as a visitor sees them, in Debian's headless Chromium.
// Usage: node check-web.mjs BASE_URL MARKERS_FILE SHOTS_DIR
//   BASE_URL      the server, e.g. http://127.0.0.1:41234
//   MARKERS_FILE  the keys of the registry's clusters with coordinates, one a line
// Every page in English and Russian: status 200, one h1, no console error, no request to any
// other host, no horizontal scroll at 360 px. The home page: one map marker per listed cluster
// with coordinates (all of MARKERS_FILE unfiltered), and a filter that changes the list, the
// counts and the markers; search by a Russian word form. The cluster pages' development parts
// (issue 14) on the bundled data: the programmes' listings, the timeline's charts and the value
// chain's stage diagram each visible, with a size, inside the 360 px window. Prints "ok   ..."
// or "FAIL ..." per check; exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';

const [base, markersFile, shots] = process.argv.slice(2);
if (!base || !markersFile || !shots) {
  console.error('usage: node check-web.mjs BASE_URL MARKERS_FILE SHOTS_DIR');
  process.exit(2);
}
const withCoordinates = readFileSync(markersFile, 'utf8').split('\n').filter(Boolean).sort();
const origin = new URL(base).origin;
let failures = 0;
function report(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const pages = ['/', '/clusters/medicon-valley', '/clusters/hostile-script', '/countries/DE',
  '/regions/de-berlin-brandenburg', '/regions/at-a', '/countries/AT', '/countries/US', '/methods',
  '/methods/hse-biomedical-2019',
  '/search?q=valley', '/downloads',
  '/clusters/kaliningrad-amber', '/clusters/penza-biomed', '/clusters/troitsk'];

// The development parts each page must show (data/development/development.json): the amber
// cluster's listing in the industrial cluster registry (its date and source) and its timeline (dated facts and the
// 70% target), BioMed's five-stage chain, Troitsk's listing among the 25 pilot clusters.
const parts = {
  '/clusters/kaliningrad-amber': [
    ['section[aria-labelledby="programmes"] table.listings', 'the listings table', ['2019-03-26', 'rko-digest-2019-12']],
    ['section[aria-labelledby="timeline"] figure.chart svg', 'a timeline chart'],
    ['section[aria-labelledby="timeline"] table.targets', 'the targets table', ['70', 'rko-digest-2019-12']],
  ],
  '/clusters/penza-biomed': [
    ['section[aria-labelledby="chain"] figure.chart svg', 'the stage diagram'],
  ],
  '/clusters/troitsk': [
    ['section[aria-labelledby="programmes"] table.listings', 'the listings table', ['2012', 'hse-news-medtech-cluster']],
  ],
};

const browser = await launchChromium('check-web');
const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
const page = await context.newPage();
const errors = [], foreign = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
page.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(origin + '/') && !u.startsWith('data:')) foreign.push(u);
});

async function markers() {
  await page.waitForSelector('#map[data-markers], #map[data-error]', { timeout: 15000 });
  const err = await page.getAttribute('#map', 'data-error');
  if (err) return { err };
  return page.evaluate(() => ({
    drawn: document.querySelectorAll('#map .leaflet-marker-pane path, #map .leaflet-overlay-pane path.leaflet-interactive').length,
    said: Number(document.getElementById('map').getAttribute('data-markers')),
    rows: [...document.querySelectorAll('table.list tbody tr')].map((r) => ({ key: r.dataset.key, geo: r.dataset.geo === '1' })),
    counts: document.getElementById('counts').textContent,
  }));
}

for (const lang of ['en', 'ru']) {
  for (const p of pages) {
    errors.length = 0;
    foreign.length = 0;
    const url = `${base}/${lang}${p}`;
    const res = await page.goto(url, { waitUntil: 'load' });
    if (p === '/') await page.waitForSelector('#map[data-markers], #map[data-error]', { timeout: 15000 }).catch(() => {});
    report(res && res.status() === 200, `${lang}${p}: status 200 (${res && res.status()})`);
    const info = await page.evaluate(() => ({
      h1: document.querySelectorAll('h1').length,
      lang: document.documentElement.lang,
      wide: document.documentElement.scrollWidth,
      alerts: document.querySelectorAll('script:not([src])').length,
      unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select')]
        .filter((e) => !e.id || !document.querySelector(`label[for="${e.id}"]`)).length,
    }));
    report(info.h1 === 1, `${lang}${p}: one h1 (${info.h1})`);
    report(info.lang === lang, `${lang}${p}: html lang is ${lang} (${info.lang})`);
    report(info.wide <= 360, `${lang}${p}: no horizontal scroll at 360 px (${info.wide} px)`);
    report(info.alerts === 0, `${lang}${p}: no inline script`);
    report(info.unlabelled === 0, `${lang}${p}: every form field has a label (${info.unlabelled} without)`);
    report(errors.length === 0, `${lang}${p}: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
    report(foreign.length === 0, `${lang}${p}: no request leaves the page${foreign.length ? ': ' + foreign.join(' ') : ''}`);
    for (const [sel, what, cites] of parts[p] || []) {
      const el = page.locator(sel).first();
      const shown = (await el.count()) > 0 && (await el.isVisible());
      const box = shown ? await el.boundingBox() : null;
      report(shown && box && box.width > 0 && box.height > 0,
        `${lang}${p}: ${what} is visible${box ? ` (${Math.round(box.width)} x ${Math.round(box.height)} px)` : ''}`);
      // it starts inside the window (a wide table scrolls in its own box; the page's own
      // horizontal scroll is checked above)
      report(box && box.x >= 0 && box.x < 360, `${lang}${p}: ${what} starts inside the window`);
      for (const c of cites || []) {
        const text = shown ? await el.textContent() : '';
        report(text.includes(c), `${lang}${p}: ${what} names ${c}`);
      }
    }
    if (p === '/' || p === '/clusters/medicon-valley')
      await page.screenshot({ path: `${shots}/web-${lang}-${p === '/' ? 'home' : 'cluster'}.png`, fullPage: false });
  }

  // the home page: markers, then a filter
  await page.goto(`${base}/${lang}/`, { waitUntil: 'load' });
  const all = await markers();
  if (all.err) {
    report(false, `${lang}: the map loaded its data (${all.err})`);
    continue;
  }
  const listed = all.rows.filter((r) => r.geo).map((r) => r.key).sort();
  report(JSON.stringify(listed) === JSON.stringify(withCoordinates),
    `${lang}: the list holds every cluster with coordinates (${listed.length} of ${withCoordinates.length})`);
  report(all.drawn === withCoordinates.length && all.said === withCoordinates.length,
    `${lang}: the map has one marker per cluster with coordinates (${all.drawn} drawn, ${withCoordinates.length} in the registry)`);
  // choosing a kind submits the form (map.js); the server filters
  await Promise.all([page.waitForURL(/kind=industrial/), page.selectOption('#f-kind', 'industrial')]);
  const some = await markers();
  const shown = some.rows ? some.rows.length : -1;
  report(shown > 0 && shown < all.rows.length,
    `${lang}: the kind filter shortens the list (${shown} of ${all.rows.length})`);
  report(some.counts !== all.counts, `${lang}: the counts follow the filter (${all.counts} → ${some.counts})`);
  const geoShown = some.rows ? some.rows.filter((r) => r.geo).length : -1;
  report(some.drawn === geoShown, `${lang}: the filtered map has one marker per listed cluster with coordinates (${some.drawn} of ${geoShown})`);
}
// search finds clusters by a Russian word form ("кластерами", instrumental plural)
await page.goto(`${base}/ru/search?q=${encodeURIComponent('кластерами')}`, { waitUntil: 'load' });
const found = await page.evaluate(() => document.querySelectorAll('ol.hits a[href^="/ru/clusters/"]').length);
report(found > 0, `ru: search finds clusters by a Russian word form (${found} links)`);
await browser.close();
console.log(failures ? `${failures} checks failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
