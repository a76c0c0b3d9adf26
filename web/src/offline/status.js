// What the shell shows of the device's queue (the count, the network, what expires soon), apart
// from the queue itself: outbox.js, its encryption and the queue's rules load after first paint
// (test/first_load.test.js keeps them out of the entry chunk), and set these when they have
// read the device.
import { signal } from '@preact/signals';

/** How many of this user's items wait (not sent). */
export const waiting = signal(0);
/** False from sign-in until this user's items have been read: until then the count is unknown,
 * and "nothing waiting" would be a claim the device has not checked. */
export const loaded = signal(false);
/** Items that will be erased soon: [{item, erase_at}]. */
export const expiring = signal([]);
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
/** True when WebCrypto and IndexedDB are there (a secure context): else nothing is kept. */
export const available = typeof indexedDB !== 'undefined' && !!(globalThis.crypto && globalThis.crypto.subtle);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => { online.value = true; });
  window.addEventListener('offline', () => { online.value = false; });
}
