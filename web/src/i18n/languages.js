// The languages the UI speaks and how to choose one: no catalogue and no formatter here, so the
// person's own page (/track) can use them without the caseworker UI's i18n code.

export const LANGUAGES = [
  { code: 'es', name: 'Español' },
  { code: 'en', name: 'English' },
  { code: 'fil', name: 'Filipino' },
  { code: 'pt', name: 'Português' },
  { code: 'fr', name: 'Français' },
  { code: 'ht', name: 'Kreyòl ayisyen' },
];
// Haitian Creole has no number/date data in most Intl builds: format as French.
const FORMAT_LOCALE = { ht: 'fr' };

export function formatLocale(code) { return FORMAT_LOCALE[code] || code; }

/** Picks a supported language from a stored choice or the browser's list; Spanish by default. */
export function pickLanguage(stored, browserLanguages = []) {
  const codes = LANGUAGES.map((l) => l.code);
  if (stored && codes.includes(stored)) return stored;
  for (const bl of browserLanguages) {
    const base = String(bl).toLowerCase().split('-')[0];
    if (base === 'tl') return 'fil';
    if (codes.includes(base)) return base;
  }
  return 'es';
}
