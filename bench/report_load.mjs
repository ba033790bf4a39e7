// Opens an HTML report in Debian's headless Chromium and measures how long it takes to open:
// the navigation-timing load time (navigation start to the end of the load event, as the page
// measures it), best of RUNS fresh browser contexts. Prints one line per run, with the
// renderer's style, layout and main-thread task times from Chromium's performance counters,
// then those counters for the best run ("best: ...") and last
//   load_ms=WALL nav_ms=NAV layout_ms=LAID_OUT
// for the best run: WALL is the wall time around page.goto(..., {waitUntil: 'load'}), NAV the
// navigation timing, LAID_OUT the wall time until the whole page is laid out
// (document.body.scrollHeight read after the load).
// Uses the same browser flags as tests/browser/check-report.mjs, and its playwright-core
// (npm ci --prefix tests/browser).
//
// Usage: node bench/report_load.mjs REPORT.html [RUNS]
// Environment: CHROMIUM (default /usr/bin/chromium).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// playwright-core lives in tests/browser/node_modules (npm ci there), beside the launcher
let launchChromium;
try {
  ({ launchChromium } = await import('../tests/browser/chromium.mjs'));
} catch {
  console.error('report_load.mjs: playwright-core missing (npm ci --prefix tests/browser)');
  process.exit(2);
}

const [reportPath, runsArg] = process.argv.slice(2);
if (!reportPath) {
  console.error('usage: node bench/report_load.mjs REPORT.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 3);
const url = pathToFileURL(resolve(reportPath)).href;

const browser = await launchChromium('report_load.mjs');

let best = null;
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    const loadMs = performance.now() - started;
    const navMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav ? nav.loadEventEnd - nav.startTime : -1;
    });
    await page.evaluate(() => document.body.scrollHeight);
    const layoutMs = performance.now() - started;
    // Where the renderer's main thread spent the time (seconds in Chromium's counters)
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const parts = `style ${Math.round(m.RecalcStyleDuration * 1000)} ms, layout ${Math.round(m.LayoutDuration * 1000)} ms,`
      + ` all main-thread tasks ${Math.round(m.TaskDuration * 1000)} ms; ${m.Nodes} DOM nodes`;
    console.log(`run ${r + 1}: load ${Math.round(loadMs)} ms, navigation timing ${Math.round(navMs)} ms,`
      + ` laid out ${Math.round(layoutMs)} ms (${parts})`);
    if (!best || navMs < best.navMs) best = { loadMs, navMs, layoutMs, parts };
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`best: ${best.parts}`);
console.log(`load_ms=${Math.round(best.loadMs)} nav_ms=${Math.round(best.navMs)} layout_ms=${Math.round(best.layoutMs)}`);
