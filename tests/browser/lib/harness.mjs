// Test harness: starts `enlace serve` on a fresh demo database (ENLACE_BINARY), launches Debian's
// chromium, and offers sign-in, axe, screenshot, API and shared journey-step helpers.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const webRoot = process.env.ENLACE_WEB_ROOT || join(repoRoot, 'web/dist');
// Screenshots stay out of the repository unless asked for (`npm run screenshots` refreshes docs/).
export const shotsDir = resolve(process.env.ENLACE_SCREENSHOTS || join(repoRoot, 'tests/browser/screenshots-out'));
export const PASSWORD = process.env.ENLACE_DEMO_PASSWORD || 'demo-password-2026';

/** Why the journeys cannot run here, or '' when they can. */
export function skipReason() {
  if (!existsSync(join(webRoot, 'index.html'))) return `no built UI at ${webRoot}: run npm run build in web/`;
  if (!existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) return 'no chromium at /usr/bin/chromium';
  if (process.env.ENLACE_BINARY) return '';
  return 'set ENLACE_BINARY=/path/to/enlace';
}

/** Starts the server; returns {url, stop}. */
export async function startServer() {
  const bin = resolve(process.env.ENLACE_BINARY);
  const dir = mkdtempSync(join(tmpdir(), 'enlace-browser-'));
  const db = join(dir, 'enlace.db');
  execFileSync(bin, ['init', '--db', db, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const child = spawn(bin, ['serve', '--db', db, '--port', '0', '--web-root', webRoot], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`enlace serve did not print its address in 15 s\n${out}${log}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (https?:\/\/[^\s]+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1].replace(/\/$/, '')); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`enlace serve exited with ${code}\n${out}${log}`)); });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a suite (call it inside `describe`): a server on a fresh demo database and a browser,
 * started before its tests and stopped after them; read `env.server.url` and `env.browser`.
 */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) await env.server.stop();
  });
  return env;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A page in a fresh context (own cookies) with the language set, which fails the test on CSP
 * violations and page errors (collected in page.problems). `timezoneId` sets the computer's zone.
 */
export async function newPage(browser, baseURL, { lang = 'en', viewport = { width: 1280, height: 900 }, timezoneId } = {}) {
  const context = await browser.newContext({ baseURL, viewport, locale: lang === 'es' ? 'es-EC' : 'en-GB', acceptDownloads: true, timezoneId });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.addInitScript((l) => { try { localStorage.setItem('enlace.lang', l); } catch { /* none */ } }, lang);
  return page;
}

export async function signIn(page, username) {
  await page.goto('/');
  await page.locator('#signin-username').fill(username);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.locator('.who-name').waitFor();
}

/**
 * Runs `steps`; when one fails, the error also says where the page was and what it showed, so a
 * failure on CI (where nobody sees the browser) can be understood from the log alone.
 */
export async function explained(page, steps) {
  try {
    await steps();
  } catch (err) {
    const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no page text)');
    err.message += `\n-- at ${page.url()}, the page showed:\n${text.slice(0, 3000)}`;
    throw err;
  }
}

export async function signOut(page) {
  await page.locator('.who button').click();
  await page.locator('#signin-username').waitFor();
}

/** The receiving partner, in the Spanish UI, opens the referral and rejects it for lack of capacity. */
export async function rejectReferral(page, id) {
  await page.goto(`/#/referrals/${id}`);
  await page.locator('.summary-line .chip', { hasText: 'Recibida' }).waitFor();
  await page.getByRole('button', { name: 'Rechazar…' }).click();
  await page.locator('#f-reason_code').selectOption('no_capacity');
  await page.getByRole('button', { name: 'Rechazar la derivación' }).click();
  await page.locator('.summary-line .chip', { hasText: 'Rechazada' }).waitFor();
}

/** Runs axe (WCAG 2.0-2.2 A and AA) and returns the violations, summarised. */
export async function axe(page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function shot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/** Every screen: no axe violation, no CSP violation or script error, and a screenshot. */
export async function check(page, name) {
  assert.deepEqual(await axe(page), [], `axe violations on ${name}`);
  assert.deepEqual(page.problems, [], `CSP or script errors on ${name}`);
  await shot(page, name);
}

/**
 * One API call with the page's session (its cookie and the header the UI sends), for setting up
 * a journey and checking what the UI did; answers the parsed JSON or throws on an error status.
 */
export async function api(page, method, path, body) {
  const r = await page.evaluate(async ({ method, path, body }) => {
    const res = await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'enlace', ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, text: await res.text() };
  }, { method, path, body });
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.text ? JSON.parse(r.text) : null;
}
