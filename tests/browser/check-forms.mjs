// The observatory's forms as their users meet them, in Debian's headless Chromium.
// Usage: node check-forms.mjs BASE_URL SHOTS_DIR
//   BASE_URL   the server, e.g. http://127.0.0.1:41234, on a registry with the accounts
//              ed (editor) and ada (admin), passwords ed-password-1 and ada-password-1
// The flows end to end: an editor logs in with the keyboard, edits a profile field with a
// source and sees the new value and the revision in the history, adds a fact; a visitor
// registers a cluster, which appears publicly only after an editor approves it; another is
// rejected with a reason; an admin reverts a revision. Every page of the flows: one h1,
// labelled fields, every form control reachable with Tab, no console error, no request to
// another host, no horizontal scroll at 360 px. Screenshots for the README: web-home.png,
// web-cluster.png, web-moderation.png (1280 x 900). Prints "ok   ..." or "FAIL ..." per check;
// exits 1 on any failure.
import { launchChromium } from './chromium.mjs';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node check-forms.mjs BASE_URL SHOTS_DIR');
  process.exit(2);
}
const origin = new URL(base).origin;
const cluster = 'medicon-valley';
let failures = 0;
function report(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const browser = await launchChromium('check-forms');
const errors = [], foreign = [];

async function newPage(width = 360) {
  const context = await browser.newContext({ viewport: { width, height: 740 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:')) foreign.push(u);
  });
  return page;
}

// The checks every page of the flows passes, named WHAT.
async function pageChecks(page, what) {
  const info = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    wide: document.documentElement.scrollWidth,
    unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((e) => !e.id || !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.name),
  }));
  report(info.h1 === 1, `${what}: one h1 (${info.h1})`);
  report(info.wide <= 360, `${what}: no horizontal scroll at 360 px (${info.wide} px)`);
  report(info.unlabelled.length === 0, `${what}: every form field has a label${info.unlabelled.length ? ' (not: ' + info.unlabelled.join(' ') + ')' : ''}`);
  report(errors.length === 0, `${what}: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
  report(foreign.length === 0, `${what}: no request leaves the page${foreign.length ? ': ' + foreign.join(' ') : ''}`);
  errors.length = 0;
  foreign.length = 0;
}

// Whether Tab reaches every control of the page's forms (besides the header's search).
async function keyboardReach(page, what) {
  const total = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('main form input:not([type=hidden]), main form select, main form textarea, main form button, header .account button, header .account a')];
    controls.forEach((c, i) => { c.dataset.kb = String(i); });
    document.activeElement && document.activeElement.blur();
    return controls.length;
  });
  const seen = new Set();
  for (let i = 0; i < 1500 && seen.size < total; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => document.activeElement && document.activeElement.dataset.kb);
    if (kb !== undefined && kb !== null) seen.add(kb);
  }
  report(total > 0 && seen.size === total, `${what}: Tab reaches every form control (${seen.size} of ${total})`);
}

async function login(page, name) {
  await page.goto(`${base}/en/login?next=/en/clusters/${cluster}`, { waitUntil: 'load' });
  await pageChecks(page, `en/login (${name})`);
  // by keyboard only: to the name field, type, Tab to the password, Enter
  await page.focus('#login-name');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  const onPassword = await page.evaluate(() => document.activeElement.id);
  report(onPassword === 'login-password', `login: Tab goes from the name to the password (${onPassword})`);
  await page.keyboard.type(`${name}-password-1`);
  await Promise.all([page.waitForURL((u) => u.pathname === `/en/clusters/${cluster}`), page.keyboard.press('Enter')]);
  const who = await page.textContent('header .account');
  report(who.includes(`Signed in as ${name}`), `login: the header names ${name} (${who.trim()})`);
}

async function firstSource(page, select) {
  return page.evaluate((sel) => [...document.querySelector(sel).options].find((o) => o.value).value, select);
}

async function historyFirstRow(page) {
  return page.evaluate(() => {
    const r = document.querySelector('table.history tbody tr');
    return r ? r.textContent : '';
  });
}

// ---- the editor: a profile field, then a fact ----
const editor = await newPage();
await login(editor, 'ed');
await pageChecks(editor, `en/clusters/${cluster} (editor)`);
await keyboardReach(editor, `en/clusters/${cluster} (editor)`);
await editor.fill('#pe-city', 'Lund (browser test)');
await editor.selectOption('#pe-source', await firstSource(editor, '#pe-source'));
await editor.fill('#pe-locator', 'p. 7');
await Promise.all([editor.waitForURL(/notice=profile_saved/), editor.click('main form[action$="/edit"] button[type=submit]')]);
const city = await editor.evaluate(() => [...document.querySelectorAll('table.profile tr')]
  .map((r) => r.textContent).find((t) => t.includes('Lund (browser test)')));
report(Boolean(city), 'edit: the profile shows the new value');
let first = await historyFirstRow(editor);
report(first.includes('ed (edit)') && first.includes('Lund (browser test)') && first.includes('p. 7'),
  `edit: the history's newest revision is the editor's (${first.slice(0, 120)})`);
report((await editor.textContent('.notice')).length > 0, 'edit: a notice says it was saved');
await pageChecks(editor, 'edit: the page after saving');

await editor.selectOption('#fe-fact', 'innovation_infrastructure_objects');
await editor.fill('#fe-year', '2024');
await editor.fill('#fe-value', '7');
await editor.selectOption('#fe-source', await firstSource(editor, '#fe-source'));
await Promise.all([editor.waitForURL(/notice=fact_saved/), editor.click('main form[action$="/facts"] button[type=submit]')]);
first = await historyFirstRow(editor);
report(first.includes('innovation_infrastructure_objects') && first.includes('7'),
  `fact: the history's newest revision is the fact (${first.slice(0, 120)})`);
// a refused value: the form again with the service's message
await editor.selectOption('#fe-fact', 'innovation_infrastructure_objects');
await editor.fill('#fe-value', 'many');
await editor.selectOption('#fe-source', await firstSource(editor, '#fe-source'));
const [refused] = await Promise.all([editor.waitForNavigation(), editor.click('main form[action$="/facts"] button[type=submit]')]);
const alert = await editor.evaluate(() => [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).join(' '));
report(refused.status() === 422 && alert.length > 0, `fact: a bad value is refused with the message (${refused.status()}: ${alert.slice(0, 100)})`);
// Chromium logs the 422 answer itself as a console error: that one is expected
for (let i = errors.length - 1; i >= 0; i--) if (/status of 422/.test(errors[i])) errors.splice(i, 1);
await pageChecks(editor, 'fact: the refused form');

// ---- a visitor registers two clusters ----
const visitor = await newPage();
async function register(key, name) {
  await visitor.goto(`${base}/en/register`, { waitUntil: 'load' });
  await pageChecks(visitor, `en/register (${key})`);
  await visitor.fill('#r-name_en', name);
  await visitor.fill('#r-key', key);
  await visitor.fill('#r-country', 'DE');
  await visitor.selectOption('#r-kind', 'biomedical');
  await visitor.fill('#r-source', 'https://example.org/clusters');
  await visitor.fill('#r-contact', 'Ann Example <ann@example.org>');
  await Promise.all([visitor.waitForURL(/register\/sent/), visitor.click('main form button[type=submit]')]);
  report((await visitor.textContent('main')).includes('waits for moderation'), `register ${key}: the page says it waits for moderation`);
  await pageChecks(visitor, `en/register/sent (${key})`);
  const res = await visitor.goto(`${base}/en/clusters/${key}`, { waitUntil: 'load' });
  report(res.status() === 404, `register ${key}: not public before approval (${res.status()})`);
  errors.length = 0; // the 404 itself is the point
}
await visitor.goto(`${base}/en/register`, { waitUntil: 'load' });
await keyboardReach(visitor, 'en/register');
await register('browser-cluster', 'Browser Test Cluster');
await register('browser-spam', 'Browser Spam');

// ---- the editor moderates ----
await editor.goto(`${base}/en/moderation`, { waitUntil: 'load' });
await pageChecks(editor, 'en/moderation');
await keyboardReach(editor, 'en/moderation');
const queued = await editor.textContent('main');
report(queued.includes('Browser Test Cluster') && queued.includes('Browser Spam') && queued.includes('ann@example.org'),
  'moderation: both submissions wait with their fields and contact');
const wide = await newPage(1280);
await wide.context().addCookies((await editor.context().cookies()));
await wide.setViewportSize({ width: 1280, height: 900 });
await wide.goto(`${base}/en/moderation`, { waitUntil: 'load' });
await wide.screenshot({ path: `${shots}/web-moderation.png` });
const card = (name) => editor.locator('article.submission', { hasText: name });
// reject without a reason: the browser asks for it (required); with one, it is kept
await card('Browser Spam').locator('textarea').fill('No source names this cluster.');
await Promise.all([editor.waitForURL(/notice=rejected/), card('Browser Spam').locator('button', { hasText: 'Reject' }).click()]);
await editor.goto(`${base}/en/moderation?status=rejected`, { waitUntil: 'load' });
report((await editor.textContent('main')).includes('No source names this cluster.'), 'moderation: the rejection keeps its reason');
await editor.goto(`${base}/en/moderation`, { waitUntil: 'load' });
await Promise.all([editor.waitForURL(/notice=approved/), card('Browser Test Cluster').locator('button', { hasText: 'Approve' }).click()]);
let res = await visitor.goto(`${base}/en/clusters/browser-cluster`, { waitUntil: 'load' });
report(res.status() === 200 && (await visitor.textContent('h1')).includes('Browser Test Cluster'),
  `moderation: the approved cluster is public (${res.status()})`);
res = await visitor.goto(`${base}/en/clusters/browser-spam`, { waitUntil: 'load' });
report(res.status() === 404, `moderation: the rejected one is not (${res.status()})`);
errors.length = 0;

// ---- the same pages in Russian: the editor's and the visitor's ----
for (const [pg, path] of [[editor, `/ru/clusters/${cluster}`], [editor, '/ru/moderation'],
  [visitor, '/ru/register'], [visitor, '/ru/login']]) {
  await pg.goto(`${base}${path}`, { waitUntil: 'load' });
  const lang = await pg.evaluate(() => document.documentElement.lang);
  report(lang === 'ru', `${path}: html lang is ru (${lang})`);
  await pageChecks(pg, path);
}

// ---- the admin reverts the editor's profile change ----
const admin = await newPage();
await login(admin, 'ada');
await admin.goto(`${base}/en/clusters/${cluster}`, { waitUntil: 'load' });
await pageChecks(admin, `en/clusters/${cluster} (admin)`);
const row = admin.locator('table.history tbody tr', { hasText: 'Lund (browser test)' }).first();
await Promise.all([admin.waitForURL(/notice=reverted/), row.locator('button', { hasText: 'Revert' }).click()]);
first = await historyFirstRow(admin);
report(first.includes('ada (revert)'), `revert: the newest revision is the admin's revert (${first.slice(0, 120)})`);
const shown = await admin.evaluate(() => document.querySelector('table.profile').textContent);
report(!shown.includes('Lund (browser test)'), 'revert: the profile no longer shows the edited value');

// ---- screenshots for the README ----
const anon = await newPage(1280);
await anon.setViewportSize({ width: 1280, height: 900 });
await anon.goto(`${base}/en/`, { waitUntil: 'load' });
await anon.waitForSelector('#map[data-markers], #map[data-error]', { timeout: 15000 }).catch(() => {});
await anon.screenshot({ path: `${shots}/web-home.png` });
await anon.goto(`${base}/en/clusters/${cluster}`, { waitUntil: 'load' });
await anon.screenshot({ path: `${shots}/web-cluster.png` });

await browser.close();
console.log(failures ? `${failures} checks failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
