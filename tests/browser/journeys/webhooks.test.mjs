// The organisation admin connects its own system: adds a webhook (the signing secret is shown
// once), sees it listed with its deliveries, and deletes it. The receiver is on loopback, so
// this server allows private addresses (the server inherits this process's environment).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, serverAndBrowser, newPage, signIn, check, api } from '../lib/harness.mjs';

process.env.ENLACE_WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
const skip = skipReason();

describe('Enlace in a browser: webhooks', { skip: skip || false }, () => {
  const env = serverAndBrowser();

  it('org admin: adds a webhook, copies its secret, reads its deliveries, deletes it', async () => {
    const admin = await newPage(env.browser, env.server.url, { lang: 'en' });
    await signIn(admin, 'pichincha.admin');
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await admin.getByRole('heading', { level: 1, name: /Webhooks/ }).waitFor();
    await admin.getByText('No webhooks yet.').waitFor();
    await check(admin, 'org-admin-webhooks-empty');

    await admin.getByLabel('Address (URL)').fill('http://127.0.0.1:9/enlace-hook');
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const secret = admin.getByTestId('webhook-secret');
    await secret.waitFor();
    assert.match(await secret.textContent(), /^whsec_[A-Za-z0-9+/=]+$/);
    await admin.getByRole('status').getByRole('button', { name: 'Copy' }).waitFor();
    const card = admin.locator('li.card', { hasText: 'http://127.0.0.1:9/enlace-hook' });
    await card.waitFor();
    await check(admin, 'org-admin-webhook-added');

    // The secret is not in the listing the page reads.
    const me = await api(admin, 'GET', '/api/v1/me');
    const listed = await api(admin, 'GET', `/api/v1/organizations/${me.organization_id}/webhooks`);
    assert.equal(listed.items.length, 1);
    assert.equal(listed.items[0].secret, undefined);

    await card.getByRole('button', { name: /Deliveries/ }).click();
    await card.getByText(/Nothing sent yet\.|Event/).first().waitFor();
    await check(admin, 'org-admin-webhook-deliveries');

    admin.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: /Delete/ }).click();
    await card.waitFor({ state: 'detached' });
    await admin.getByText('No webhooks yet.').waitFor();
  });
});
