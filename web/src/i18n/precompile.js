// Build time only (vite.config.js): the catalogues' ICU messages parsed into the AST that
// intl-messageformat formats, so the browser never downloads the ICU parser (7 KB of every role's
// first load, gzipped). Plain strings stay strings: t() returns them as they are.
import { parse } from '@formatjs/icu-messageformat-parser';
import { formatLocale } from './languages.js';

/** `catalog` with each message that has an argument (`{`) replaced by its AST, parsed as
 * intl-messageformat would parse it in the browser (same locale); one that does not parse stays a
 * string, which t() then shows as it is, as it did when the browser parsed it. */
export function precompileCatalog(catalog, code) {
  const locale = new Intl.Locale(formatLocale(code));
  const out = {};
  for (const [key, msg] of Object.entries(catalog)) {
    if (typeof msg !== 'string' || !msg.includes('{')) { out[key] = msg; continue; }
    try { out[key] = parse(msg, { locale }); } catch { out[key] = msg; }
  }
  return out;
}
