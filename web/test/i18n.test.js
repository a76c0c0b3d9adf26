import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import { makeTranslator, pickLanguage, formatLocale, LANGUAGES } from '../src/i18n/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/i18n');
const load = (code) => JSON.parse(readFileSync(join(dir, `${code}.json`), 'utf8'));
const en = load('en');
const es = load('es');

/** Argument names used by an ICU message, e.g. {count, plural, ...} -> count. */
function args(msg) {
  const out = new Set();
  const walk = (nodes) => nodes.forEach((n) => {
    if (n.value && typeof n.value === 'string' && n.type !== 0) out.add(n.value);
    if (n.options) Object.values(n.options).forEach((o) => walk(o.value));
    if (n.children) walk(n.children);
  });
  walk(parse(msg));
  return [...out].sort();
}

describe('catalogs', () => {
  it('every catalog has every English key', () => {
    const codes = new Set([...LANGUAGES.map((l) => l.code), ...readdirSync(dir).filter((x) => x.endsWith('.json')).map((x) => x.replace('.json', ''))]);
    for (const code of codes) {
      const cat = load(code);
      expect([code, Object.keys(en).filter((k) => !(k in cat))]).toEqual([code, []]);
    }
  });
  it('no catalog has keys English lacks (typos)', () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const cat = load(f.replace('.json', ''));
      expect([f, Object.keys(cat).filter((k) => !(k in en))]).toEqual([f, []]);
    }
  });
  it('every message parses as ICU MessageFormat and uses the same arguments as English', () => {
    for (const { code } of LANGUAGES) {
      const cat = load(code);
      for (const [k, v] of Object.entries(cat)) {
        expect(() => parse(v), `${code} ${k}`).not.toThrow();
        expect([code, k, args(v)]).toEqual([code, k, args(en[k])]);
      }
    }
  });
  it('every message formats with sample values in its language', () => {
    const sample = { count: 3, days: 2, n: 1, age: 40, events: 12, emergency: 2, high: 24, normal: 72 };
    for (const { code } of LANGUAGES) {
      const t = makeTranslator(code, load(code), null);
      for (const k of Object.keys(en)) {
        const values = Object.fromEntries(args(en[k]).map((a) => [a, a in sample ? sample[a] : `<${a}>`]));
        const out = t(k, values);
        expect([code, k, typeof out === 'string' && out.length > 0 && !out.includes('{')]).toEqual([code, k, true]);
      }
    }
  });
  it('has a catalog for each offered language, with its sign-in page started', () => {
    for (const { code } of LANGUAGES) expect(load(code)['signin.title'], code).toBeTruthy();
  });
});

describe('translator', () => {
  it('formats plurals and arguments', () => {
    const t = makeTranslator('es', es, null);
    expect(t('cases.count', { count: 0 })).toBe('Ningún caso');
    expect(t('cases.count', { count: 1 })).toBe('1 caso');
    expect(t('cases.count', { count: 12 })).toBe('12 casos');
    expect(t('refer.title', { name: 'Ana' })).toBe('Derivar a Ana');
  });
  it('falls back to English for missing keys, then to the key', () => {
    const t = makeTranslator('ht', { 'signin.title': load('ht')['signin.title'] }, en);
    expect(t('signin.title')).toBe('Konekte');
    expect(t('cases.title')).toBe('Cases');
    expect(t('no.such.key')).toBe('no.such.key');
  });
  it('formats Haitian Creole numbers and dates as French', () => {
    expect(formatLocale('ht')).toBe('fr');
    expect(formatLocale('es')).toBe('es');
  });
  it('picks a language from the stored choice, then the browser, else Spanish', () => {
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
    expect(pickLanguage(null, ['en-US', 'es'])).toBe('en');
    expect(pickLanguage(null, ['tl-PH'])).toBe('fil');
    expect(pickLanguage('xx', ['de-DE'])).toBe('es');
  });
});
