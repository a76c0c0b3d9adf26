// The PIN of a referral's tracking code comes in one reply only (the one that sends it): kept here,
// in this tab's memory and nowhere else, so that the referral page and the slip printed right
// after can show it. A reload forgets it, as the server does.
const pins = new Map();

/** Keeps the PIN of a reply that sent a referral (create, or a draft's transition). */
export function keepTracking(id, reply) {
  if (id && reply && reply.tracking && reply.tracking.pin) pins.set(id, reply.tracking.pin);
}

/**
 * {code, pin, url} of a referral as the sender sees it; pin is null once it can no longer be
 * shown; url is the person's page at the server's public address (null when none is configured).
 */
export function trackingOf(r) {
  if (!r || !r.tracking || !r.tracking.code) return null;
  return { code: r.tracking.code, pin: r.tracking.pin || pins.get(r.id) || null, url: r.tracking.url || null };
}
