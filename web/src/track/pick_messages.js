// The person's page (/track) carries only its own strings: `track.*`, the category and state names,
// picked from the UI's catalogues at build time (vite.config.js), English under what a catalogue
// lacks. One file per language of a few kilobytes instead of the whole catalogue.

const WANTED = /^(track|category|state)\./;

/** The keys /track uses, from `catalog`, with `fallback`'s (English) where it lacks one. */
export function pickTrackMessages(catalog, fallback = {}) {
  const out = {};
  for (const [k, v] of Object.entries(fallback)) if (WANTED.test(k)) out[k] = v;
  for (const [k, v] of Object.entries(catalog)) if (WANTED.test(k)) out[k] = v;
  return out;
}

/** A catalogue without the strings only /track uses (the UI's bundle need not carry them). */
export function withoutTrackMessages(catalog) {
  return Object.fromEntries(Object.entries(catalog).filter(([k]) => !k.startsWith('track.')));
}

/** `{name}` arguments only (no plural or select): the page does without an ICU formatter. */
export function fill(message, values = {}) {
  return String(message).replace(/\{(\w+)\}/g, (all, k) => (k in values ? String(values[k]) : all));
}
