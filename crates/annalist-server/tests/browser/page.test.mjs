// Drives the annalist page in Debian's chromium, headless, through playwright-core (which
// downloads no browser). Run by tests/browser.rs against a server over tests/fixtures:
//
//   node page.test.mjs http://127.0.0.1:PORT OUT_DIR
//
// It checks that the timeline renders, that zooming and filtering change what is shown, that
// clicking an event leads to the right sentence highlighted in its article, and that the
// injection payloads in tests/fixtures/injection.txt stay inert text. Screenshots go to
// OUT_DIR. Any failed check exits non-zero with the reason.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node page.test.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'annalist-chromium-'));

const steps = [];
const problems = [];
function step(name) { steps.push(name); console.log('browser test: ' + name); }

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
let failed = null;
try {
  await run(context);
} catch (err) {
  failed = err;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.error('browser test FAILED after: ' + steps.join(' > '));
  if (problems.length) console.error('page problems: ' + problems.join('\n'));
  console.error(failed && failed.stack ? failed.stack : failed);
  process.exit(1);
}
console.log('browser test: ok (' + steps.length + ' steps)');

async function api(path) {
  const res = await fetch(base + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

async function run(context) {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('dialog', (d) => { problems.push('dialog: ' + d.message()); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  // Nothing may be fetched from anywhere but the server itself.
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push('foreign request: ' + r.url()); });

  const ready = () => page.waitForSelector('body[data-ready="true"]');
  const listCount = () => page.locator('#event-list li').count();
  const tickLabels = () => page.locator('#timeline .tick text').allTextContents();

  step('the timeline renders');
  await page.goto(base + '/');
  await ready();
  const all = await api('/api/timeline?limit=1000');
  assert.ok(all.total >= 10, 'fixture archive too small');
  assert.ok(await page.locator('#timeline .mark').count() > 0, 'no marks drawn');
  assert.equal(await listCount(), all.total, 'the fitted view lists every event');
  const wideTicks = await tickLabels();
  assert.ok(wideTicks.some((t) => /^\d{3,4}$/.test(t)), 'year ticks: ' + wideTicks);
  assert.ok(await page.locator('#timeline .cluster').count() > 0, 'dense years are clustered');
  await page.screenshot({ path: join(outDir, 'page-overview.png') });

  step('clicking a cluster zooms into it');
  const cluster = await page.evaluate(() => {
    const t1990 = 631152000; // 1990-01-01T00:00Z
    const c = [...document.querySelectorAll('#timeline .cluster')].find((g) => Number(g.getAttribute('data-lo')) <= t1990 + 86400 * 40 && Number(g.getAttribute('data-hi')) >= t1990);
    if (!c) return 0;
    c.setAttribute('data-test-target', '1990');
    return Number(c.getAttribute('data-count'));
  });
  assert.ok(cluster >= 2, 'a cluster around 1990');
  await page.locator('#timeline .cluster[data-test-target="1990"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('#event-list li').length < n, all.total);
  const zoomedTicks = await tickLabels();
  assert.notDeepEqual(zoomedTicks, wideTicks, 'ticks change with the zoom');
  const zoomedCount = await listCount();
  assert.ok(zoomedCount >= 2 && zoomedCount < all.total, 'zoomed list: ' + zoomedCount);
  await page.waitForFunction(() => /view=-?\d+(,|%2C)-?\d+/.test(location.search)); // the view is in the URL

  step('the keyboard and the wheel zoom too');
  await page.focus('#chart');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.waitForTimeout(100);
  assert.ok(await listCount() >= zoomedCount, 'zooming out shows at least as much');
  const box = await page.locator('#chart').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
  await page.waitForTimeout(150);
  assert.notDeepEqual(await tickLabels(), zoomedTicks, 'the wheel changes the ticks');

  step('one day, down to the hour');
  const day = [Date.UTC(1918, 10, 11) / 1000, Date.UTC(1918, 10, 12) / 1000];
  await page.goto(base + '/?view=' + day.join(','));
  await ready();
  const hourTicks = await tickLabels();
  assert.ok(hourTicks.some((t) => /^\d\d:\d\d$/.test(t)), 'hour ticks: ' + hourTicks);
  const dayItems = await page.locator('#event-list li .what').allTextContents();
  assert.ok(dayItems.some((t) => t.startsWith('The armistice was signed')), 'armistice in view: ' + dayItems);
  assert.ok(dayItems.some((t) => t.startsWith('It took effect at 11 a.m.')), 'both times of the day');
  assert.ok(!dayItems.some((t) => t.includes('Baku')), 'nothing from other days: ' + dayItems);

  step('clicking an event highlights its sentence in the article');
  await page.locator('#event-list button', { hasText: 'The armistice was signed' }).click();
  await page.locator('#event-detail .open-source').first().click();
  await page.waitForSelector('#article mark.sentence');
  const marked = (await page.locator('#article mark.sentence').allTextContents()).join('');
  assert.equal(marked, 'The armistice was signed in a railway carriage near Compiègne at 5:10 a.m. on November 11, 1918.');
  assert.ok(await page.locator('#article mark.sentence .timex').count() >= 1, 'time expressions are marked');
  await page.waitForFunction(() => /doc=[0-9a-f]+/.test(location.search));
  await page.screenshot({ path: join(outDir, 'page-article.png'), fullPage: true });

  step('a sentence that tells two dated things highlights only the statement clicked');
  await page.goto(base + '/?q=carriage');
  await ready();
  await page.locator('#event-list button', { hasText: 'on November 8 they reached' }).click();
  await page.locator('#event-detail .open-source').first().click();
  await page.waitForSelector('#article mark.sentence');
  assert.equal(
    (await page.locator('#article mark.sentence').allTextContents()).join(''),
    'on November 8 they reached the carriage in the forest.',
  );

  step('a decade keeps its name when "late" narrows it to its last years');
  await page.goto(base + '/?q=perestroika');
  await ready();
  assert.deepEqual(await page.locator('#event-list li .when').allTextContents(), ['late 1980s']);

  step('a range shows both its ends');
  await page.goto(base + '/?q=reshaped');
  await ready();
  assert.deepEqual(await page.locator('#event-list li .when').allTextContents(), ['1985 – 1991']);

  step('filtering by words, with the state in the URL');
  await page.goto(base + '/');
  await ready();
  await page.fill('#f-q', 'Baku');
  await page.press('#f-q', 'Enter');
  const baku = await api('/api/timeline?q=Baku&limit=1000');
  assert.ok(baku.total >= 2 && baku.total < all.total);
  await page.waitForFunction((n) => document.querySelectorAll('#event-list li').length === n, baku.total);
  await page.waitForFunction(() => location.search.includes('q=Baku'));
  await page.reload();
  await ready();
  assert.equal(await page.inputValue('#f-q'), 'Baku', 'the filter comes back from the URL');
  assert.equal(await listCount(), baku.total);

  step('figures are marked in their article');
  await page.locator('#event-list button', { hasText: 'at least 147 people were killed' }).click();
  await page.locator('#event-detail .open-source').first().click();
  await page.waitForSelector('#article mark.sentence');
  const figures = await page.locator('#article .figure').allTextContents();
  assert.ok(figures.some((f) => f.includes('147')), 'figure marked: ' + figures);

  step('the conflicts view sets the sources side by side');
  await page.click('#tab-conflicts');
  await page.waitForSelector('.conflict');
  const conflicts = await page.locator('.conflict').allTextContents();
  const killed = conflicts.find((c) => c.includes('killed') && c.includes('20 Jan 1990'));
  assert.ok(killed && killed.includes('131') && killed.includes('147'), 'conflict: ' + conflicts);
  await page.waitForFunction(() => location.search.includes('tab=conflicts'));

  step('injection payloads render as inert text');
  await page.goto(base + '/?q=' + encodeURIComponent('Breaking'));
  await ready();
  const item = page.locator('#event-list button', { hasText: 'Breaking' });
  assert.equal(await item.count(), 1);
  const itemText = await item.locator('.what').textContent();
  assert.ok(itemText.includes('<script>window.__pwned=3</script>'), 'shown as text: ' + itemText);
  await item.click();
  const sourceButton = page.locator('#event-detail .open-source').first();
  assert.ok((await sourceButton.textContent()).includes('<script>window.__pwned = "title";</script>'));
  await sourceButton.click();
  await page.waitForSelector('#article mark.sentence');
  assert.equal(
    await page.locator('#article .doc-title').textContent(),
    '<script>window.__pwned = "title";</script>"><img src=x onerror="window.__pwned=1">',
  );
  const injected = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    imgs: document.querySelectorAll('img').length,
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    bold: document.querySelectorAll('#article b, #event-list b').length,
    jsLinks: [...document.querySelectorAll('a')].filter((a) => !/^https?:/.test(a.getAttribute('href') || '')).length,
  }));
  assert.deepEqual(injected, { pwned: 'undefined', imgs: 0, scripts: ['/app.js'], handlers: 0, bold: 0, jsLinks: 0 });
  const text = await page.locator('#article .text').textContent();
  assert.ok(text.includes('<svg onload="window.__pwned=4">'), 'body shown as text');

  step('readable on a phone-sized screen');
  await page.goto(base + '/?view=' + day.join(','));
  await ready();
  await page.locator('#event-list button', { hasText: 'It took effect' }).click();
  await page.locator('#event-detail .open-source').first().click();
  await page.waitForSelector('#article mark.sentence');
  await page.screenshot({ path: join(outDir, 'page.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'no sideways scrolling on a phone: ' + overflow + 'px');
  await page.screenshot({ path: join(outDir, 'page-phone.png'), fullPage: true });

  assert.deepEqual(problems, [], 'no errors, dialogs or foreign requests');
}
