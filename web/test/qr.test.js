import { describe, it, expect } from 'vitest';
import jsQR from 'jsqr';
import { qrMatrix, qrPath } from '../src/components/qr.js';

/** Paints the path's unit squares into RGBA pixels, `scale` pixels per module, white elsewhere. */
function rasterize(path, modules, scale) {
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

describe('two-factor QR code', () => {
  it('the drawn path scans back to the provisioning URI', async () => {
    const uri = 'otpauth://totp/Enlace:ana.guerrero?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Enlace&algorithm=SHA1&digits=6&period=30';
    const matrix = await qrMatrix(uri);
    const { px, w } = rasterize(qrPath(matrix), matrix.length, 4);
    expect(jsQR(px, w, w)?.data).toBe(uri);
  });

  it('keeps the quiet zone white', async () => {
    const matrix = await qrMatrix('otpauth://totp/x?secret=ABC');
    expect(matrix[0].some(Boolean)).toBe(false);
    expect(matrix[3].some(Boolean)).toBe(false);
    expect(matrix[4].some(Boolean)).toBe(true);
  });
});
