// What the first load carries (web/scripts/size.mjs holds it to 60 KB gzipped per role): the
// offline queue and the pages opened later stay out of the entry chunk, and the catalogues the
// build parses (src/i18n/precompile.js) format exactly as the strings did, with no ICU parser.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import IntlMessageFormat from 'intl-messageformat';
import { parse } from '@formatjs/icu-messageformat-parser';
import { makeTranslator, LANGUAGES } from '../src/i18n/index.js';
import { precompileCatalog } from '../src/i18n/precompile.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every file of src/ that loading `file` loads with it: static imports and re-exports, followed
 * (`import('…')` is a separate chunk, loaded later, so it is not followed). */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(?:[^'"();]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)) {
    staticGraph(resolve(dirname(file), m[1]), seen);
  }
  return seen;
}
const rel = (files) => [...files].map((f) => f.slice(src.length + 1)).sort();

describe('first load', () => {
  const entry = rel(staticGraph(join(src, 'main.jsx')));

  it('follows static imports (the walk itself works)', () => {
    expect(entry).toEqual(expect.arrayContaining(['app.jsx', 'session.js', 'offline/status.js', 'i18n/index.js']));
  });

  it('leaves the offline queue, its encryption and its rules out of the entry chunk', () => {
    expect(entry.filter((f) => ['offline/outbox.js', 'offline/queue.js', 'offline/seal.js'].includes(f))).toEqual([]);
  });

  it('leaves the account page, the referral page and every role screen out of the entry chunk', () => {
    expect(entry.filter((f) => f === 'account.jsx' || f.startsWith('referral/') || f.startsWith('roles/'))).toEqual([]);
  });

  it('keeps the referral page out of the caseworker screens chunk', () => {
    expect(rel(staticGraph(join(src, 'roles/caseworker/index.js'))).filter((f) => f.startsWith('referral/Referral'))).toEqual([]);
  });
});

/** Argument names of a parsed message, each given `v` (a number: plural, select and number all take one). */
function sampleValues(ast, v, out = {}) {
  for (const n of ast) {
    if (n.type !== 0 && typeof n.value === 'string') out[n.value] = v;
    if (n.options) Object.values(n.options).forEach((o) => sampleValues(o.value, v, out));
    if (n.children) sampleValues(n.children, v, out);
  }
  return out;
}

describe('catalogues parsed at build time', () => {
  const load = (code) => JSON.parse(readFileSync(join(src, `i18n/${code}.json`), 'utf8'));
  const en = load('en');

  it('format every message as the strings do, with the ICU parser gone as in the built UI', () => {
    const expected = [];
    const cases = [];
    for (const { code } of LANGUAGES) {
      const cat = load(code);
      const fromStrings = makeTranslator(code, cat, en);
      for (const [key, msg] of Object.entries(cat)) {
        for (const v of [1, 3]) {
          const values = msg.includes('{') ? sampleValues(parse(msg), v) : undefined;
          cases.push([code, key, values]);
          expected.push(fromStrings(key, values));
        }
      }
    }
    const saved = IntlMessageFormat.__parse;
    IntlMessageFormat.__parse = undefined; // what the no-parser build ships: a string would fail
    try {
      const built = Object.fromEntries(LANGUAGES.map(({ code }) => [code, makeTranslator(code, precompileCatalog(load(code), code), precompileCatalog(en, 'en'))]));
      const got = cases.map(([code, key, values]) => built[code](key, values));
      expect(got).toEqual(expected);
      expect(cases.length).toBeGreaterThan(1000);
    } finally { IntlMessageFormat.__parse = saved; }
  });

  it('keeps plain strings as strings and parses only messages with arguments', () => {
    const built = precompileCatalog({ a: 'Hola', b: '{count, plural, one {# caso} other {# casos}}' }, 'es');
    expect(built.a).toBe('Hola');
    expect(Array.isArray(built.b)).toBe(true);
  });
});
