// Lists reach the end: a caseworker whose organisation has more cases than one page sees the
// first page, a count of what is shown, and "Show more" until every case is listed, exactly
// once each. The cases are made through the API; axe on the paged list.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

const skip = skipReason();

/** Every case the caller's organisation has, following the API's cursors. */
async function allCases(page) {
  const out = [];
  let cursor = '';
  do {
    const reply = await api(page, 'GET', `/api/v1/cases?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...reply.items);
    cursor = reply.next_cursor;
  } while (cursor);
  return out;
}

describe('Enlace in a browser: lists reach the end', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('caseworker: more cases than a page, all reachable with "Show more"', async () => {
    const cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const existing = (await allCases(cw)).length;
    for (let i = existing; i < 57; i += 1) {
      await api(cw, 'POST', '/api/v1/cases', {
        person: { given_name: `Paged${i}`, family_name: 'Lista', birth_date: `1990-01-${String((i % 28) + 1).padStart(2, '0')}`, sex: 'female', nationality: 'VE', languages: ['es'] },
        territory_id: quito.id, specific_needs: [], needs: [{ category: 'shelter', urgency: 'normal' }],
      });
    }
    const total = (await allCases(cw)).length;
    assert.ok(total > 50, `more than one page of cases (${total})`);

    await cw.goto('/#/cases?status=all');
    const rows = cw.locator('table.table tbody tr');
    await cw.getByRole('button', { name: 'Show more' }).waitFor();
    assert.equal(await rows.count(), 50, 'the first page');
    await cw.getByText('50 shown; there are more.').waitFor();
    await check(cw, 'caseworker-cases-paged');
    while (await cw.getByRole('button', { name: 'Show more' }).count()) {
      const before = await rows.count();
      await cw.getByRole('button', { name: 'Show more' }).click();
      await cw.waitForFunction((n) => document.querySelectorAll('table.table tbody tr').length > n, before);
    }
    const links = await rows.locator('th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, total, 'every case is listed');
    assert.equal(new Set(links).size, total, 'none twice');
  });
});
