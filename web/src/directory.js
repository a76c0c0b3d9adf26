// Cached reference data every role reads: categories, organisations, territories.
import { signal } from '@preact/signals';
import { getAll } from './api.js';
import { t } from './i18n/index.js';
import { meta } from './offline/device_store.js';

const cache = new Map();
export const directoryVersion = signal(0);

// Whole lists, page after page: a network with more than one page of organisations still gets
// every name. The last copy is kept on the device (reference data, no personal data) so that a
// mobile unit's forms still offer categories, territories and organisations with no network.
function cached(key, path) {
  if (!cache.has(key)) {
    const p = getAll(path)
      .then((list) => { meta.put(`list:${key}`, list).catch(() => {}); return list; })
      .catch(async (e) => {
        const kept = e.status === 0 ? await meta.get(`list:${key}`).catch(() => null) : null;
        if (kept) return kept;
        cache.delete(key);
        throw e;
      });
    cache.set(key, p);
  }
  return cache.get(key);
}

export const categories = () => cached('categories', '/api/v1/categories');
export const organizations = () => cached('organizations', '/api/v1/organizations');
export const territories = () => cached('territories', '/api/v1/territories');

/** Forget cached lists after an admin changed them. */
export function invalidate(key) { cache.delete(key); directoryVersion.value++; }

const names = { organizations: new Map(), territories: new Map(), categories: new Map() };
organizations().then((l) => l.forEach((o) => names.organizations.set(o.id, o.name))).catch(() => {});

/** Loads the lists once so the name helpers below can answer synchronously. */
export async function preload() {
  const [c, o, tr] = await Promise.all([categories().catch(() => []), organizations().catch(() => []), territories().catch(() => [])]);
  c.forEach((x) => names.categories.set(x.code, x.name));
  o.forEach((x) => names.organizations.set(x.id, x.name));
  tr.forEach((x) => names.territories.set(x.id, x.name));
  directoryVersion.value++;
  return { categories: c, organizations: o, territories: tr };
}

/** A category in the user's language: the catalog's label, else the server's name, else the code. */
export function categoryName(code) {
  const key = `category.${code}`;
  const s = t(key);
  if (s !== key) return s;
  return names.categories.get(code) || code;
}
export function orgName(id) { directoryVersion.value; return names.organizations.get(id) || id || ''; }
export function territoryName(id) { directoryVersion.value; return names.territories.get(id) || id || ''; }

/** Territories ordered as a tree (parents first), each with its depth, for indented selects. */
export function territoryTree(list) {
  const byParent = new Map();
  for (const x of list) {
    const p = x.parent_id || '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(x);
  }
  const ids = new Set(list.map((x) => x.id));
  const out = [];
  const walk = (parent, depth) => {
    for (const x of (byParent.get(parent) || []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ ...x, depth });
      walk(x.id, depth + 1);
    }
  };
  walk('', 0);
  // Orphans whose parent is not visible still appear.
  for (const x of list) if (x.parent_id && !ids.has(x.parent_id) && !out.some((o) => o.id === x.id)) { out.push({ ...x, depth: 0 }); walk(x.id, 1); }
  return out;
}

export function territoryOptions(list) {
  return territoryTree(list).map((x) => [x.id, `${'\u2003'.repeat(x.depth)}${x.name}`]);
}
