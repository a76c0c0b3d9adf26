// Hash router: '#/cases/12?q=ana' -> {path: '/cases/12', query: {q: 'ana'}}; other hashes are ignored.
import { signal } from '@preact/signals';

/** Parses a location hash; returns null for hashes that are not routes (e.g. '#main'). */
export function parseHash(hash) {
  let h = hash || '';
  if (h.startsWith('#')) h = h.slice(1);
  if (h === '') return { path: '/', query: {} };
  if (!h.startsWith('/')) return null;
  const i = h.indexOf('?');
  const rawPath = i < 0 ? h : h.slice(0, i);
  const query = {};
  if (i >= 0) for (const [k, v] of new URLSearchParams(h.slice(i + 1))) query[k] = v;
  let path = rawPath.replace(/\/+$/, '') || '/';
  return { path, query };
}

/** Finds the first route whose pattern ('/cases/:id') matches path; returns {route, params} or null. */
export function matchRoute(routes, path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pat = route.path.split('/').filter(Boolean);
    if (pat.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pat.length; i++) {
      if (pat[i].startsWith(':')) {
        try { params[pat[i].slice(1)] = decodeURIComponent(parts[i]); } catch { ok = false; break; }
      } else if (pat[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { route, params };
  }
  return null;
}

/** Builds a link target: href('/cases', {q: 'ana'}) -> '#/cases?q=ana'. */
export function href(path, query) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') u.append(k, String(v));
  const s = u.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

const hasWindow = typeof window !== 'undefined';
export const current = signal((hasWindow && parseHash(window.location.hash)) || { path: '/', query: {} });

export function startRouter() {
  window.addEventListener('hashchange', () => {
    const r = parseHash(window.location.hash);
    if (r) current.value = r;
  });
}

export function navigate(path, query, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) {
    window.history.replaceState(null, '', target);
    current.value = parseHash(target);
  } else if (window.location.hash === target) {
    current.value = parseHash(target);
  } else {
    window.location.hash = target.slice(1);
  }
}
