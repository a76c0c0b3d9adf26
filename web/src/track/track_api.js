// The two calls of the person's page: no session, no cookie needed; a failure is {status}.

async function call(path, body) {
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'omit', cache: 'no-store', body: JSON.stringify(body) });
  } catch {
    throw { status: 0 };
  }
  if (!res.ok) throw { status: res.status };
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/**
 * A code as the person may type it: Crockford base32 is read without case, hyphens or spaces,
 * and O, I and L stand for 0, 1 and 1.
 */
export function normaliseCode(code) {
  return String(code || '').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const lookUp = (code, pin) => call('/api/v1/track', { code: normaliseCode(code), pin: pin.trim() });
export const sendFeedback = (code, pin, answer) => call('/api/v1/track/feedback', { code: normaliseCode(code), pin: pin.trim(), ...answer });

/** Which of the page's words a failed look-up gets. */
export function failureKey(status) {
  if (status === 429) return 'track.locked';
  if (status === 0) return 'track.network';
  if (status >= 400 && status < 500) return 'track.not_found';
  return 'track.error';
}

/** What a state means for the person, in four plain sentences. */
export function meaningKey(status) {
  if (['requested', 'received', 'draft'].includes(status)) return 'track.meaning_waiting';
  if (['accepted', 'in-progress', 'on-hold'].includes(status)) return 'track.meaning_accepted';
  if (status === 'completed') return 'track.meaning_done';
  return 'track.meaning_closed';
}
