// The caseworker's queue on this device: record while offline, send in order when the network
// returns (and at sign-in), erase what waited 14 days. Signals for the UI; rules in queue.js.
import { signal, effect } from '@preact/signals';
import { api } from '../api.js';
import { waiting, loaded, expiring, online, available } from './status.js';
import { newItem, sendReady, expiry, itemsOf, waitingCount } from './queue.js';
import { deviceKey, seal, unseal } from './seal.js';
import * as store from './device_store.js';

/** This user's items (states only, no payload), oldest first. */
export const deviceItems = signal([]);
/** Decrypted labels and problems by item id, in memory only while signed in. */
export const details = signal(new Map());
/** How many items were erased unsent at the last sweep. */
export const erased = signal(0);
export { waiting, loaded, expiring, online, available };
// The shell's count follows this user's items.
effect(() => { waiting.value = waitingCount(deviceItems.value); });

let user = null;
let key = null;
let syncing = null;

function newId() {
  if (globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function refresh() {
  if (!user) { deviceItems.value = []; details.value = new Map(); return; }
  const mine = itemsOf(await store.items.all(), user);
  const d = new Map();
  for (const i of mine) {
    const s = await store.sealed.get(i.id);
    if (!s) continue;
    try {
      const v = await unseal(key, user, s);
      d.set(i.id, { label: v.label, problem: v.problem || null, duplicates: v.duplicates || null });
    } catch { /* sealed under another key: never shown */ }
  }
  deviceItems.value = mine;
  details.value = d;
}

/** Erases items (any user's) not sent within 14 days; notes those that will go soon. */
async function sweep(now = Date.now()) {
  const all = await store.items.all();
  const { erase, warn } = expiry(all, now);
  for (const i of erase) await store.items.remove(i.id);
  if (erase.some((i) => i.user === user)) erased.value += erase.filter((i) => i.user === user).length;
  expiring.value = warn.filter((w) => w.item.user === user);
}

/** At sign-in (and when the app opens with a remembered user): this user's items only. */
export async function startOutbox(userId) {
  loaded.value = false;
  if (!available) { loaded.value = true; return; }
  user = userId;
  key = await deviceKey(store.keys, user);
  await sweep();
  await refresh();
  loaded.value = true;
  if (online.value) sync();
}

/** At sign-out: the items stay sealed under this user's key; nothing is held in memory. */
export function stopOutbox() {
  user = null;
  key = null;
  loaded.value = false;
  deviceItems.value = [];
  details.value = new Map();
  expiring.value = [];
}

/**
 * Keeps a write on the device: `request` = {path, body}, `label` = what the caseworker sees in the
 * list, `after` = the id of the item it depends on. Returns the item's id.
 */
export async function record({ kind, request, label, after = null }) {
  if (!user) throw new Error('not signed in');
  const all = await store.items.all();
  const seq = all.reduce((m, i) => Math.max(m, i.seq), 0) + 1;
  const item = newItem({ kind, user, after, seq, now: Date.now(), id: newId() });
  await store.sealed.put(item.id, await seal(key, user, { request, label }));
  await store.items.put(item);
  await refresh();
  return item.id;
}

async function save(item, extra) {
  await store.items.put(item);
  if (item.state === 'sent') {
    // Sent: the server has it; the device keeps no personal data, only the id for dependants.
    await store.sealed.remove(item.id);
  } else if (extra) {
    const s = await store.sealed.get(item.id);
    if (s) await store.sealed.put(item.id, await seal(key, user, { ...(await unseal(key, user, s)), ...extra }));
  }
  deviceItems.value = deviceItems.value.map((i) => (i.id === item.id ? item : i));
}

async function open(item) {
  const s = await store.sealed.get(item.id);
  return (await unseal(key, user, s)).request;
}

const send = (request, idempotencyKey) => api(request.path, { method: 'POST', body: request.body, idempotencyKey });

/** Sends what is ready, one run at a time. */
export function sync() {
  if (!user || syncing) return syncing;
  syncing = (async () => {
    try {
      const mine = itemsOf(await store.items.all(), user);
      return await sendReady({ items: mine, send, open, save });
    } finally {
      syncing = null;
      await refresh();
    }
  })();
  return syncing;
}

/** The caseworker's answer to an item that needs attention: 'keep' (the duplicate is not one),
 * 'retry' (after fixing it elsewhere) or 'discard' (with what depends on it). */
export async function resolve(id, action) {
  const item = deviceItems.value.find((i) => i.id === id);
  if (!item) return;
  if (action === 'keep' && item.server_id) await save({ ...item, state: 'sent', problem: null });
  else if (action === 'retry') await save({ ...item, state: 'kept', problem: null });
  else if (action === 'discard') {
    const gone = new Set([id]);
    for (const i of deviceItems.value) if (i.after && gone.has(i.after)) gone.add(i.id);
    for (const g of gone) await store.items.remove(g);
  }
  await refresh();
  if (online.value) sync();
}

/** Drops sent items from the list (they hold no payload any more). */
export async function clearSent() {
  for (const i of deviceItems.value) {
    const needed = deviceItems.value.some((d) => d.after === i.id && d.state !== 'sent');
    if (i.state === 'sent' && !needed) await store.items.remove(i.id);
  }
  await refresh();
}

if (typeof window !== 'undefined') {
  // status.js keeps `online`; the queue sends when the network returns.
  window.addEventListener('online', () => { sync(); });
}
