// The slip's link to the person's own page.

/** /track with the code filled in; the PIN is printed on the slip, never put in a URL. */
export function trackUrl(origin, code) {
  return `${origin}/track?code=${encodeURIComponent(code)}`;
}

/**
 * The link the slip prints and its QR code opens, and the page's address without the code. The
 * server's (at its public address) wins: this tab may reach the server at an address the
 * person's phone cannot (an office network's). Without one, this tab's origin.
 */
export function slipLinks(tracking, origin) {
  const url = tracking.url || trackUrl(origin, tracking.code);
  return { url, page: url.split('?')[0] };
}
