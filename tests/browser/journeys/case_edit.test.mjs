// Keeping a case current, by keyboard: the caseworker edits the person, marks a need met, adds
// a need and a note, and links a household member; what the API then holds matches, and no
// need was deleted. A colleague's edit in between is shown, never overwritten. axe on each page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

const skip = skipReason();

describe('Enlace in a browser: keeping a case current', { skip: skip || false }, () => {
  const env = serverAndBrowser();
  let cw;
  let caseId = '';
  let childId = '';

  it('caseworker: edits the person, the needs and the notes', async () => {
    cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const person = (given, birth) => ({ given_name: given, family_name: 'Edita', birth_date: birth, sex: 'female', nationality: 'VE', languages: ['es'] });
    caseId = (await api(cw, 'POST', '/api/v1/cases', {
      person: person('Carmen', '1988-03-04'), territory_id: quito.id, specific_needs: [],
      needs: [{ category: 'shelter', urgency: 'high' }, { category: 'health', urgency: 'normal' }],
    })).id;
    childId = (await api(cw, 'POST', '/api/v1/cases', { person: person('Lucía', '2015-07-08'), territory_id: quito.id, specific_needs: [], needs: [] })).id;

    await cw.goto(`/#/cases/${caseId}`);
    await cw.getByRole('link', { name: 'Edit the case' }).click();
    await cw.getByRole('heading', { level: 1, name: 'Edit the case of Carmen Edita' }).waitFor();
    await cw.getByLabel('Phone').focus();
    await cw.keyboard.type('0991 234 567');
    // The shelter need is met: its status, chosen by keyboard.
    const shelter = cw.locator('.need-row', { has: cw.getByRole('heading', { name: 'Shelter' }) });
    await shelter.getByLabel('Status').focus();
    await cw.keyboard.type('Met');
    await cw.getByRole('button', { name: 'Add another need' }).focus();
    await cw.keyboard.press('Enter');
    const added = cw.locator('.need-row', { has: cw.getByRole('heading', { name: 'New need 3' }) });
    await added.getByLabel('Category').focus();
    await cw.keyboard.type('Food');
    await cw.getByLabel('Notes', { exact: true }).focus();
    await cw.keyboard.type('Works nights; call after 10.');
    await check(cw, 'caseworker-case-edit');
    await cw.getByRole('button', { name: 'Save the case' }).focus();
    await cw.keyboard.press('Enter');
    await cw.getByText('The case has been saved.').waitFor();
    await cw.getByText('Works nights; call after 10.').waitFor();
    await check(cw, 'caseworker-case-saved');

    const kase = await api(cw, 'GET', `/api/v1/cases/${caseId}`);
    assert.equal(kase.person.phone, '0991 234 567');
    assert.equal(kase.notes, 'Works nights; call after 10.');
    const status = Object.fromEntries(kase.needs.map((n) => [n.category, n.status]));
    assert.deepEqual(status, { shelter: 'met', health: 'open', food: 'open' }, 'no need was deleted');
  });

  it('caseworker: a colleague’s edit in between is shown, not overwritten', async () => {
    await cw.goto(`/#/cases/${caseId}/edit`);
    await cw.getByRole('heading', { level: 1, name: /Edit the case of/ }).waitFor();
    const before = await api(cw, 'GET', `/api/v1/cases/${caseId}`);
    // The colleague's edit, with the version both started from (the harness's api() sends no If-Match).
    await cw.evaluate(async ({ id, v }) => {
      await fetch(`/api/v1/cases/${id}`, { method: 'PATCH', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'enlace', 'If-Match': `"${v}"` }, body: JSON.stringify({ notes: 'Changed by a colleague.' }) });
    }, { id: caseId, v: before.version });
    await cw.getByLabel('Notes', { exact: true }).fill('Mine.');
    await cw.getByRole('button', { name: 'Save the case' }).click();
    await cw.getByText(/Someone changed this case while you were editing it/).first().waitFor();
    assert.equal((await api(cw, 'GET', `/api/v1/cases/${caseId}`)).notes, 'Changed by a colleague.');
    await cw.getByRole('button', { name: 'Load the latest version' }).click();
    // The reload is a fetch: the conflict notice goes once the latest version is in the form.
    await cw.getByText(/Someone changed this case while you were editing it/).first().waitFor({ state: 'detached' });
    assert.equal(await cw.getByLabel('Notes', { exact: true }).inputValue(), 'Changed by a colleague.');
  });

  it('caseworker: links a household member', async () => {
    await cw.goto(`/#/cases/${caseId}`);
    await cw.getByText('Link a member of the household').click();
    await cw.getByLabel('Their name').fill('Lucía Edita');
    await cw.getByRole('button', { name: 'Search' }).click();
    await cw.getByLabel(/^Lucía Edita/).check();
    await cw.getByLabel('Relation').fill('daughter');
    await cw.getByRole('button', { name: 'Link the cases' }).click();
    await cw.getByRole('link', { name: 'Open the related case (daughter)' }).waitFor();
    await check(cw, 'caseworker-case-household');
    const kase = await api(cw, 'GET', `/api/v1/cases/${caseId}`);
    assert.deepEqual(kase.household.map((h) => h.case_id), [childId]);
  });
});
