// Referring again after a rejection: the partner turns a referral down, the caseworker clicks
// "Refer here" on an alternative service, and the new referral goes to that service (its
// service_id, not only its organisation). The case, consent and first referral are made through
// the API: the main journey already walks through those screens.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api, rejectReferral } from '../lib/harness.mjs';

const skip = skipReason();
let cw; // caseworker page
let partner; // partner page of the organisation that rejects
let caseId = '';
let first = ''; // the referral that is rejected
let rejecting; // the service first referred to (UNHCR Quito)
let alternative; // the service offered instead (the mobile unit, covering all of Pichincha)

describe('Enlace in a browser: alternatives after a rejection', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('caseworker: a case in Quito needing documents, with consent for two services, referred to one', async () => {
    cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const services = (await api(cw, 'GET', `/api/v1/services?category=documentation&territory=${quito.id}&limit=500`)).items;
    rejecting = services.find((s) => s.name === 'Refugee status application support');
    alternative = services.find((s) => s.name === 'Mobile unit outreach');
    assert.ok(rejecting && alternative, 'the demo directory lists both documentation services for Quito');
    assert.notEqual(rejecting.organization_id, alternative.organization_id);
    const kase = await api(cw, 'POST', '/api/v1/cases', {
      person: { given_name: 'Marisol', family_name: 'Quispe', birth_date: '1994-02-11', sex: 'female', nationality: 'VE', languages: ['es'] },
      territory_id: quito.id, specific_needs: [], needs: [{ category: 'documentation', urgency: 'high' }],
    });
    caseId = kase.id;
    await api(cw, 'POST', `/api/v1/cases/${caseId}/consents`, {
      method: 'verbal', categories: ['documentation'], organizations: [rejecting.organization_id, alternative.organization_id],
    });
    const r = await api(cw, 'POST', '/api/v1/referrals', {
      case_id: caseId, to_organization_id: rejecting.organization_id, service_id: rejecting.id, category: 'documentation',
      urgency: 'high', reason: 'Needs help with her asylum papers.', shared_fields: ['given_name', 'languages', 'needs'],
      status: 'requested', legal_basis: 'consent',
    });
    first = r.id;
  });

  it('partner: rejects the referral for lack of capacity', async () => {
    partner = await newPage(env.browser, env.server.url, { lang: 'es' });
    await signIn(partner, 'unhcr.partner');
    await rejectReferral(partner, first);
    await partner.context().close();
  });

  it('caseworker: "Refer here" on an alternative sends the referral to that service', async () => {
    await cw.goto(`/#/referrals/${first}`);
    await cw.getByRole('heading', { name: 'Refer again' }).waitFor();
    const card = cw.locator('.card', { hasText: alternative.name });
    await card.waitFor();
    await check(cw, 'caseworker-alternatives-offered');
    await card.getByRole('button', { name: `Refer here ${alternative.name}` }).click();
    await cw.getByText('The referral has been sent.').waitFor();
    const id = cw.url().replace(/\?.*$/, '').split('/').pop();
    assert.notEqual(id, first, 'a new referral is shown');
    await check(cw, 'caseworker-referred-again');

    const again = await api(cw, 'GET', `/api/v1/referrals/${id}`);
    assert.equal(again.service_id, alternative.id, 'the new referral names the chosen service');
    assert.equal(again.to_organization_id, alternative.organization_id);
    assert.equal(again.case_id, caseId);
    assert.equal(again.status, 'requested');
    assert.deepEqual(again.shared_fields, ['given_name', 'languages', 'needs'], 'the same information is shared');
    await cw.context().close();
  });
});
