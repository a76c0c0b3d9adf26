// The offline queue: order, states, dependencies, refusals kept for the caseworker, expiry with an
// injected clock, and encryption per user.
import { describe, it, expect } from 'vitest';
import { newItem, sendReady, expiry, itemsOf, waitingCount, resolveRequest, PARENT, DAY, KEEP_FOR } from '../src/offline/queue.js';
import { deviceKey, seal, unseal } from '../src/offline/seal.js';

const T0 = Date.UTC(2026, 11, 1, 8, 0);

function fixture() {
  const requests = new Map();
  const items = [];
  const add = (kind, request, after = null, user = 'u1') => {
    const it = newItem({ kind, user, after, seq: items.length + 1, now: T0, id: `key-${items.length + 1}` });
    items.push(it);
    requests.set(it.id, request);
    return it;
  };
  const saved = [];
  const save = async (item, extra) => { saved.push({ ...item, extra }); };
  const open = async (item) => requests.get(item.id);
  return { items, add, save, saved, open };
}

describe('sendReady', () => {
  it('sends in order with each item\'s key, a dependent item after its case with the server id', async () => {
    const f = fixture();
    const c = f.add('case', { path: '/api/v1/cases', body: { person: { given_name: 'Ana' } } });
    f.add('consent', { path: `/api/v1/cases/${PARENT}/consents`, body: { method: 'verbal' } }, c.id);
    f.add('referral', { path: '/api/v1/referrals', body: { case_id: PARENT, status: 'draft' } }, c.id);
    const calls = [];
    const send = async (req, key) => { calls.push([req.path, key, req.body.case_id]); return { id: calls.length === 1 ? 'case-9' : `x${calls.length}` }; };
    const r = await sendReady({ items: f.items, send, open: f.open, save: f.save });
    expect(r).toEqual({ sent: 3, stopped: null });
    expect(calls).toEqual([
      ['/api/v1/cases', 'key-1', undefined],
      ['/api/v1/cases/case-9/consents', 'key-2', undefined],
      ['/api/v1/referrals', 'key-3', 'case-9'],
    ]);
    const last = new Map(f.saved.map((s) => [s.id, s]));
    expect([...last.values()].map((s) => s.state)).toEqual(['sent', 'sent', 'sent']);
    // Each went through "sending" before "sent".
    expect(f.saved.filter((s) => s.id === 'key-1').map((s) => s.state)).toEqual(['sending', 'sent']);
  });

  it('stops on a network failure and keeps the item with the same key for the next try', async () => {
    const f = fixture();
    f.add('case', { path: '/api/v1/cases', body: {} });
    f.add('case', { path: '/api/v1/cases', body: {} });
    const send = async () => { throw { status: 0 }; };
    const r = await sendReady({ items: f.items, send, open: f.open, save: f.save });
    expect(r).toEqual({ sent: 0, stopped: 0 });
    expect(f.saved.map((s) => [s.id, s.state])).toEqual([['key-1', 'sending'], ['key-1', 'kept']]);
  });

  it('sets a refusal aside for the caseworker and holds what depends on it', async () => {
    const f = fixture();
    const c = f.add('case', { path: '/api/v1/cases', body: {} });
    f.add('consent', { path: `/api/v1/cases/${PARENT}/consents`, body: {} }, c.id);
    f.add('case', { path: '/api/v1/cases', body: {} });
    let n = 0;
    const send = async () => { n += 1; if (n === 1) throw { status: 422, title: 'invalid', errors: [{ field: 'person.given_name' }] }; return { id: 'c2' }; };
    await sendReady({ items: f.items, send, open: f.open, save: f.save });
    const last = new Map(f.saved.map((s) => [s.id, s]));
    expect(last.get('key-1').state).toBe('attention');
    expect(last.get('key-1').extra.problem.status).toBe(422);
    expect(last.has('key-2')).toBe(false);
    expect(last.get('key-3').state).toBe('sent');
    expect(n).toBe(2);
  });

  it('shows a possible duplicate to the caseworker instead of going on', async () => {
    const f = fixture();
    const c = f.add('case', { path: '/api/v1/cases', body: {} });
    f.add('consent', { path: `/api/v1/cases/${PARENT}/consents`, body: {} }, c.id);
    const send = async () => ({ id: 'c1', warnings: [{ code: 'possible_duplicate', case_id: 'c0' }] });
    await sendReady({ items: f.items, send, open: f.open, save: f.save });
    const last = new Map(f.saved.map((s) => [s.id, s]));
    expect(last.get('key-1').state).toBe('attention');
    expect(last.get('key-1').server_id).toBe('c1');
    expect(last.get('key-1').extra.duplicates[0].case_id).toBe('c0');
    expect(last.has('key-2')).toBe(false);
  });

  it('retries an item left "sending" by a reload, with its first key', async () => {
    const f = fixture();
    f.add('case', { path: '/api/v1/cases', body: {} });
    f.items[0] = { ...f.items[0], state: 'sending' };
    const keys = [];
    await sendReady({ items: f.items, send: async (_r, k) => { keys.push(k); return { id: 'c1' }; }, open: f.open, save: f.save });
    expect(keys).toEqual(['key-1']);
  });
});

describe('queue rules', () => {
  it('lists only the signed-in user\'s items, oldest first, and counts what waits', () => {
    const a = newItem({ kind: 'case', user: 'u1', seq: 2, now: T0, id: 'a' });
    const b = newItem({ kind: 'case', user: 'u2', seq: 1, now: T0, id: 'b' });
    const c = { ...newItem({ kind: 'case', user: 'u1', seq: 1, now: T0, id: 'c' }), state: 'sent' };
    expect(itemsOf([a, b, c], 'u1').map((i) => i.id)).toEqual(['c', 'a']);
    expect(waitingCount(itemsOf([a, b, c], 'u1'))).toBe(1);
  });

  it('warns before erasing and erases unsent items after 14 days (injected clock)', () => {
    const old = newItem({ kind: 'case', user: 'u1', seq: 1, now: T0, id: 'old' });
    const sent = { ...newItem({ kind: 'case', user: 'u1', seq: 2, now: T0, id: 's' }), state: 'sent' };
    expect(expiry([old, sent], T0 + 10 * DAY)).toEqual({ erase: [], warn: [] });
    const w = expiry([old, sent], T0 + 12 * DAY);
    expect(w.erase).toEqual([]);
    expect(w.warn).toEqual([{ item: old, erase_at: T0 + KEEP_FOR }]);
    expect(expiry([old, sent], T0 + 14 * DAY).erase).toEqual([old]);
  });

  it("puts the parent's server id where its stand-in is, in paths and bodies", () => {
    expect(resolveRequest({ path: `/c/${PARENT}/x`, body: { case_id: PARENT, n: 1, l: [PARENT] } }, 'id9'))
      .toEqual({ path: '/c/id9/x', body: { case_id: 'id9', n: 1, l: ['id9'] } });
  });
});

describe('seal', () => {
  const memoryKeys = () => { const m = new Map(); return { get: async (k) => m.get(k), put: async (k, v) => { m.set(k, v); } }; };

  it('round-trips, with ciphertext that does not hold the name', async () => {
    const keys = memoryKeys();
    const key = await deviceKey(keys, 'u1');
    expect(key.extractable).toBe(false);
    expect(await deviceKey(keys, 'u1')).toBe(key);
    const s = await seal(key, 'u1', { person: { given_name: 'Canary Zzyzx' } });
    expect(new TextDecoder().decode(s.data)).not.toContain('Zzyzx');
    expect(await unseal(key, 'u1', s)).toEqual({ person: { given_name: 'Canary Zzyzx' } });
  });

  it('cannot be opened by another user, with their key or under their name', async () => {
    const keys = memoryKeys();
    const k1 = await deviceKey(keys, 'u1');
    const k2 = await deviceKey(keys, 'u2');
    const s = await seal(k1, 'u1', { x: 1 });
    await expect(unseal(k2, 'u2', s)).rejects.toThrow();
    await expect(unseal(k1, 'u2', s)).rejects.toThrow();
  });
});
