import { describe, it, expect, vi } from 'vitest';
import { api, parseProblem, quoteEtag, qs, items, ApiError, onUnauthorized, sessionStarted } from '../src/api.js';

function reply(status, body, contentType = 'application/json', headers = {}) {
  const h = new Map(Object.entries({ 'content-type': contentType, ...headers }));
  return {
    ok: status >= 200 && status < 300, status, statusText: 'X',
    headers: { get: (k) => h.get(k.toLowerCase()) ?? null },
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
    blob: async () => new Blob([typeof body === 'string' ? body : JSON.stringify(body)]),
  };
}

describe('parseProblem', () => {
  it('reads an RFC 9457 problem with field errors', () => {
    const p = parseProblem(422, 'application/problem+json', JSON.stringify({
      type: '/problems/invalid', title: 'Invalid input', status: 422, detail: 'Fix the fields',
      errors: [{ field: 'person.birth_date', message: 'is in the future' }, { field: 'needs[0].urgency', message: 'is required' }],
    }));
    expect(p).toEqual({ status: 422, title: 'Invalid input', detail: 'Fix the fields', type: '/problems/invalid',
      errors: [{ field: 'person.birth_date', message: 'is in the future' }, { field: 'needs[0].urgency', message: 'is required' }] });
  });
  it('survives a body that is not JSON', () => {
    const p = parseProblem(502, 'text/html', '<h1>Bad gateway</h1>', 'Bad Gateway');
    expect(p).toMatchObject({ status: 502, title: 'Bad Gateway', detail: '', errors: [] });
  });
  it('survives broken JSON and odd errors entries', () => {
    expect(parseProblem(400, 'application/problem+json', '{not json').errors).toEqual([]);
    const p = parseProblem(422, 'application/problem+json', JSON.stringify({ errors: [null, 'x', { message: 'no field' }] }));
    expect(p.errors).toEqual([{ field: '', message: 'no field' }]);
    expect(p.title).toBe('HTTP 422');
  });
});

describe('api', () => {
  it('sends JSON, the CSRF header, same-origin credentials and a quoted If-Match', async () => {
    const fetch = vi.fn(async () => reply(200, { id: 'r1', version: 3 }));
    const r = await api('/api/v1/referrals/r1/transitions', { method: 'POST', body: { to: 'accepted' }, ifMatch: 2, fetch });
    expect(r).toEqual({ id: 'r1', version: 3 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/referrals/r1/transitions');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers['X-Requested-With']).toBe('enlace');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.headers['If-Match']).toBe('"2"');
    expect(JSON.parse(init.body)).toEqual({ to: 'accepted' });
  });
  it('sends no body and no content type on GET', async () => {
    const fetch = vi.fn(async () => reply(200, { items: [], next_cursor: null }));
    await api('/api/v1/cases', { fetch });
    const init = fetch.mock.calls[0][1];
    expect(init.body).toBeUndefined();
    expect(init.headers['Content-Type']).toBeUndefined();
    expect(init.headers.Accept).toBe('application/json');
  });
  it('throws an ApiError shaped like the problem, with the request id', async () => {
    const fetch = vi.fn(async () => reply(409, { title: 'Conflict', status: 409, detail: 'illegal transition' }, 'application/problem+json', { 'x-request-id': 'req-9' }));
    const err = await api('/x', { method: 'POST', body: {}, fetch }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, title: 'Conflict', detail: 'illegal transition', errors: [], requestId: 'req-9' });
  });
  it('reports 401 to the session handler unless told not to', async () => {
    const seen = vi.fn();
    onUnauthorized(seen);
    const fetch = vi.fn(async () => reply(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json'));
    await api('/api/v1/cases', { fetch }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    await api('/api/v1/me', { fetch, quiet401: true }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    onUnauthorized(null);
  });
  it('does not report the 401 of a request sent before the session began', async () => {
    // A request sent while signed out and answered after sign-in must not end the new session.
    const seen = vi.fn();
    onUnauthorized(seen);
    let answer;
    const slow = api('/api/v1/organizations', { fetch: () => new Promise((ok) => { answer = ok; }) }).catch(() => {});
    sessionStarted();
    answer(reply(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json'));
    await slow;
    expect(seen).not.toHaveBeenCalled();
    // One sent in the session is the session's end.
    await api('/api/v1/organizations', { fetch: async () => reply(401, { status: 401 }, 'application/problem+json') }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    onUnauthorized(null);
  });
  it('turns a network failure into status 0', async () => {
    const fetch = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    await expect(api('/x', { fetch })).rejects.toMatchObject({ status: 0, title: 'network' });
  });
  it('answers null for 204 and a blob for CSV', async () => {
    expect(await api('/api/v1/auth/logout', { method: 'POST', body: undefined, fetch: async () => reply(204, '') })).toBeNull();
    const fetch = vi.fn(async () => reply(200, 'category,demand\nshelter,<5\n', 'text/csv'));
    const blob = await api('/api/v1/stats/gaps', { accept: 'text/csv', as: 'blob', fetch });
    expect(await blob.text()).toContain('shelter,<5');
    expect(fetch.mock.calls[0][1].headers.Accept).toBe('text/csv');
  });
});

describe('helpers', () => {
  it('quotes versions for If-Match but leaves entity tags alone', () => {
    expect(quoteEtag(7)).toBe('"7"');
    expect(quoteEtag('"7"')).toBe('"7"');
    expect(quoteEtag('W/"7"')).toBe('W/"7"');
  });
  it('builds query strings without empty values', () => {
    expect(qs({ box: 'inbox', status: '', overdue: false, q: 'José', limit: 50 })).toBe('?box=inbox&q=Jos%C3%A9&limit=50');
    expect(qs({})).toBe('');
  });
  it('reads list replies', () => {
    expect(items({ items: [1, 2], next_cursor: null })).toEqual([1, 2]);
    expect(items([3])).toEqual([3]);
    expect(items(null)).toEqual([]);
  });
});
