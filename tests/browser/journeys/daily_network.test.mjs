// Mobile units, transfers, places free and stale listings (issue 20, items 6-8): the system admin
// lets a mobile unit share its cases with its office; a caseworker transfers a case under the
// person's consent and loses it; a service at zero places is flagged in the Refer screen;
// accepting a referral offers the listing's manager to take a place off; a coordinator verifies a
// stale listing from the list. Set-up through the API, every screen checked with axe.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api, PASSWORD } from '../lib/harness.mjs';

const skip = skipReason();

/** A write that needs If-Match, with the page's session. */
async function apiIfMatch(page, method, path, body, version) {
  const r = await page.evaluate(async ({ method, path, body, version }) => {
    const res = await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'enlace', 'If-Match': `"${version}"` }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }, { method, path, body, version });
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return JSON.parse(r.text);
}

async function status(page, method, path) {
  return page.evaluate(async ({ method, path }) => (await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json' } })).status, { method, path });
}

describe('Enlace in a browser: units, transfers, places free, stale listings', { skip: skip || false }, () => {
  const env = serverAndBrowser();
  let cw;
  let orgs = [];
  let quito;
  let shelter;
  const orgId = (name) => orgs.find((o) => o.name === name).id;

  it('system admin: the mobile unit shares its cases with its office', async () => {
    const sys = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(sys, 'sysadmin');
    await sys.getByRole('link', { name: 'Organisations' }).click();
    await sys.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    const row = sys.locator('tr', { hasText: 'Pichincha Human Mobility Office - Mobile Unit' });
    await row.getByRole('button', { name: /Edit/ }).click();
    await sys.getByLabel("Its parent organisation's caseworkers work its cases").first().check();
    await check(sys, 'system-org-sharing-form');
    await sys.getByRole('button', { name: 'Save' }).click();
    await row.getByText('unit of Pichincha Human Mobility Office, shares its cases').waitFor();
    orgs = (await api(sys, 'GET', '/api/v1/organizations?limit=500')).items;
    const unit = orgs.find((o) => o.name === 'Pichincha Human Mobility Office - Mobile Unit');
    assert.equal(unit.shares_cases_with_parent, true);
    await check(sys, 'system-org-sharing');
  });

  it('caseworker: transfers a case to another office under the consent, and loses it', async () => {
    cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Mateo', family_name: 'Traslado', estimated_age: 34, sex: 'male', nationality: 'VE', languages: ['es'] },
      territory_id: quito.id, needs: [{ category: 'employment', urgency: 'normal' }],
    });
    await api(cw, 'POST', `/api/v1/cases/${kase.id}/consents`, { method: 'written', categories: ['case_transfer'], organizations: [orgId('Imbabura Human Mobility Office')] });
    await cw.goto(`/#/cases/${kase.id}`);
    await cw.getByRole('heading', { level: 1, name: 'Mateo Traslado' }).waitFor();
    await cw.locator('summary', { hasText: 'Transfer the case' }).click();
    await cw.getByRole('radio', { name: 'Imbabura Human Mobility Office' }).check();
    await cw.getByLabel('Reason for the transfer').fill('Moved to Ibarra; the office there follows up.');
    await cw.getByRole('button', { name: 'Transfer…' }).click();
    await cw.getByRole('alert').getByText(/Transfer this case to Imbabura Human Mobility Office\?/).waitFor();
    await check(cw, 'case-transfer-confirm');
    await cw.getByRole('button', { name: 'Yes, transfer the case' }).click();
    await cw.getByText('The case was transferred. Your organisation no longer sees it.').waitFor();
    await check(cw, 'case-transferred');
    assert.equal(await status(cw, 'GET', `/api/v1/cases/${kase.id}`), 404, 'the sender no longer sees the case');
  });

  it('caseworker: a service with no places free is flagged before anyone refers to it', async () => {
    const admin = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(admin, 'shelter.admin');
    shelter = (await api(admin, 'GET', `/api/v1/services?category=shelter&organization=${orgId('Casa de Acogida Quito')}&limit=50`)).items
      .find((s) => s.name === 'Temporary shelter for families');
    shelter = await apiIfMatch(admin, 'PATCH', `/api/v1/services/${shelter.id}`, { capacity_available: 0 }, shelter.version);
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Lucia', family_name: 'Sinplaza', estimated_age: 29, sex: 'female', nationality: 'CO', languages: ['es'] },
      territory_id: quito.id, needs: [{ category: 'shelter', urgency: 'high' }],
    });
    await cw.goto(`/#/cases/${kase.id}/refer`);
    const card = cw.locator('li.card', { hasText: 'Temporary shelter for families' });
    await card.locator('label', { hasText: 'No places free' }).waitFor();
    await card.getByRole('radio').check();
    await cw.getByText('This service has no places free right now.').waitFor();
    await check(cw, 'refer-no-places');
    shelter = await apiIfMatch(admin, 'PATCH', `/api/v1/services/${shelter.id}`, { capacity_available: 5 }, shelter.version);
  });

  it('partner who manages the listing: accepting offers to take a place off', async () => {
    const sys = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(sys, 'sysadmin');
    await api(sys, 'POST', '/api/v1/users', { username: 'shelter.lead', password: PASSWORD, display_name: 'Shelter lead', roles: ['partner', 'org_admin'], organization_id: orgId('Casa de Acogida Quito') });
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Elena', family_name: 'Conplaza', estimated_age: 41, sex: 'female', nationality: 'VE', languages: ['es'] },
      territory_id: quito.id, needs: [{ category: 'shelter', urgency: 'high' }],
    });
    await api(cw, 'POST', `/api/v1/cases/${kase.id}/consents`, { method: 'verbal', categories: ['shelter'], organizations: [shelter.organization_id] });
    const r = await api(cw, 'POST', '/api/v1/referrals', {
      case_id: kase.id, to_organization_id: shelter.organization_id, service_id: shelter.id, category: 'shelter',
      urgency: 'high', reason: 'Needs a bed tonight.', shared_fields: ['given_name'], status: 'requested',
    });
    const lead = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(lead, 'shelter.lead');
    await lead.goto(`/#/referrals/${r.id}`);
    await lead.locator('.summary-line .chip', { hasText: 'Received' }).waitFor();
    await lead.getByRole('button', { name: 'Accept' }).click();
    await lead.getByText('Temporary shelter for families has 5 places free. Take one off for this person?').waitFor();
    await check(lead, 'accept-capacity-offer');
    await lead.getByRole('button', { name: 'Yes, 4 left' }).click();
    await lead.getByText('Temporary shelter for families now shows 4 places free.').waitFor();
    assert.equal((await api(lead, 'GET', `/api/v1/services/${shelter.id}`)).capacity_available, 4);
    await check(lead, 'accept-capacity-lowered');
  });

  it('coordinator: verifies a stale listing from the list', async () => {
    const coord = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(coord, 'coordinator');
    await coord.getByRole('link', { name: 'Stale listings' }).click();
    await coord.getByRole('heading', { level: 1, name: 'Listings not verified for 6 months' }).waitFor();
    const row = coord.locator('tr', { hasText: 'Pre-employment orientation seminar' });
    await row.waitFor();
    await check(coord, 'coordinator-stale-listings');
    await row.getByRole('button', { name: /Mark verified today/ }).click();
    await coord.getByText('Pre-employment orientation seminar is marked verified today.').waitFor();
    await row.waitFor({ state: 'detached' });
    const seminar = (await api(coord, 'GET', '/api/v1/services?q=orientation%20seminar&limit=50')).items[0];
    assert.equal(seminar.stale, false);
    await check(coord, 'coordinator-stale-verified');
  });
});
