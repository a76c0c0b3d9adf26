// Encryption of what a caseworker keeps on the device: AES-GCM with a non-extractable key, one
// key per user, kept in IndexedDB. The key never leaves WebCrypto (it cannot be exported), so the
// stored records are ciphertext to anyone who copies the browser's files without using the app.

const ALGO = { name: 'AES-GCM', length: 256 };

/**
 * The device key of `userId`, made on first use. `keys` is a small store: get(id) and put(id, key).
 * Another user's key is never looked up: items are sealed under the user who recorded them.
 */
export async function deviceKey(keys, userId, subtle = globalThis.crypto.subtle) {
  if (!userId) throw new Error('no user');
  const existing = await keys.get(userId);
  if (existing) return existing;
  const key = await subtle.generateKey(ALGO, false, ['encrypt', 'decrypt']);
  await keys.put(userId, key);
  return key;
}

/** The value as {iv, data}: a fresh 96-bit nonce per record, the user id bound as associated data. */
export async function seal(key, userId, value, cryptoImpl = globalThis.crypto) {
  const iv = cryptoImpl.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await cryptoImpl.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(userId) }, key, plain);
  return { iv, data: new Uint8Array(data) };
}

/** The value sealed by seal(); throws when the key, the user or the bytes do not match. */
export async function unseal(key, userId, sealed, subtle = globalThis.crypto.subtle) {
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(userId) }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain));
}
