/**
 * QR decoding with jsQR on raw RGBA pixels (ImageData-shaped, so it runs in Node tests as in the popup). The image is
 * tried at full size first; when nothing is found there (or it is too large to scan whole), downscaled copies are
 * tried too: a screenshot of a high-DPI screen or a photo is often easier to read smaller.
 */
import jsQR from 'jsqr';

export type Pixels = { data: Uint8ClampedArray; width: number; height: number };

/** Larger images are not scanned at full size (jsQR's time and memory grow with the pixel count). */
export const MAX_FULL_PIXELS = 16_000_000;
/** Longest side of the downscaled copies tried after the full-size pass. */
export const DOWNSCALED_SIDES = [1024, 512] as const;

/** A copy `factor` times smaller on each side, each pixel the average of its factor×factor block. */
export function downscale(img: Pixels, factor: number): Pixels {
  const f = Math.max(1, Math.floor(factor));
  const width = Math.max(1, Math.floor(img.width / f));
  const height = Math.max(1, Math.floor(img.height / f));
  const data = new Uint8ClampedArray(width * height * 4);
  const n = f * f;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0, 0];
      for (let dy = 0; dy < f; dy++) {
        let i = ((y * f + dy) * img.width + x * f) * 4;
        for (let dx = 0; dx < f; dx++, i += 4) {
          sum[0]! += img.data[i]!; sum[1]! += img.data[i + 1]!; sum[2]! += img.data[i + 2]!; sum[3]! += img.data[i + 3]!;
        }
      }
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) data[o + c] = Math.round(sum[c]! / n);
    }
  }
  return { data, width, height };
}

function scan(img: Pixels): string | null {
  return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the first QR code found, or null. */
export function decodeQr(img: Pixels): string | null {
  if (!(img.width > 0 && img.height > 0) || img.data.length !== img.width * img.height * 4) throw new Error('not RGBA pixels of the given size');
  if (img.width * img.height <= MAX_FULL_PIXELS) {
    const found = scan(img);
    if (found !== null) return found;
  }
  const longest = Math.max(img.width, img.height);
  for (const side of DOWNSCALED_SIDES) {
    const factor = Math.ceil(longest / side);
    if (factor < 2) continue;
    const found = scan(downscale(img, factor));
    if (found !== null) return found;
  }
  return null;
}
