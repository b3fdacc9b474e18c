/** Settings of the wallet UI that the wallet core does not need: language and the price source. */
import { InvalidParamsError } from '../../shared/errors';
import type { UiSettings } from '../../shared/types';
import type { StorageArea } from '../storageArea';
import { DEFAULT_PRICE_API } from './prices';

export const UI_SETTINGS_KEY = 'portfolio:uiSettings';
export const DEFAULT_UI_SETTINGS: UiSettings = { language: 'auto', pricesEnabled: true, priceApiUrl: DEFAULT_PRICE_API };

/** HTTPS only, except loopback (a local price endpoint for development and tests). */
export function checkPriceApiUrl(u: string): string {
  let url: URL;
  try { url = new URL(u); } catch { throw new InvalidParamsError('The price API address is not a URL.'); }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new InvalidParamsError('The price API must use HTTPS.');
  if (url.username || url.password || url.search || url.hash) throw new InvalidParamsError('The price API address must be a plain base URL.');
  return url.toString().replace(/\/+$/, '');
}

export async function readUiSettings(local: StorageArea): Promise<UiSettings> {
  return { ...DEFAULT_UI_SETTINGS, ...((await local.get<Partial<UiSettings>>(UI_SETTINGS_KEY)) ?? {}) };
}

export async function updateUiSettings(local: StorageArea, patch: Partial<UiSettings>): Promise<UiSettings> {
  const next = { ...(await readUiSettings(local)), ...patch };
  if (patch.priceApiUrl !== undefined) next.priceApiUrl = checkPriceApiUrl(patch.priceApiUrl);
  await local.set({ [UI_SETTINGS_KEY]: next });
  return next;
}
