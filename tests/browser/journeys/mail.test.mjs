// E-mail notifications in the browser: a partner gives an address and a language on the account
// page and turns a notification to the daily summary; the system admin reads the mail queue.
// The demo server has no smtp_url, so nothing is queued: the queue screen shows its empty state.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

const skip = skipReason();

describe('Enlace in a browser: e-mail notifications', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('partner: sets an address, a language and the daily summary for new referrals', async () => {
    const partner = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(partner, 'shelter.partner');
    await partner.getByRole('link', { name: 'Account' }).click();
    await partner.getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
    await partner.getByLabel('E-mail address').fill('focal.point@shelter.example.org');
    await partner.getByLabel('Language of e-mails').selectOption('fr');
    await partner.locator('form', { has: partner.getByLabel('E-mail address') }).getByRole('button', { name: 'Save' }).click();
    await partner.getByRole('status').getByText('Saved.').first().waitFor();
    const me = await api(partner, 'GET', '/api/v1/me');
    assert.equal(me.email, 'focal.point@shelter.example.org');
    assert.equal(me.language, 'fr');
    const created = partner.getByLabel('A new referral for my organisation');
    assert.equal(await created.inputValue(), 'immediate', 'partners hear of new referrals at once by default');
    await created.selectOption('daily');
    await partner.locator('form', { has: created }).getByRole('button', { name: 'Save' }).click();
    await partner.locator('section', { has: created }).getByRole('status').getByText('Saved.').waitFor();
    const prefs = await api(partner, 'GET', '/api/v1/me/notifications');
    assert.equal(prefs.email['referral.created'], 'daily');
    await check(partner, 'partner-account-notifications');
  });

  it('system admin: reads the mail queue', async () => {
    const admin = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(admin, 'sysadmin');
    await admin.getByRole('link', { name: 'Mail queue' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Mail queue' }).waitFor();
    await admin.getByText('No e-mails.').waitFor();
    await check(admin, 'system-admin-mail-queue');
  });
});
