// Countries and languages by their names in a language (Intl.DisplayNames), for codes the API
// stores (ISO 3166-1 alpha-2, ISO 639-1). An unknown code shows as itself.
import { lang, formatLocale } from './i18n/index.js';

const namers = new Map();
function namer(type, code) {
  const key = `${type}:${code}`;
  if (!namers.has(key)) {
    let dn = null;
    try { dn = new Intl.DisplayNames([formatLocale(code), 'en'], { type, fallback: 'code' }); } catch { dn = null; }
    namers.set(key, dn);
  }
  return namers.get(key);
}

/** A country's name in `ui` (the UI's language by default), or its code when unknown. */
export function countryName(code, ui = lang.value) {
  if (!code) return '';
  try {
    const dn = namer('region', ui);
    return (dn && dn.of(String(code).toUpperCase())) || code;
  } catch { return code; } // not a well-formed code
}

/** A language's name in `ui`, or its code when unknown. */
export function languageName(code, ui = lang.value) {
  if (!code) return '';
  try {
    const dn = namer('language', ui);
    const name = dn && dn.of(String(code).toLowerCase());
    // Some languages write their names in lower case ("español"); a list shows them capitalised.
    return name ? name.charAt(0).toLocaleUpperCase(formatLocale(ui)) + name.slice(1) : code;
  } catch { return code; }
}

/** A list of language codes as names, e.g. ['es', 'qu'] -> "Spanish, Quechua". */
export function languageNames(codes, ui = lang.value) {
  return (codes || []).map((c) => languageName(c, ui)).join(', ');
}

/** [[code, name], ...] sorted by name in the UI's language. */
export function namedOptions(codes, nameOf) {
  const collator = new Intl.Collator(formatLocale(lang.value));
  return codes.map((c) => [c, nameOf(c)]).sort((a, b) => collator.compare(a[1], b[1]));
}
