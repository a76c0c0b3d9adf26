// What a caseworker recorded offline, as a queue of writes sent in order with their
// Idempotency-Key (API.md, "Offline sync"). Pure rules here; the device store and the UI glue
// are in device_store.js and outbox.js.

export const DAY = 24 * 60 * 60 * 1000;
/** Items not sent within this time are erased from the device. */
export const KEEP_FOR = 14 * DAY;
/** From this age on the caseworker is warned that the item will be erased. */
export const WARN_AFTER = 11 * DAY;

/** States, each shown in words: kept on this device, sending, sent, needs your attention. */
export const STATES = ['kept', 'sending', 'sent', 'attention'];

/** Stand-in in a dependent item's path and body, replaced by its parent's server id. */
export const PARENT = '{parent}';

/**
 * A new item. `request` = {path, body} (sealed before it is stored); `after` = the id of the item
 * whose server id this one needs (the case registered offline), or null. The id is the
 * Idempotency-Key, made once here and kept across reloads.
 */
export function newItem({ kind, user, after = null, seq, now, id }) {
  return { id, seq, kind, user, after, state: 'kept', created_at: now, server_id: null, problem: null };
}

/** Replaces the parent stand-in everywhere in a request. */
export function resolveRequest(request, parentId) {
  if (parentId === null || parentId === undefined) return request;
  const fill = (v) => {
    if (typeof v === 'string') return v.split(PARENT).join(parentId);
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(request);
}

/** Items of one user, oldest first: nobody else's items are ever listed, read or sent. */
export function itemsOf(all, user) {
  return all.filter((i) => i.user === user).sort((a, b) => a.seq - b.seq);
}

/** How many items still wait to be sent (kept, sending or needing attention). */
export function waitingCount(items) {
  return items.filter((i) => i.state !== 'sent').length;
}

/** An item may go when it waits and what it depends on has a server id and needs nothing. */
export function ready(item, byId) {
  if (item.state !== 'kept' && item.state !== 'sending') return false;
  if (!item.after) return true;
  const parent = byId.get(item.after);
  return !!parent && parent.state === 'sent' && !!parent.server_id;
}

/** Splits items by age: those to erase now, those to warn about (with the date they go). */
export function expiry(items, now) {
  const erase = [];
  const warn = [];
  for (const i of items) {
    if (i.state === 'sent') continue;
    const age = now - i.created_at;
    if (age >= KEEP_FOR) erase.push(i);
    else if (age >= WARN_AFTER) warn.push({ item: i, erase_at: i.created_at + KEEP_FOR });
  }
  return { erase, warn };
}

/** Only a possible duplicate needs the caseworker: other warnings do not stop the queue. */
function duplicateWarning(reply) {
  const w = reply && Array.isArray(reply.warnings) ? reply.warnings : [];
  return w.filter((x) => x && x.code === 'possible_duplicate');
}

/**
 * Sends what is ready, in order. `send(request, key)` does the HTTP call and returns the reply or
 * throws {status}; `open(item)` gives the item's {path, body}; `save(item, extra)` stores the
 * item's new state (extra: what to keep sealed, e.g. the duplicate warning). Stops at the first
 * network failure, 401, 409 (the first attempt still runs), 429 or 5xx: they are tried again
 * later with the same key. Any other refusal (412, 422, ...) is set aside for the caseworker,
 * never retried or overwritten; what depends on it waits.
 */
export async function sendReady({ items, send, open, save }) {
  const byId = new Map(items.map((i) => [i.id, i]));
  let sent = 0;
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const item of [...byId.values()].sort((a, b) => a.seq - b.seq)) {
      if (!ready(item, byId)) continue;
      const parent = item.after ? byId.get(item.after) : null;
      const request = resolveRequest(await open(item), parent ? parent.server_id : null);
      let next = { ...item, state: 'sending' };
      byId.set(item.id, next);
      await save(next);
      let reply;
      try {
        reply = await send(request, item.id);
      } catch (e) {
        const status = e && Number.isInteger(e.status) ? e.status : 0;
        if (status === 0 || status === 401 || status === 409 || status === 429 || status >= 500) {
          next = { ...next, state: 'kept' };
          byId.set(item.id, next);
          await save(next);
          return { sent, stopped: status };
        }
        next = { ...next, state: 'attention', problem: { status, type: e.type || '', title: e.title || '' } };
        byId.set(item.id, next);
        await save(next, { problem: { status, type: e.type || '', title: e.title || '', detail: e.detail || '', errors: e.errors || [] } });
        progressed = true;
        continue;
      }
      const dups = duplicateWarning(reply);
      const serverId = reply && reply.id ? String(reply.id) : null;
      next = dups.length
        ? { ...next, state: 'attention', server_id: serverId, problem: { status: 200, type: 'possible_duplicate', title: '' } }
        : { ...next, state: 'sent', server_id: serverId, problem: null };
      byId.set(item.id, next);
      await save(next, dups.length ? { duplicates: dups } : undefined);
      sent += 1;
      progressed = true;
    }
  }
  return { sent, stopped: null };
}
