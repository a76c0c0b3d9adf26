// Fetch wrapper for the Enlace JSON API: same-origin cookie session, CSRF header, problem+json errors.

/** An API failure, shaped like RFC 9457 problem+json: {status, title, detail, type, errors[]}. */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    Object.assign(this, problem);
  }
}

/** Turns an error response into {status, title, detail, type, errors[{field, message}]}. */
export function parseProblem(status, contentType, text, statusText = '') {
  let body = null;
  if (text && /json/i.test(contentType || '')) {
    try { body = JSON.parse(text); } catch { body = null; }
  }
  const b = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const errors = Array.isArray(b.errors)
    ? b.errors
        .filter((e) => e && typeof e === 'object')
        .map((e) => ({
          field: typeof e.field === 'string' ? e.field : '',
          message: typeof e.message === 'string' ? e.message : String(e.detail ?? e.message ?? ''),
        }))
    : [];
  return {
    status: Number.isInteger(b.status) ? b.status : status,
    title: typeof b.title === 'string' && b.title ? b.title : statusText || `HTTP ${status}`,
    detail: typeof b.detail === 'string' ? b.detail : '',
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    errors,
  };
}

/** If-Match wants a quoted entity tag; records carry a bare `version`. */
export function quoteEtag(version) {
  const s = String(version);
  return /^(W\/)?".*"$/.test(s) ? s : `"${s}"`;
}

/** Query string from an object, leaving out empty values; arrays repeat the key. */
export function qs(params = {}) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => u.append(k, String(x)));
    else u.append(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** The items of a list reply ({items, next_cursor}) or of a bare array. */
export function items(reply) {
  if (Array.isArray(reply)) return reply;
  return reply && Array.isArray(reply.items) ? reply.items : [];
}

let unauthorizedHandler = null;
/** Called with the problem when a request answers 401 (the session ended). */
export function onUnauthorized(fn) { unauthorizedHandler = fn; }

// Counts sign-ins: a 401 answering a request sent before the latest one speaks of no session
// (it went without the new cookie), so it must not end the session that began since.
let sessions = 0;
/** Called when sign-in succeeds. */
export function sessionStarted() { sessions += 1; }

let problemHandler = null;
/** Called with every problem (e.g. 403 totp-enrolment-required, which the shell turns into a page). */
export function onProblem(fn) { problemHandler = fn; }

/**
 * One API call. Options: method, body (sent as JSON), ifMatch (a version), accept,
 * as ('json' | 'text' | 'blob'), quiet401 (do not report a 401 to the session handler),
 * idempotencyKey (sent as Idempotency-Key: a repeat with the same key makes nothing twice).
 */
export async function api(path, opts = {}) {
  const { method = 'GET', body, ifMatch, accept = 'application/json', as = 'json', quiet401 = false } = opts;
  const fetchImpl = opts.fetch || globalThis.fetch;
  const session = sessions;
  const headers = { Accept: accept, 'X-Requested-With': 'enlace' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = quoteEtag(ifMatch);
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res;
  try {
    res = await fetchImpl(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: String((e && e.message) || e), type: 'network', errors: [] });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    const problem = parseProblem(res.status, res.headers.get('content-type'), text, res.statusText);
    problem.requestId = res.headers.get('x-request-id') || '';
    if (res.status === 401 && !quiet401 && unauthorizedHandler && session === sessions) unauthorizedHandler(problem);
    if (problemHandler) problemHandler(problem);
    throw new ApiError(problem);
  }
  if (res.status === 204) return null;
  if (as === 'blob') return res.blob();
  const text = await res.text();
  if (as === 'text') return text;
  return text ? JSON.parse(text) : null;
}

export const get = (path, opts) => api(path, opts);
export const post = (path, body = {}, opts) => api(path, { ...opts, method: 'POST', body });
export const patch = (path, body, opts) => api(path, { ...opts, method: 'PATCH', body });
export const put = (path, body, opts) => api(path, { ...opts, method: 'PUT', body });

/**
 * Every item of a cursor-paged list, following `next_cursor` (for reference data such as the
 * organisations, which pickers need whole). Stops after `maxPages` pages as a guard.
 */
export async function getAll(path, params = {}, { maxPages = 100, limit = 500, fetch } = {}) {
  const out = [];
  let cursor = '';
  for (let page = 0; page < maxPages; page += 1) {
    const reply = await get(`${path}${qs({ ...params, limit, cursor })}`, fetch ? { fetch } : undefined);
    out.push(...items(reply));
    cursor = reply && reply.next_cursor;
    if (!cursor) break;
  }
  return out;
}
