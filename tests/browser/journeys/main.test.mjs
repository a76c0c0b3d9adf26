// The main journey of every role, end to end in chromium, with axe on every page and screenshots:
// caseworker registers, records consent and refers; the partner sees it arrive live, accepts and
// completes; the caseworker sees the outcome; coordinator, admins and auditor do their part.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, signOut, check, shot, rejectReferral, api } from '../lib/harness.mjs';

const skip = skipReason();
let cw; // caseworker page
let partner; // partner page
let caseUrl = '';
let referralUrl = '';

/** The inbox or outbox row that links to the referral at `url`. */
function rowOf(page, url) {
  const id = url.split('/').pop();
  return page.locator('tbody tr', { has: page.locator(`a[href$="/referrals/${id}"]`) });
}

/** Selects the option whose text contains `text` (territory options are indented). */
async function selectByText(select, text) {
  const value = await select.evaluate((el, t) => [...el.options].find((o) => o.textContent.includes(t))?.value, text);
  assert.ok(value !== undefined, `no option containing ${text}`);
  await select.selectOption(value);
}

/** Matches "h:mm AM" of an instant at UTC-5: Ecuador's mainland time, with no daylight saving. */
function quitoClock(iso) {
  const d = new Date(Date.parse(iso) - 5 * 3600 * 1000);
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return new RegExp(`\\b${h % 12 || 12}:${mm}\\s?${h < 12 ? 'AM' : 'PM'}`);
}

/** The <time> element shows its instant in Quito's hour although the browser runs in Tokyo. */
async function assertShownInQuitoTime(page, time) {
  assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Asia/Tokyo');
  const at = await time.getAttribute('datetime');
  assert.match(await time.textContent(), quitoClock(at), `${at} in Quito time`);
}

describe('Enlace in a browser', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('shows the sign-in page in Spanish with no accessibility violations', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'es' });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await check(page, 'signin-es');
    // A wrong password gets a clear message and no session.
    await page.locator('#signin-username').fill('pichincha.caseworker');
    await page.locator('#signin-password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.getByText('El nombre de usuario o la contraseña no son correctos.').waitFor();
    await page.context().close();
  });

  it('caseworker: the registration form reports errors at the top, linked to each field', async () => {
    // The computer says Tokyo; the help desk is in Pichincha: times must follow Ecuador.
    cw = await newPage(env.browser, env.server.url, { lang: 'en', timezoneId: 'Asia/Tokyo' });
    await signIn(cw, 'pichincha.caseworker');
    await cw.goto('/#/cases/new');
    await cw.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
    await cw.getByRole('button', { name: 'Register', exact: true }).click();
    const summary = cw.locator('.error-summary');
    await summary.waitFor();
    assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary takes focus');
    const first = summary.locator('a').first();
    const target = (await first.getAttribute('href')).slice(1);
    await first.click();
    assert.equal(await cw.evaluate(() => document.activeElement.id), target, 'the link moves focus to its field');
    await check(cw, 'caseworker-register-errors');
  });

  it('caseworker: switching language keeps what was typed', async () => {
    await cw.locator('#f-person-given_name').fill('José');
    await cw.locator('#lang-select').selectOption('es');
    await cw.getByRole('heading', { level: 1, name: 'Registrar a una persona' }).waitFor();
    assert.equal(await cw.locator('#f-person-given_name').inputValue(), 'José');
    await cw.locator('#lang-select').selectOption('en');
    await cw.getByRole('heading', { level: 1, name: 'Register a person' }).waitFor();
    assert.equal(await cw.locator('#f-person-given_name').inputValue(), 'José');
  });

  it('caseworker: registers a person with needs', async () => {
    await cw.locator('#f-person-family_name').fill('Pérez Núñez');
    await cw.locator('#f-person-birth_date').fill('1990-05-04');
    await cw.locator('#f-person-sex').selectOption('male');
    // Nationality and languages by their names; the codes go to the server underneath. Typing
    // the first letters on the focused select reaches the country, as a keyboard user would.
    await cw.locator('#f-person-nationality').focus();
    await cw.keyboard.type('Venez');
    assert.equal(await cw.locator('#f-person-nationality').inputValue(), 'VE');
    await cw.getByLabel('Add a language…').selectOption({ label: 'Spanish' });
    await cw.getByLabel('Add a language…').selectOption({ label: 'Quechua' });
    await cw.getByRole('button', { name: 'Remove Quechua' }).click();
    assert.deepEqual(await cw.getByRole('list', { name: 'Languages spoken chosen' }).getByRole('listitem').allInnerTexts(), ['Spanish\n×']);
    await selectByText(cw.locator('#f-territory_id'), 'Quito');
    await cw.locator('#f-needs-0-category').selectOption('shelter');
    await cw.locator('#f-needs-0-urgency').selectOption('high');
    await cw.getByRole('button', { name: 'Register', exact: true }).click();
    await cw.getByRole('heading', { level: 1, name: 'José Pérez Núñez' }).waitFor();
    caseUrl = cw.url();
    await cw.getByText('Venezuela').first().waitFor();
    const kase = await api(cw, 'GET', `/api/v1/cases/${caseUrl.replace(/.*#\/cases\/([^?/]+).*/, '$1')}`);
    assert.equal(kase.person.nationality, 'VE');
    assert.deepEqual(kase.person.languages, ['es']);
    await check(cw, 'caseworker-case');
  });

  it('caseworker: finds the case without accents', async () => {
    await cw.goto('/#/cases?q=perez%20nunez');
    await cw.getByRole('link', { name: 'José Pérez Núñez' }).waitFor();
    await check(cw, 'caseworker-cases');
  });

  it('caseworker: records consent for shelter referrals', async () => {
    await cw.goto(caseUrl);
    await cw.getByRole('heading', { level: 1, name: 'José Pérez Núñez' }).waitFor();
    await cw.locator('fieldset').filter({ hasText: 'Service categories it covers' }).getByLabel('Shelter').check();
    // Consent names the receiving organisation as well as the category (empty lists mean none).
    await cw.getByLabel('Casa de Acogida Quito').check();
    await cw.getByRole('button', { name: 'Record consent' }).click();
    await cw.getByRole('cell', { name: 'Active' }).waitFor();
  });

  it('caseworker: refers, seeing exactly what the receiver will see; the partner sees it arrive live', async () => {
    partner = await newPage(env.browser, env.server.url, { lang: 'es' });
    await signIn(partner, 'shelter.partner');
    await partner.goto('/#/inbox');
    await partner.getByRole('heading', { level: 1, name: 'Bandeja de entrada' }).waitFor();
    const before = await partner.locator('tbody tr').count();

    await cw.goto(caseUrl.replace(/#\/cases\/([^?]+).*/, '#/cases/$1/refer'));
    await cw.getByRole('heading', { level: 1, name: /Refer José/ }).waitFor();
    const cards = cw.locator('.card.service');
    await cards.first().waitFor();
    const preferred = cards.filter({ hasText: /Casa de Acogida/i });
    await ((await preferred.count()) ? preferred.first() : cards.first()).locator('input[type=radio]').check();
    const preview = cw.locator('.preview');
    await preview.getByText('José').waitFor();
    await cw.getByLabel('Family name').uncheck();
    assert.equal(await preview.getByText('Pérez').count(), 0, 'unchecked fields leave the preview');
    await preview.getByText(/Shared under the consent recorded/).waitFor();
    await cw.locator('#f-reason').fill('Family of three arrived today; needs shelter tonight.');
    await check(cw, 'caseworker-refer-preview');
    await cw.getByRole('button', { name: 'Send referral' }).click();
    await cw.getByText('The referral has been sent.').waitFor();
    referralUrl = cw.url().replace(/\?.*$/, '');
    await check(cw, 'caseworker-referral-sent');

    // No reload: the row arrives over Server-Sent Events and the title counts it.
    await partner.locator('tbody tr').nth(before).waitFor({ timeout: 10000 });
    await partner.waitForFunction(() => /^\(\d+\)/.test(document.title), null, { timeout: 10000 });
    await check(partner, 'partner-inbox-live');
  });

  it('partner: opens (received), accepts, works and completes; sees only the snapshot', async () => {
    // The demo inbox holds other referrals, some overdue (listed first): open ours by its id.
    await rowOf(partner, referralUrl).locator('a').click();
    await partner.locator('.summary-line .chip', { hasText: 'Recibida' }).waitFor();
    const shared = partner.locator('section', { has: partner.getByRole('heading', { name: 'Información compartida con ustedes' }) });
    await shared.getByText('José').waitFor();
    assert.equal(await shared.getByText('Pérez').count(), 0, 'the family name was not shared');
    assert.equal(await shared.getByText('given_name').count(), 0, 'field codes are not shown as data');
    await check(partner, 'partner-referral-received');
    await partner.getByRole('button', { name: 'Aceptar' }).click();
    await partner.locator('.summary-line .chip', { hasText: 'Aceptada' }).waitFor();
    await partner.getByRole('button', { name: 'Comenzar la atención' }).click();
    await partner.locator('.summary-line .chip', { hasText: 'En curso' }).waitFor();
    await partner.locator('#message-body').fill('Llegaron al albergue. Tienen cama por 15 días.');
    await partner.getByRole('button', { name: 'Enviar mensaje' }).click();
    await partner.getByText('Llegaron al albergue.').waitFor();
    await partner.getByRole('button', { name: 'Registrar el resultado…' }).click();
    await partner.locator('#f-outcome_code').selectOption('service_provided');
    await partner.getByRole('button', { name: 'Guardar el resultado' }).click();
    await partner.locator('.summary-line .chip', { hasText: 'Completada' }).waitFor();
    await check(partner, 'partner-referral-completed');
  });

  it('caseworker: sees the outcome, the message and the slip', async () => {
    await cw.goto('/#/outbox');
    await rowOf(cw, referralUrl).getByText('Completed').waitFor();
    await check(cw, 'caseworker-outbox');
    await cw.goto(referralUrl);
    await cw.locator('.timeline').getByText('Completed').waitFor();
    await assertShownInQuitoTime(cw, cw.locator('.timeline time').last());
    await cw.getByText('Llegaron al albergue.').waitFor();
    await check(cw, 'caseworker-referral-outcome');
    await cw.getByRole('link', { name: 'Referral slip' }).click();
    // The slip is in the person's language (Spanish here), whatever the caseworker's UI speaks.
    await cw.locator('.slip-body[lang="es"] h1', { hasText: 'Hoja de derivación' }).waitFor();
    await check(cw, 'caseworker-slip');
    await cw.emulateMedia({ media: 'print' });
    await shot(cw, 'caseworker-slip-print');
    await cw.emulateMedia({ media: 'screen' });
  });

  it('caseworker: the access report', async () => {
    await cw.goto(caseUrl.replace(/#\/cases\/([^?]+).*/, '#/cases/$1/report'));
    // Printed for the person: in their language first (Spanish), in another when chosen.
    await cw.getByRole('heading', { level: 1, name: /Informe de accesos/ }).waitFor();
    assert.equal(await cw.locator('article[lang="es"]').count(), 1);
    await check(cw, 'caseworker-access-report-es');
    await cw.getByLabel('Language of the report').selectOption('en');
    await cw.getByRole('heading', { level: 1, name: /Access report/ }).waitFor();
    // What the person is told: which fields went where under which consent, and who opened the
    // file, in words rather than audit codes.
    const shared = cw.locator('section', { has: cw.getByRole('heading', { name: 'Information shared in referrals' }) });
    await shared.getByRole('cell', { name: /^Consent of \w+ \d+, \d{4} \(Verbal\)$/ }).first().waitFor();
    await shared.getByRole('cell', { name: 'Given name, Languages, Needs' }).first().waitFor();
    const reads = cw.locator('section', { has: cw.getByRole('heading', { name: 'Who opened the file' }) });
    await reads.getByRole('cell', { name: 'Opened the file' }).first().waitFor();
    await reads.getByRole('cell', { name: 'Opened the referral (shared information only)' }).first().waitFor();
    assert.equal(await reads.getByRole('cell', { name: /^(case|referral)\./ }).count(), 0, 'no raw audit codes');
    await check(cw, 'caseworker-access-report');
  });

  it('caseworker: after a rejection, alternatives are offered', async () => {
    await cw.goto(caseUrl.replace(/#\/cases\/([^?]+).*/, '#/cases/$1/refer'));
    const cards = cw.locator('.card.service');
    await cards.first().waitFor();
    const preferred = cards.filter({ hasText: /Casa de Acogida/i });
    await ((await preferred.count()) ? preferred.first() : cards.first()).locator('input[type=radio]').check();
    await cw.locator('#f-reason').fill('Second night needed.');
    await cw.getByRole('button', { name: 'Send referral' }).click();
    await cw.getByText('The referral has been sent.').waitFor();
    const second = cw.url().replace(/\?.*$/, '');
    const id = second.split('/').pop();
    await rejectReferral(partner, id);
    await cw.goto(second);
    await cw.getByRole('heading', { name: 'Refer again' }).waitFor();
    await check(cw, 'caseworker-alternatives');
  });

  it('coordinator: sees the gap dashboard, charts beside tables, and downloads CSV', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(page, 'coordinator');
    await page.goto('/#/gaps');
    await page.getByRole('heading', { level: 1, name: 'Service gaps' }).waitFor();
    await page.locator('.chart svg').first().waitFor({ timeout: 15000 });
    await page.getByRole('rowheader', { name: 'Shelter' }).first().waitFor();
    await check(page, 'coordinator-gaps');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    assert.match(readFileSync(path, 'utf8'), /shelter/);
    await page.context().close();
  });

  it('org admin: manages users and service listings', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(page, 'legazpi.admin');
    await page.goto('/#/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await check(page, 'orgadmin-users');
    await page.goto('/#/admin/services');
    await page.getByRole('heading', { level: 1, name: 'Our services' }).waitFor();
    await check(page, 'orgadmin-services');
    await page.context().close();
  });

  it('system admin: territories and response standards', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(page, 'sysadmin');
    await page.goto('/#/system/territories');
    await page.getByRole('rowheader', { name: 'Quito' }).waitFor();
    await check(page, 'sysadmin-territories');
    await page.goto('/#/system/standards');
    await page.locator('#f-hours-emergency').waitFor();
    await check(page, 'sysadmin-standards');
    await page.context().close();
  });

  it('auditor: browses and verifies the audit log', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(page, 'auditor');
    await page.goto('/#/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('The chain is intact.').waitFor();
    // Events name the organisation the actor acted for, as the directory names it.
    await page.getByRole('cell', { name: 'Casa de Acogida Quito' }).first().waitFor();
    await check(page, 'auditor-audit');
    await page.context().close();
  });

  it('caseworker: starts two-factor enrolment and gets a QR code to scan', async () => {
    await cw.goto('/#/account');
    await cw.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await cw.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = cw.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    assert.ok((await qr.locator('path').getAttribute('d')).length > 1000, 'the code is drawn');
    await cw.getByText(/^otpauth:\/\/totp\//).waitFor();
    await check(cw, 'caseworker-two-factor-enrolment');
  });

  it('caseworker: the Spanish UI, and sign-out', async () => {
    await cw.locator('#lang-select').selectOption('es');
    await cw.goto('/#/cases');
    await cw.getByRole('heading', { level: 1, name: 'Casos' }).waitFor();
    await check(cw, 'caseworker-cases-es');
    await signOut(cw);
    await cw.context().close();
    await partner.context().close();
  });
});
