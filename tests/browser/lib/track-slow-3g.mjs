// The person's page (/track) opened for the first time on a "slow 3G" link (Chromium DevTools'
// profile: 400 ms latency, 400 kbit/s, through CDP Network.emulateNetworkConditions), as from the
// QR code on a slip: a new browser context each run (nothing cached), time from navigation until
// the code and PIN form shows, and the bytes transferred. Prints each run and the median.
// Usage: node lib/track-slow-3g.mjs URL   (the server's base, e.g. http://127.0.0.1:8080)
import { chromium } from 'playwright-core';
import { slowLink } from './slow-link.mjs';

const [base] = process.argv.slice(2);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const runs = [];
let transferred = 0;
for (let i = 0; i < 5; i += 1) {
  const context = await browser.newContext({ locale: 'es-EC' });
  const page = await context.newPage();
  const link = await slowLink(context, page);
  const start = performance.now();
  await page.goto(`${base.replace(/\/$/, '')}/track?code=7KQ2M9XD`);
  await page.locator('#track-pin').waitFor({ state: 'visible', timeout: 60000 });
  runs.push(performance.now() - start);
  transferred = link.bytes();
  await context.close();
}
await browser.close();
runs.sort((a, b) => a - b);
console.log(`/track first load on slow 3G, runs (ms): ${runs.map((r) => r.toFixed(0)).join(', ')}; median ${runs[2].toFixed(0)} ms; ${(transferred / 1024).toFixed(1)} KB transferred`);
