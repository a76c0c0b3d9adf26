// Test helper: a QR path (src/components/qr.js) painted into pixels for jsQR to scan.

/** Paints the path's unit squares into RGBA pixels, `scale` pixels per module, white elsewhere. */
export function rasterize(path, modules, scale) {
  const w = modules * scale;
  const px = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((y * scale + dy) * w + (x * scale + dx)) * 4;
        px[i] = px[i + 1] = px[i + 2] = 0;
      }
    }
  }
  return { px, w };
}
