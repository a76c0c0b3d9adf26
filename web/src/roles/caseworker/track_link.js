// The slip's link to the person's own page.

/** /track with the code filled in; the PIN is printed on the slip, never put in a URL. */
export function trackUrl(origin, code) {
  return `${origin}/track?code=${encodeURIComponent(code)}`;
}
