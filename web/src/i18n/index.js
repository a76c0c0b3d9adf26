// ICU MessageFormat catalogs (web/src/i18n/<lang>.json), loaded on demand; formats follow the language.
import { signal } from '@preact/signals';
import IntlMessageFormat from 'intl-messageformat';
import { LANGUAGES, formatLocale } from './languages.js';

export { LANGUAGES, formatLocale, pickLanguage } from './languages.js';
/** Complete catalogs (web/test/i18n.test.js fails on a missing key); any other falls back to English key by key. */
export const COMPLETE = LANGUAGES.map((l) => l.code);

const loaders = import.meta.glob('./*.json', { import: 'default' });

export async function loadCatalog(code) {
  const load = loaders[`./${code}.json`];
  if (!load) throw new Error(`no catalog ${code}`);
  return load();
}

/** A t(key, values) for one language; missing keys come from `fallback` (English), else the key. */
export function makeTranslator(code, catalog, fallback) {
  const cache = new Map();
  const locale = formatLocale(code);
  return function t(key, values) {
    let msg = catalog[key];
    let loc = locale;
    if (msg === undefined && fallback) { msg = fallback[key]; loc = 'en'; }
    if (msg === undefined) return key;
    // A built catalogue holds each message with arguments as its AST (precompile.js), else a string.
    const source = typeof msg === 'string' ? msg : key;
    if (typeof msg === 'string' && !msg.includes('{')) return msg;
    let f = cache.get(key);
    if (!f) {
      try { f = new IntlMessageFormat(msg, loc); } catch { return source; }
      cache.set(key, f);
    }
    try { return String(f.format(values || {})); } catch { return source; }
  };
}

export const lang = signal('es');
const translator = signal((key) => key);
/** The time zone dates are shown in (the territory's when the server names one). */
export const timeZone = signal(undefined);

/** Translates with the current language; reading it subscribes a component to language changes. */
export function t(key, values) { return translator.value(key, values); }

/** A translator for another language (e.g. a referral slip in the person's language). */
export async function translatorFor(code) {
  const known = LANGUAGES.some((l) => l.code === code);
  const use = known ? code : lang.value;
  const [cat, en] = await Promise.all([loadCatalog(use), COMPLETE.includes(use) ? null : loadCatalog('en')]);
  return { code: use, t: makeTranslator(use, cat, en) };
}

/** Switches language without unmounting anything: forms keep what was typed. */
export async function setLanguage(code) {
  const { code: use, t: tr } = await translatorFor(code);
  translator.value = tr;
  lang.value = use;
  if (typeof document !== 'undefined') document.documentElement.lang = use;
  try { localStorage.setItem('enlace.lang', use); } catch { /* private mode */ }
}

function toDate(iso) {
  if (!iso) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date ('2026-11-24' or a timestamp), in the current language (or `code`'s) and time zone. */
export function fmtDate(iso, code = lang.value) {
  const d = toDate(iso);
  if (!d) return iso || '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(formatLocale(code), { dateStyle: 'medium', timeZone: dateOnly ? 'UTC' : timeZone.value }).format(d);
}

export function fmtDateTime(iso, code = lang.value) {
  const d = toDate(iso);
  if (!d) return iso || '';
  return new Intl.DateTimeFormat(formatLocale(code), { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone.value }).format(d);
}

/** A count or figure; suppressed cells ("<5", "suppressed") and other strings are shown as they are. */
export function fmtNumber(n, opts) {
  if (n === null || n === undefined) return '–';
  if (typeof n !== 'number') return String(n);
  return new Intl.NumberFormat(formatLocale(lang.value), opts).format(n);
}
