// QR codes for two-factor enrolment: the matrix comes from `uqr` (loaded only when a user
// enrols), drawn here as one SVG path so that no inline script or style is needed (CSP).

/** The QR matrix of `text` (error correction M, the standard 4-module quiet zone). */
export async function qrMatrix(text) {
  const { encode } = await import('uqr');
  return encode(text, { ecc: 'M', border: 4 }).data;
}

/** One SVG path of unit squares, one per dark module, in matrix coordinates. */
export function qrPath(matrix) {
  let d = '';
  matrix.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x} ${y}h1v1h-1z`; }));
  return d;
}
