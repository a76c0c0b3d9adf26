// Cold first load: a new browser context (empty cache) per run, navigate to /, time until the
// sign-in form is visible. Prints each run and the median of five. Usage: node lib/cold-load.mjs URL
import { chromium } from 'playwright-core';

const url = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const runs = [];
for (let i = 0; i < 5; i += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(url);
  await page.locator('#signin-username').waitFor({ state: 'visible' });
  runs.push(performance.now() - start);
  await context.close();
}
await browser.close();
runs.sort((a, b) => a - b);
console.log(`runs (ms): ${runs.map((r) => r.toFixed(0)).join(', ')}; median ${runs[2].toFixed(0)} ms`);
