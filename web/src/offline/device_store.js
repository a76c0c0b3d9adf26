// The device's IndexedDB (through idb): per-user keys, queued items (sealed payloads), the last
// signed-in user (to open the app with no network) and reference lists (categories,
// territories: no personal data) so the forms work offline.
import { openDB } from 'idb';

const NAME = 'enlace-device';

let dbPromise = null;
function db() {
  if (!dbPromise) {
    dbPromise = openDB(NAME, 1, {
      upgrade(d) {
        d.createObjectStore('keys');
        d.createObjectStore('items', { keyPath: 'id' });
        d.createObjectStore('sealed');
        d.createObjectStore('meta');
      },
    });
  }
  return dbPromise;
}

export const keys = {
  get: async (user) => (await db()).get('keys', user),
  put: async (user, key) => (await db()).put('keys', key, user),
};

export const items = {
  all: async () => (await db()).getAll('items'),
  put: async (item) => (await db()).put('items', item),
  remove: async (id) => {
    const d = await db();
    const tx = d.transaction(['items', 'sealed'], 'readwrite');
    await Promise.all([tx.objectStore('items').delete(id), tx.objectStore('sealed').delete(id), tx.done]);
  },
};

/** Sealed payloads, apart from the items so that listing states never touches ciphertext. */
export const sealed = {
  get: async (id) => (await db()).get('sealed', id),
  put: async (id, value) => (await db()).put('sealed', value, id),
  remove: async (id) => (await db()).delete('sealed', id),
};

export const meta = {
  get: async (k) => (await db()).get('meta', k),
  put: async (k, v) => (await db()).put('meta', v, k),
  remove: async (k) => (await db()).delete('meta', k),
};
