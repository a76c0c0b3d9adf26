// Referrals beyond the system: the system admin marks an organisation without accounts
// ("external"); the caseworker refers to it, sees the person's tracking code, prints the slip
// (whose QR code scans to /track with the code and never the PIN) and makes a respond link; the
// agency answers through the link, in Spanish, by keyboard, with no account; an old link says it
// is dead; the caseworker records another answer on the agency's behalf; the person follows the
// referral on /track in English and in Spanish, gets a wrong PIN explained, says what happened,
// and is locked out after too many wrong PINs; the coordinator sees what the person said beside
// the receivers' outcome codes. axe on every screen.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { skipReason, serverAndBrowser, newPage, signIn, check, api, repoRoot } from '../lib/harness.mjs';

const skip = skipReason();
// The same decoder and rasteriser as web/test/track.test.js: what the slip draws must scan.
const jsQR = createRequire(join(repoRoot, 'web/package.json'))('jsqr');
const { rasterize } = await import(join(repoRoot, 'web/test/qr_raster.js'));

const AGENCY = 'Agencia Nacional de Empleo (sin cuenta)';
const PERSON = { given_name: 'Yuleisy', family_name: 'Parra', birth_date: '1990-05-17', sex: 'female', nationality: 'VE', languages: ['es'] };

describe('Enlace in a browser: organisations without accounts, and the person’s own view', { skip: skip || false }, () => {
  const env = serverAndBrowser();
  let agencyId = '';
  let referral = null; // the create reply: id, tracking {code, pin}
  let second = null; // a second referral, answered on the agency's behalf
  let oldLink = '';
  let link = '';

  it('system admin: creates an organisation without accounts with the external flag', async () => {
    const admin = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(admin, 'sysadmin');
    await admin.goto('/#/system/organizations');
    await admin.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    const form = admin.locator('form', { has: admin.getByRole('button', { name: 'Create' }) });
    await form.getByLabel('Name').fill(AGENCY);
    await form.getByLabel('Kind').selectOption('national_agency');
    const quito = (await api(admin, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    await form.getByLabel('Home territory').selectOption(quito.id);
    await form.getByLabel('Email').fill('empleo@agencia.example.ec');
    await form.getByLabel('No Enlace account (external)').check();
    await check(admin, 'sysadmin-organization-external');
    await form.getByRole('button', { name: 'Create' }).click();
    await admin.locator('tr', { hasText: AGENCY }).getByText('external', { exact: true }).waitFor();
    const org = (await api(admin, 'GET', '/api/v1/organizations?limit=500')).items.find((o) => o.name === AGENCY);
    assert.equal(org.external, true, 'the form sent the flag');
    agencyId = org.id;
    await admin.context().close();
  });

  it('caseworker: sees the tracking code, prints a slip whose QR code scans to /track, makes a respond link', async () => {
    const cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    const quito = (await api(cw, 'GET', '/api/v1/territories?limit=500')).items.find((x) => x.name === 'Quito');
    const kase = await api(cw, 'POST', '/api/v1/cases', { person: PERSON, territory_id: quito.id, specific_needs: [], needs: [{ category: 'employment', urgency: 'normal' }] });
    await api(cw, 'POST', `/api/v1/cases/${kase.id}/consents`, { method: 'verbal', categories: ['employment'], organizations: [agencyId] });
    const body = { case_id: kase.id, to_organization_id: agencyId, category: 'employment', urgency: 'normal', reason: 'Looking for work as a cook.',
      shared_fields: ['given_name', 'languages'], status: 'requested', legal_basis: 'consent' };
    referral = await api(cw, 'POST', '/api/v1/referrals', body);
    second = await api(cw, 'POST', '/api/v1/referrals', { ...body, reason: 'A second referral, answered by phone.' });
    assert.match(referral.tracking.code, /^[0-9A-HJKMNP-TV-Z]{8}$/, 'an 8-character Crockford code');
    assert.match(referral.tracking.pin, /^\d{6}$/);

    await cw.goto(`/#/referrals/${referral.id}`);
    await cw.getByRole('heading', { name: 'The person\'s follow-up code' }).waitFor();
    assert.equal(await cw.getByTestId('tracking-code').textContent(), referral.tracking.code);
    await cw.getByRole('heading', { name: 'Organisation without an account' }).waitFor();
    await check(cw, 'caseworker-referral-external');

    await cw.goto(`/#/referrals/${referral.id}/slip`);
    const qr = cw.locator('.slip-track svg.qr');
    await qr.waitFor();
    assert.equal(await cw.getByTestId('slip-code').textContent(), referral.tracking.code);
    const [d, box] = await Promise.all([qr.locator('path').getAttribute('d'), qr.getAttribute('viewBox')]);
    const n = Number(box.split(' ')[2]);
    const { px, w } = rasterize(d, n, 4);
    const scanned = jsQR(px, w, w);
    assert.ok(scanned, 'the slip QR code scans');
    assert.equal(scanned.data, `${env.server.url}/track?code=${referral.tracking.code}`, 'it is the track URL with the code');
    assert.ok(!scanned.data.includes(referral.tracking.pin), 'the PIN is not in the link');
    await check(cw, 'caseworker-slip-track');

    // Two links: the first is ended by the second, as a new link handed over by phone would.
    await cw.goto(`/#/referrals/${referral.id}`);
    for (let i = 0; i < 2; i += 1) {
      await cw.getByRole('button', { name: 'New respond link' }).click();
      const shown = cw.getByTestId('respond-url');
      await shown.waitFor();
      await cw.waitForFunction((prev) => { const el = document.querySelector('[data-testid=respond-url]'); return el && el.textContent !== prev; }, link);
      oldLink = link;
      link = await shown.textContent();
    }
    assert.match(link, /\/respond\/[A-Za-z0-9_-]{20,}$/);
    assert.notEqual(link, oldLink);
    await check(cw, 'caseworker-respond-link');
    await cw.context().close();
  });

  it('agency, in Spanish, with no account and by keyboard: accepts, writes, records the outcome', async () => {
    const agency = await newPage(env.browser, env.server.url, { lang: 'es' });
    await agency.goto(new URL(link).pathname);
    await agency.getByRole('heading', { name: 'Información compartida con ustedes' }).waitFor();
    await agency.locator('.summary-line .chip', { hasText: 'Recibida' }).waitFor();
    await agency.getByText('Yuleisy').waitFor();
    assert.equal(await agency.getByText(PERSON.family_name).count(), 0, 'only the snapshot: the family name was not shared');
    await check(agency, 'respond-received');

    await agency.getByRole('button', { name: 'Aceptar' }).focus();
    await agency.keyboard.press('Enter');
    await agency.locator('.summary-line .chip', { hasText: 'Aceptada' }).waitFor();
    await agency.getByLabel('Mensaje nuevo').focus();
    await agency.keyboard.type('La esperamos el lunes a las 9.');
    await agency.getByRole('button', { name: 'Enviar mensaje' }).focus();
    await agency.keyboard.press('Enter');
    await agency.locator('.message-body', { hasText: 'La esperamos el lunes a las 9.' }).waitFor();

    await agency.getByRole('button', { name: 'Registrar el resultado…' }).click();
    await agency.getByLabel('Resultado', { exact: true }).selectOption('service_provided');
    await check(agency, 'respond-outcome');
    await agency.getByRole('button', { name: 'Guardar el resultado' }).click();
    await agency.locator('.summary-line .chip', { hasText: 'Completada' }).waitFor();
    await check(agency, 'respond-completed');

    // The link replaced by the newer one says so in words.
    await agency.goto(new URL(oldLink).pathname);
    await agency.getByRole('heading', { level: 1, name: 'Este enlace ya no funciona' }).waitFor();
    await check(agency, 'respond-dead-link');
    await agency.context().close();
  });

  it('caseworker: records the agency’s answer by phone, shown on the timeline as on its behalf', async () => {
    const cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    await cw.goto(`/#/referrals/${second.id}`);
    await cw.getByRole('button', { name: 'Record their answer' }).click();
    await cw.locator('#behalf-title').waitFor();
    await check(cw, 'caseworker-record-answer');
    await cw.locator('section[aria-labelledby=behalf-title]').getByRole('button', { name: 'Accept' }).click();
    await cw.locator('.summary-line .chip', { hasText: 'Accepted' }).waitFor();
    await cw.locator('.timeline').getByText(/recorded by Ana Guerrero on behalf of/).waitFor();
    const r = await api(cw, 'GET', `/api/v1/referrals/${second.id}`);
    assert.equal(r.status, 'accepted');
    assert.ok(r.history.some((h) => h.on_behalf && h.to === 'accepted'), 'the API keeps it as on behalf');
    await check(cw, 'caseworker-on-behalf');
    await cw.context().close();
  });

  it('person, in English: a wrong PIN is explained, then category, status and feedback', async () => {
    const person = await newPage(env.browser, env.server.url, { lang: 'en', viewport: { width: 360, height: 740 } });
    await person.goto(`/track?code=${referral.tracking.code}`);
    await person.getByRole('heading', { level: 1, name: 'Follow your referral' }).waitFor();
    assert.equal(await person.getByLabel('Tracking code').inputValue(), referral.tracking.code, 'the code comes from the QR link');
    await check(person, 'track-form');
    const wrong = referral.tracking.pin === '000000' ? '111111' : '000000';
    await person.getByLabel('PIN').fill(wrong);
    await person.getByRole('button', { name: 'See my referral' }).click();
    await person.getByText('The code or the PIN is not right.', { exact: false }).waitFor();
    await check(person, 'track-wrong-pin');

    await person.getByLabel('PIN').fill(referral.tracking.pin);
    await person.keyboard.press('Enter');
    await person.getByTestId('track-category').getByText('Employment').waitFor();
    assert.equal(await person.getByTestId('track-status').textContent(), 'Completed');
    await person.getByText(AGENCY).waitFor();
    assert.equal(await person.getByText(PERSON.given_name).count(), 0, 'nothing personal on the page');
    await check(person, 'track-found');

    await person.getByRole('button', { name: 'Send' }).click();
    await person.getByText('Choose what happened.').waitFor();
    await person.getByLabel('I got the service').check();
    await person.getByLabel('4', { exact: true }).check();
    await person.getByLabel('Comment (optional)').fill('Me ayudaron a preparar la hoja de vida.');
    await person.getByRole('button', { name: 'Send' }).click();
    await person.getByText('Thank you. Your answer was recorded.').waitFor();
    await check(person, 'track-thanks');
    await person.context().close();

    const cw = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(cw, 'pichincha.caseworker');
    await cw.goto(`/#/referrals/${referral.id}`);
    const said = cw.locator('.message.from-person');
    await said.getByText('The person referred').waitFor();
    await said.getByText('Person: got the service').waitFor();
    await said.getByText('Me ayudaron a preparar la hoja de vida.').waitFor();
    await check(cw, 'caseworker-person-feedback');
    await cw.context().close();
  });

  it('coordinator: the gap dashboard shows what the person said beside the receivers’ outcome codes', async () => {
    const coord = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(coord, 'coordinator');
    await coord.goto('/#/gaps?category=employment');
    const outcomes = coord.locator('section', { has: coord.getByRole('heading', { level: 2, name: 'Outcomes and answers on time' }) });
    const row = outcomes.locator('tbody tr', { has: coord.getByRole('rowheader', { name: 'Employment' }) });
    await row.waitFor();
    const headers = await outcomes.locator('thead th').allTextContents();
    const cells = await row.locator('td').allTextContents();
    const cell = (name) => cells[headers.indexOf(name) - 1];
    assert.equal(cell('Person: got the service'), '<5', 'one person said so: shown, as every count from 1 to 4, as <5');
    assert.equal(cell('Service provided'), '<5', 'beside the receiver’s own outcome code');
    await check(coord, 'coordinator-gaps-person-reported');
    await coord.context().close();
  });

  it('person, choosing Spanish on the page: too many wrong PINs lock the code, and the page says why', async () => {
    const person = await newPage(env.browser, env.server.url, { lang: 'en', viewport: { width: 360, height: 740 } });
    await person.goto(`/track?code=${second.tracking.code}`);
    await person.getByLabel('Language').selectOption('es');
    await person.getByRole('heading', { level: 1, name: 'Siga su derivación' }).waitFor();
    assert.equal(await person.evaluate(() => document.documentElement.lang), 'es');
    const wrong = second.tracking.pin === '000000' ? '111111' : '000000';
    let locked = false;
    for (let i = 0; i < 6 && !locked; i += 1) {
      await person.getByLabel('PIN').fill(wrong);
      const [reply] = await Promise.all([
        person.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/track'),
        person.getByRole('button', { name: 'Ver mi derivación' }).click(),
      ]);
      locked = reply.status() === 429;
      await person.getByText(locked ? 'bloqueado una hora' : 'El código o el PIN no es correcto.', { exact: false }).waitFor();
    }
    assert.ok(locked, 'the fifth or sixth wrong PIN locks the code');
    // Even the right PIN is refused while the code is locked.
    await person.getByLabel('PIN').fill(second.tracking.pin);
    await person.getByRole('button', { name: 'Ver mi derivación' }).click();
    await person.getByText('bloqueado una hora', { exact: false }).waitFor();
    await check(person, 'track-locked');
    await person.context().close();
  });
});
