// Chromium DevTools' "slow 3G" profile (400 ms latency, 400 kbit/s down and up) on one page,
// through CDP Network.emulateNetworkConditions, with a count of the bytes it transfers.
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

/** Throttles `page`; returns {bytes()}: what it has transferred so far (encoded, headers included). */
export async function slowLink(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  return { bytes: () => bytes };
}
