/**
 * Where the popup gets QR images from: the visible part of the current tab (tabs.captureVisibleTab, allowed by the
 * activeTab grant the toolbar click gives) and image files (pasted, dropped or picked). Browser-only; the decoding
 * itself is `decodeQr` (pure).
 */
import type { Pixels } from './decodeQr';

/** Images with a longer side are drawn smaller (a QR code is still readable; a huge bitmap would cost memory). */
const MAX_SIDE = 4096;

/** RGBA pixels of an image file (PNG, JPEG, GIF, WebP, BMP…). Throws when the browser cannot decode it. */
export async function blobPixels(blob: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(blob);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

/**
 * A PNG of the visible part of the active tab of the browser window the popup belongs to. When the popup page runs in
 * a window of its own (a popup-type window), the last focused normal browser window is meant.
 */
export async function captureCurrentTab(): Promise<Blob> {
  const current = await chrome.windows.getCurrent();
  const windowId = current.type === 'normal' ? current.id : (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id;
  if (windowId === undefined) throw new Error('no browser window');
  const dataUrl = await chrome.tabs.captureVisibleTab(windowId, { format: 'png' });
  return (await fetch(dataUrl)).blob();
}
