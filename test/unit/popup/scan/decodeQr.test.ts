import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, downscale, MAX_FULL_PIXELS, type Pixels } from '../../../../src/popup/scan/decodeQr';

/** RGBA pixels of a QR code made by the `qrcode` package: black modules on white, a 4-module quiet zone. */
function qrPixels(text: string, scale: number, opts: { pad?: number; invert?: boolean } = {}): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale + 2 * (opts.pad ?? 0);
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor((x - (opts.pad ?? 0)) / scale) - quiet;
      const my = Math.floor((y - (opts.pad ?? 0)) / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
      const v = dark !== !!opts.invert ? 0 : 255;
      const i = (y * side + x) * 4;
      data[i] = v; data[i + 1] = v; data[i + 2] = v;
    }
  }
  return { data, width: side, height: side };
}

const URI = 'ethereum:0x5FbDB2315678afecb367f032d93F642f64180aa3@31337/transfer?address=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266&uint256=1500000';

describe('decodeQr', () => {
  it('returns the exact text of a QR code made by qrcode', () => {
    expect(decodeQr(qrPixels(URI, 4))).toBe(URI);
    expect(decodeQr(qrPixels('solana:oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96?amount=0.25', 3))).toBe('solana:oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96?amount=0.25');
    expect(decodeQr(qrPixels('付款 12.5 USDC ✓', 4))).toBe('付款 12.5 USDC ✓');
  });

  it('reads a light-on-dark (inverted) code and a code in a larger image', () => {
    expect(decodeQr(qrPixels(URI, 4, { invert: true }))).toBe(URI);
    expect(decodeQr(qrPixels(URI, 3, { pad: 300 }))).toBe(URI);
  });

  it('an image too large to scan whole is read from a downscaled copy', () => {
    const img = qrPixels('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 96, { pad: 400 });
    expect(img.width * img.height).toBeGreaterThan(MAX_FULL_PIXELS);
    expect(decodeQr(img)).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });

  it('no QR code: null; wrong buffer size: an error', () => {
    expect(decodeQr({ data: new Uint8ClampedArray(200 * 100 * 4).fill(255), width: 200, height: 100 })).toBeNull();
    expect(() => decodeQr({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow('not RGBA pixels');
  });

  it('downscale averages each block exactly', () => {
    // 4×2 → 2×1: left block is two black and two white pixels, right block all (10, 20, 30, 40).
    const px = (r: number, g: number, b: number, a: number) => [r, g, b, a];
    const data = new Uint8ClampedArray([
      ...px(0, 0, 0, 255), ...px(255, 255, 255, 255), ...px(10, 20, 30, 40), ...px(10, 20, 30, 40),
      ...px(255, 255, 255, 255), ...px(0, 0, 0, 255), ...px(10, 20, 30, 40), ...px(10, 20, 30, 40),
    ]);
    const small = downscale({ data, width: 4, height: 2 }, 2);
    expect({ width: small.width, height: small.height, data: [...small.data] }).toEqual({ width: 2, height: 1, data: [128, 128, 128, 255, 10, 20, 30, 40] });
  });
});
