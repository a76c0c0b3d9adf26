// After sign-in the shell sends a user at "/" to their role's home page. That redirect must never
// override a page the user (or a journey) opened in the meantime: on a busy computer the redirect
// ran late, with the "/" it saw at sign-in, and replaced /system/territories with the user list.
// The browser's clock is held so that the redirect is still pending when the link is followed:
// the timing a loaded machine produces now and then, made certain.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, PASSWORD, check } from '../lib/harness.mjs';

const skip = skipReason();

describe('Enlace in a browser: the landing page after sign-in', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('a page opened right after sign-in stays open', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await page.clock.install();
    await page.goto('/');
    await page.locator('#signin-username').fill('sysadmin');
    await page.locator('#signin-password').fill(PASSWORD);
    // From here timers and animation frames wait: effects scheduled by a render stay pending.
    await page.clock.pauseAt(Date.now() + 60_000);
    await page.locator('form button[type=submit]').click();
    await page.locator('.who-name').waitFor();
    await page.goto('/#/system/territories');
    await page.clock.resume();
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('main h1').textContent(), 'Territories', 'the page opened, not the home page');
    assert.equal(new URL(page.url()).hash, '#/system/territories');
    await page.getByRole('rowheader', { name: 'Quito' }).waitFor();
    await check(page, 'sysadmin-territories-after-sign-in');
    await page.context().close();
  });

  it('a request sent before sign-in and answered after it does not sign the user out', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    // Hold every directory request made while signed out; answer it 401 (as the server would
    // have) once signed in: the answer of a slow network.
    let signedIn = false;
    const held = [];
    await page.route('**/api/v1/organizations?*', (route) => (signedIn ? route.continue() : held.push(route)));
    await page.goto('/');
    await page.locator('#signin-username').fill('sysadmin');
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('.who-name').waitFor();
    signedIn = true;
    for (const route of held) {
      const done = page.waitForEvent('requestfinished', (r) => r === route.request());
      await route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ status: 401, title: 'Unauthorized' }) });
      await done;
    }
    await page.goto('/#/system/territories');
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('main h1').textContent(), 'Territories', 'still signed in');
    await page.getByRole('rowheader', { name: 'Quito' }).waitFor();
    await page.context().close();
  });

  it('signing in at "/" still lands on the role\'s home page', async () => {
    const page = await newPage(env.browser, env.server.url, { lang: 'en' });
    await page.goto('/');
    await page.locator('#signin-username').fill('sysadmin');
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/admin/users');
    await page.context().close();
  });
});
