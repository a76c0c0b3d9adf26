// The referral preview is what the receiver gets: the caseworker ticks which needs and specific
// needs go, the preview shows exactly those (and the estimated age when no birth date is known),
// and the partner then sees the same entries, nothing more (API.md shared_needs,
// shared_specific_needs). Its own server, axe on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startServer, launch, newPage, signIn, axe, shot } from '../lib/harness.mjs';

const skip = skipReason();
let server;
let browser;
let cw;
let partner;
let caseId = '';
let previewed = [];
let referralId = '';
let serviceId = '';

async function check(page, name) {
  assert.deepEqual(await axe(page), [], `axe violations on ${name}`);
  assert.deepEqual(page.problems, [], `CSP or script errors on ${name}`);
  await shot(page, name);
}

/** Calls the API as the signed-in page (its session cookie and the CSRF header). */
async function api(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const r = await fetch(p, { method: m, headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'enlace' }, body: b ? JSON.stringify(b) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${m} ${p}: ${r.status} ${text}`);
    return JSON.parse(text);
  }, [method, path, body]);
}

/** The [term, definition] pairs of a description list, as shown. */
async function entries(dl) {
  return dl.evaluate((el) => [...el.querySelectorAll(':scope > div')].map((d) => [d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()]));
}

describe('Referral preview', { skip: skip || false }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  it('caseworker: a person with an estimated age, three needs and two specific needs', async () => {
    cw = await newPage(browser, server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const territories = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items;
    const quito = territories.find((x) => x.name === 'Quito');
    assert.ok(quito, 'the demo network has Quito');
    const services = (await api(cw, 'GET', `/api/v1/services?category=shelter&territory=${quito.id}&accepting=true`)).items;
    assert.ok(services.length, 'the demo network has a shelter in Quito');
    serviceId = services[0].id;
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Lorena', family_name: 'Paz', estimated_age: 34, sex: 'female', nationality: 'VE', languages: ['es'] },
      territory_id: quito.id,
      specific_needs: ['survivor_of_violence', 'pregnancy'],
      needs: [
        { category: 'shelter', urgency: 'high', note: 'two children with her' },
        { category: 'employment', urgency: 'normal', note: 'trained welder' },
        { category: 'protection', urgency: 'high', note: 'left a violent partner' },
      ],
    });
    caseId = kase.id;
    await api(cw, 'POST', `/api/v1/cases/${caseId}/consents`, { method: 'verbal', categories: ['shelter'], organizations: [services[0].organization_id] });
  });

  it('caseworker: the preview shows only the chosen needs and the estimated age', async () => {
    await cw.goto(`/#/cases/${caseId}/refer`);
    await cw.getByRole('heading', { level: 1, name: /Refer Lorena/ }).waitFor();
    await cw.locator('#f-category').selectOption('shelter');
    await cw.locator(`#service-${serviceId}`).check();
    const preview = cw.locator('.preview');
    await preview.getByText('Lorena').waitFor();
    // By default only the need of the referral's category goes.
    await preview.getByText(/two children with her/).waitFor();
    assert.equal(await preview.getByText(/trained welder/).count(), 0, 'the employment need stays');
    assert.equal(await preview.getByText(/violent/).count(), 0, 'the protection note stays');

    await cw.getByLabel('Date of birth').check();
    await preview.getByText('about 34 years').waitFor();
    await cw.getByLabel('Specific needs', { exact: true }).check();
    // No specific need goes until one is ticked.
    const specific = cw.locator('fieldset', { has: cw.getByText('Which specific needs to share') });
    await specific.waitFor();
    await specific.getByLabel('Pregnancy').check();
    const needs = cw.locator('fieldset', { has: cw.getByText('Which needs to share') });
    await needs.getByLabel('Employment').check();
    await preview.getByText(/trained welder/).waitFor();
    assert.equal(await preview.getByText(/Survivor/i).count(), 0, 'survivor of violence is not ticked');
    assert.equal(await preview.getByText(/violent/).count(), 0);
    await cw.locator('#f-reason').fill('Needs a shelter bed tonight for her and two children.');
    await preview.getByText(/Shared under the consent recorded/).waitFor();
    previewed = await entries(preview.locator('dl.details'));
    assert.deepEqual(previewed.map(([k]) => k), ['Given name', 'Family name', 'Estimated age', 'Languages', 'Needs', 'Specific needs']);
    await check(cw, 'caseworker-refer-preview-needs');
    await cw.getByRole('button', { name: 'Send referral' }).click();
    await cw.getByText('The referral has been sent.').waitFor();
    referralId = cw.url().replace(/\?.*$/, '').split('/').pop();
  });

  it('partner: sees exactly what the preview showed', async () => {
    partner = await newPage(browser, server.url, { lang: 'en' });
    await signIn(partner, 'shelter.partner');
    await partner.goto(`/#/referrals/${referralId}`);
    const shared = partner.locator('section', { has: partner.getByRole('heading', { name: 'Information shared with you' }) });
    await shared.getByText('Lorena').waitFor();
    assert.deepEqual(await entries(shared.locator('dl.details')), previewed);
    assert.equal(await shared.getByText(/violent|Survivor/i).count(), 0);
    await check(partner, 'partner-referral-chosen-needs');
  });
});
