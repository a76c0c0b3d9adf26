// Chart helpers for the gap dashboard: suppressed cells ("<5", "suppressed") are left out of charts, kept in tables.

/** A count as a number for charts, or null when suppressed or missing. */
export function num(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return null;
}

/** Wide rows to long rows for Plot: [{k, a:1, b:2}] -> [{k, key:'a', value:1}, ...], suppressed values dropped. */
export function toLong(rows, idKey, keys) {
  const out = [];
  for (const r of rows) for (const k of keys) { const v = num(r[k]); if (v !== null) out.push({ [idKey]: r[idKey], key: k, value: v }); }
  return out;
}

/** All keys used in a map-valued column across categories, e.g. every rejection reason present. */
export function keysOf(categories, column, preferred = []) {
  const seen = new Set();
  for (const c of categories) for (const k of Object.keys(c[column] || {})) seen.add(k);
  return [...preferred.filter((k) => seen.has(k)), ...[...seen].filter((k) => !preferred.includes(k))];
}

/** The numeric columns of generic rows (weekly trends, territories) apart from the label column. */
export function numericKeys(rows, labelKey) {
  const keys = new Set();
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== labelKey && (typeof v === 'number' || v === '<5' || v === 'suppressed')) keys.add(k);
  return [...keys];
}

/** Flattens nested objects one level for a table: {supply:{services:1}} -> {'supply.services': 1}. */
export function flatten(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) out[`${k}.${k2}`] = v2;
    else out[k] = v;
  }
  return out;
}
