// The gap dashboard explains its two markers: "<5" (a count from 1 to 4) and "suppressed" (a
// larger count hidden so that a small one cannot be worked out), shows the whole weeks it
// reports, and never writes a complementary cell as "<5". Own server, axe on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startServer, launch, newPage, signIn, check, PASSWORD } from '../lib/harness.mjs';

const skip = skipReason();
let server;
let browser;

/** Every count of a gap report, as [path, value]. */
function counts(report) {
  const out = [];
  const walk = (v, path) => {
    if (typeof v === 'number' || v === '<5' || v === 'suppressed') out.push([path, v]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(report, '');
  return out;
}

/** The first of a few demo reports that holds a complementary suppression, as its query. */
async function queryWithSuppressedCell(baseURL) {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'coordinator', password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  const { token } = await login.json();
  for (const by of ['', 'sex', 'age_group', 'nationality']) {
    const query = by ? { by } : {};
    const res = await fetch(`${baseURL}/api/v1/stats/gaps?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const report = await res.json();
    // The reply names whole ISO weeks: Monday to Sunday.
    assert.equal(new Date(`${report.from}T00:00:00Z`).getUTCDay(), 1, `from ${report.from} is a Monday`);
    assert.equal(new Date(`${report.to}T00:00:00Z`).getUTCDay(), 0, `to ${report.to} is a Sunday`);
    if (counts(report).some(([, v]) => v === 'suppressed')) return { query, report };
  }
  return null;
}

describe('Gap dashboard markers', { skip: skip || false }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('explains "<5" and "suppressed" and shows the whole weeks reported', async () => {
    const found = await queryWithSuppressedCell(server.url);
    assert.ok(found, 'the demo network has a report with a complementary suppression');
    const page = await newPage(browser, server.url, { lang: 'en' });
    await signIn(page, 'coordinator');
    await page.goto(`/#/gaps?${new URLSearchParams(found.query)}`);
    await page.getByRole('heading', { level: 1, name: 'Service gaps' }).waitFor();
    const legend = page.locator('dl.markers');
    await legend.waitFor();
    assert.match(await legend.locator('dt').nth(0).textContent(), /^<5$/);
    assert.match(await legend.locator('dd').nth(0).textContent(), /from 1 to 4/);
    assert.equal(await legend.locator('dt').nth(1).textContent(), 'suppressed');
    assert.match(await legend.locator('dd').nth(1).textContent(), /5 or more.*cannot be worked out/);
    await page.getByTestId('gap-period').waitFor();
    assert.match(await page.getByTestId('gap-period').textContent(), /whole weeks, Monday to Sunday/);
    // The tables write the complementary cell as "suppressed", never as "<5".
    await page.locator('td.num', { hasText: /^suppressed$/ }).first().waitFor();
    // Outcomes and the share answered within the standard, from the server's figures.
    const outcomes = page.locator('section', { has: page.getByRole('heading', { name: 'Outcomes and answers on time' }) });
    await outcomes.getByRole('columnheader', { name: 'Answered within the standard' }).waitFor();
    assert.ok(await outcomes.locator('tbody tr').count() > 0, 'a row per category');
    await check(page, 'gaps-markers-en');
    await page.context().close();
  });

  it('keeps a two-year report readable on screen and prints it whole', async () => {
    const page = await newPage(browser, server.url, { lang: 'en' });
    await signIn(page, 'coordinator');
    const to = new Date();
    const from = new Date(to.getTime() - 730 * 86400000);
    await page.goto(`/#/gaps?from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`);
    const weekly = page.locator('section', { has: page.getByRole('heading', { name: 'Weekly trends' }) }).locator('.table-wrap');
    await weekly.waitFor();
    const rows = await weekly.locator('tbody tr').count();
    assert.ok(rows >= 100, `about 105 weeks in the table (${rows})`);
    // On screen the table scrolls in a frame of its own and its header stays in view.
    const frame = await weekly.boundingBox();
    assert.ok(frame.height < 600, `the weekly table's frame is ${frame.height}px high`);
    await weekly.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const head = await weekly.locator('thead th').first().boundingBox();
    assert.ok(head.y >= frame.y - 1 && head.y < frame.y + 60, 'the header stays at the top of the frame');
    await page.getByText(/weeks: the table scrolls within its frame/).waitFor();
    await check(page, 'gaps-two-years');
    // Printed: no filters or buttons, the scope in words, and every week on paper.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form.filters').isVisible(), false);
    assert.match(await page.locator('p.print-only').textContent(), /^Territory: All · Category: All · Printed /);
    const printed = await weekly.boundingBox();
    assert.ok(printed.height > frame.height * 3, 'the whole table prints');
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  it('explains them in Spanish too', async () => {
    const page = await newPage(browser, server.url, { lang: 'es' });
    await signIn(page, 'coordinator');
    await page.goto('/#/gaps');
    const legend = page.locator('dl.markers');
    await legend.waitFor();
    assert.equal(await legend.locator('dt').nth(1).textContent(), 'oculta');
    assert.match(await legend.locator('dd').nth(1).textContent(), /5 o más/);
    await page.getByTestId('gap-period').waitFor();
    assert.match(await page.getByTestId('gap-period').textContent(), /semanas completas, de lunes a domingo/);
    await check(page, 'gaps-markers-es');
    await page.context().close();
  });
});
