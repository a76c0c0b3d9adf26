// A QR code drawn as one SVG path (no inline script or style: CSP), for text a phone should scan:
// the two-factor provisioning URI, the slip's link to /track.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { qrMatrix, qrPath } from './qr.js';

/** Nothing until the encoder (a lazy chunk) has run; the text it encodes is always shown beside it. */
export function QrCode({ text, label, size = 200 }) {
  const matrix = useSignal(null);
  useEffect(() => {
    let live = true;
    qrMatrix(text).then((m) => { if (live) matrix.value = m; }).catch(() => { /* the text remains */ });
    return () => { live = false; };
  }, [text]);
  if (!matrix.value) return null;
  const n = matrix.value.length;
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${n} ${n}`} width={size} height={size} shape-rendering="crispEdges" data-qr-text={text}>
      <rect width={n} height={n} fill="#fff" />
      <path d={qrPath(matrix.value)} fill="#000" />
    </svg>
  );
}
