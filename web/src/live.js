// Server-Sent Events from /api/v1/events (cookie auth): a tick per referral change, an announcement.
import { signal } from '@preact/signals';

export const liveTick = signal(0);
export const lastEvent = signal(null);
export const connected = signal(false);

const EVENT_NAMES = ['referral', 'referral.created', 'referral.updated', 'referral.transition',
  'referral.overdue', 'referral.message', 'message.created', 'overdue'];

let source = null;

export function startLive() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events');
  const onEvent = (ev) => {
    let data = null;
    try { data = ev.data ? JSON.parse(ev.data) : null; } catch { data = { raw: ev.data }; }
    lastEvent.value = { type: ev.type, data };
    liveTick.value++;
  };
  source.onmessage = onEvent;
  for (const name of EVENT_NAMES) source.addEventListener(name, onEvent);
  source.onopen = () => { connected.value = true; };
  source.onerror = () => { connected.value = false; };
}

export function stopLive() {
  if (source) source.close();
  source = null;
  connected.value = false;
}
