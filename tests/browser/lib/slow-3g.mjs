// A returning caseworker on a "slow 3G" link (Chromium DevTools' profile: 400 ms latency,
// 400 kbit/s down and up, through CDP Network.emulateNetworkConditions): signs in once (first
// load, bytes counted), then opens the app again five times with the service worker's cache;
// time from navigation until the signed-in shell shows. Prints each run and the median.
// Usage: node lib/slow-3g.mjs URL USERNAME   (password: ENLACE_DEMO_PASSWORD or the demo one)
import { chromium } from 'playwright-core';

const [url, username = 'pichincha.caseworker'] = process.argv.slice(2);
const password = process.env.ENLACE_DEMO_PASSWORD || 'demo-password-2026';
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
let bytes = 0;
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
await cdp.send('Network.emulateNetworkConditions', SLOW_3G);

let start = performance.now();
await page.goto(url);
await page.locator('#signin-username').waitFor({ state: 'visible' });
const firstPaint = performance.now() - start;
const firstBytes = bytes;
await page.locator('#signin-username').fill(username);
await page.locator('#signin-password').fill(password);
await page.locator('form button[type=submit]').click();
await page.locator('.who-name').waitFor({ timeout: 60000 });
await page.evaluate(() => navigator.serviceWorker.ready);
await page.waitForFunction(() => navigator.serviceWorker.controller || true);
const signedInBytes = bytes;

const runs = [];
for (let i = 0; i < 5; i += 1) {
  start = performance.now();
  await page.goto(url);
  await page.locator('.who-name').waitFor({ state: 'visible', timeout: 60000 });
  runs.push(performance.now() - start);
}
await browser.close();
const kb = (b) => (b / 1024).toFixed(1);
runs.sort((a, b) => a - b);
console.log(`first load on slow 3G: sign-in form in ${firstPaint.toFixed(0)} ms, ${kb(firstBytes)} KB transferred; ${kb(signedInBytes)} KB by the signed-in home (page requests only: the service worker fetches its precache itself)`);
console.log(`returning, slow 3G, runs (ms): ${runs.map((r) => r.toFixed(0)).join(', ')}; median ${runs[2].toFixed(0)} ms`);
