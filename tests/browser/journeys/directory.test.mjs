// The service directory, by keyboard: a caseworker finds shelters covering Quito, reads where
// to go and how to apply, and narrows by language; the same list the API gives. axe on each
// state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

const skip = skipReason();

describe('Enlace in a browser: the service directory', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('caseworker: finds the shelters for Quito by keyboard', async () => {
    const cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const expected = (await api(cw, 'GET', `/api/v1/services?category=shelter&territory=${quito.id}&limit=500`)).items;
    assert.ok(expected.length > 0, 'the demo directory has shelters for Quito');

    await cw.getByRole('link', { name: 'Service directory' }).click();
    await cw.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    await cw.getByLabel('Category').focus();
    await cw.keyboard.type('Shelter');
    await cw.keyboard.press('Tab'); // to "Where"
    await cw.keyboard.type('Quito');
    await cw.getByLabel('Name or description').focus();
    await cw.keyboard.press('Enter'); // submits the search form
    await cw.waitForURL(/category=shelter/);
    const results = cw.getByRole('list', { name: 'Services found' }).locator(':scope > li');
    await results.first().waitFor();
    assert.deepEqual((await results.locator('h2').allInnerTexts()).sort(), expected.map((s) => s.name).sort());
    await check(cw, 'directory-shelters-quito');

    // A language nobody offers leaves nothing, said in words.
    await cw.getByLabel('Languages').selectOption({ label: 'Zulu' });
    await cw.getByRole('button', { name: 'Search' }).click();
    await cw.getByText('No service matches these filters.').waitFor();
    await check(cw, 'directory-none');
  });
});
