import { describe, it, expect } from 'vitest';
import jsQR from 'jsqr';
import { qrMatrix, qrPath } from '../src/components/qr.js';
import { rasterize } from './qr_raster.js';

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
