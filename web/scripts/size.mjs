// Gzipped size of what each role downloads (entry + CSS + Spanish catalog + role chunk and its imports),
// as `gzip -c FILE | wc -c` would count it; fails when any role's first load exceeds its 60 KB budget,
// or when the person's page (/track: track.html, its entry and imports, CSS, Spanish strings)
// exceeds 30 KB on its first load: it must open on a cheap phone over a slow link.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 6 }).length;
const BUDGET = 60 * 1024;
const TRACK_BUDGET = 30 * 1024;

/** A chunk and everything it imports statically (what loading it fetches), as file names. */
function closure(key, seen = new Set()) {
  const c = manifest[key];
  if (!c || seen.has(c.file)) return seen;
  seen.add(c.file);
  (c.css || []).forEach((f) => seen.add(f));
  (c.imports || []).forEach((k) => closure(k, seen));
  return seen;
}
const byName = (re) => Object.keys(manifest).find((k) => re.test(k));
const entry = closure(byName(/^index\.html$/));
const es = closure(byName(/i18n\/es\.json$/));
const roles = { caseworker: /roles\/caseworker\/index\.js$/, partner: /roles\/partner\/index\.js$/, coordinator: /roles\/coordinator\/index\.js$/,
  admin: /roles\/admin\/index\.js$/, auditor: /roles\/auditor\/index\.js$/ };

const rows = [];
for (const [role, re] of Object.entries(roles)) {
  const files = new Set([...entry, ...es, ...closure(byName(re))]);
  const total = [...files].reduce((a, f) => a + gz(f), 0);
  rows.push([role, total, [...files].map((f) => `${f.replace('assets/', '')} ${gz(f)}`).join(', ')]);
}
// What a caseworker's sign-in loads after first paint: the offline queue, its encryption and rules.
const afterPaint = [...closure(byName(/offline\/outbox\.js$/))].filter((f) => !entry.has(f));
const afterPaintTotal = afterPaint.reduce((a, f) => a + gz(f), 0);
const plot = Object.values(manifest).find((c) => /plot-/.test(c.file));
for (const [role, total, files] of rows) console.log(`${role.padEnd(12)} ${(total / 1024).toFixed(1).padStart(6)} KB gz  (${files})`);
console.log(`${'queue (late)'.padEnd(12)} ${(afterPaintTotal / 1024).toFixed(1).padStart(6)} KB gz  (${afterPaint.map((f) => `${f.replace('assets/', '')} ${gz(f)}`).join(', ')}; a caseworker's sign-in loads it after first paint)`);
if (plot) console.log(`${'plot (lazy)'.padEnd(12)} ${(gz(plot.file) / 1024).toFixed(1).padStart(6)} KB gz  (loaded by the coordinator dashboard only)`);
const track = new Set(['track.html', ...closure(byName(/^track\.html$/)), ...closure(byName(/^virtual:track-messages\/es$/))]);
const trackTotal = [...track].reduce((a, f) => a + gz(f), 0);
console.log(`${'track'.padEnd(12)} ${(trackTotal / 1024).toFixed(1).padStart(6)} KB gz  (${[...track].map((f) => `${f.replace('assets/', '')} ${gz(f)}`).join(', ')})`);
let failed = false;
// A mobile unit that loaded the app once opens every screen with no network: every chunk split off
// the first load must be in the service worker's precache (only the coordinator's charts are not).
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const notPrecached = [...new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css || [])]))]
  .filter((f) => !/plot-/.test(f) && !sw.includes(JSON.stringify(f)));
if (notPrecached.length) { console.error(`not in the service worker's precache: ${notPrecached.join(', ')}`); failed = true; }
for (const [role, total] of rows) {
  if (total > BUDGET) { console.error(`${role} first load ${total} B gz exceeds the ${BUDGET} B budget`); failed = true; }
}
if (trackTotal > TRACK_BUDGET) { console.error(`/track first load ${trackTotal} B gz exceeds the ${TRACK_BUDGET} B budget`); failed = true; }
if (failed) process.exit(1);
