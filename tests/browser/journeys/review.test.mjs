// The organisation admin reviews emergency referrals sent without consent (vital interest):
// the list shows the justification and what was shared, "Mark reviewed" takes the referral off
// the list and the server records the review. The referral is made through the API.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

const skip = skipReason();

describe('Enlace in a browser: the vital-interest review', { skip: skip || false }, () => {
  const env = serverAndBrowser();
  let cw;
  let referralId = '';

  it('caseworker: an emergency referral under vital interest', async () => {
    cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const service = (await api(cw, 'GET', `/api/v1/services?category=shelter&territory=${quito.id}&limit=500`)).items[0];
    assert.ok(service, 'the demo directory has a shelter for Quito');
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Rosa', family_name: 'Vital', estimated_age: 15, sex: 'female', nationality: 'VE', languages: ['es'] },
      territory_id: quito.id, specific_needs: ['unaccompanied_child'], needs: [{ category: 'shelter', urgency: 'emergency' }],
    });
    const r = await api(cw, 'POST', '/api/v1/referrals', {
      case_id: kase.id, to_organization_id: service.organization_id, service_id: service.id, category: 'shelter',
      urgency: 'emergency', reason: 'Alone at the bus terminal tonight.', shared_fields: ['given_name', 'needs'],
      status: 'requested', legal_basis: 'vital_interest', justification: 'Unaccompanied child with nowhere to sleep tonight.',
    });
    referralId = r.id;
  });

  it('org admin: reads the justification and marks the referral reviewed', async () => {
    const admin = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(admin, 'pichincha.admin');
    await admin.getByRole('link', { name: 'Emergency review' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Emergency referrals to review' }).waitFor();
    const item = admin.locator('li.card', { hasText: 'Unaccompanied child with nowhere to sleep tonight.' });
    await item.waitFor();
    await item.getByText('Given name, Needs').waitFor();
    await check(admin, 'org-admin-review');
    await item.getByRole('button', { name: /Mark reviewed/ }).click();
    await admin.getByRole('status').getByText(/^Reviewed: /).waitFor();
    await item.waitFor({ state: 'detached' });
    const after = await api(cw, 'GET', `/api/v1/referrals/${referralId}`);
    assert.ok(after.reviewed_at, 'the review is recorded');
    await check(admin, 'org-admin-review-done');
  });
});
