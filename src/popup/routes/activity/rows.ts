/** Pure helpers of the Activity view: the filters and the words for a row's direction. */
import type { ActivityView } from '../../../shared/types';
import type { MessageKey } from '../../i18n';

export type DirectionFilter = 'all' | 'in' | 'out';
export interface ActivityFilters { network: string; asset: string; direction: DirectionFilter }

/** An asset's filter value: the token address, or the network's native currency. */
export const assetKey = (a: ActivityView): string => (a.token ? `${a.networkId}|${a.token.toLowerCase()}` : `${a.networkId}|native`);

export function applyFilters(list: readonly ActivityView[], f: ActivityFilters, only?: readonly string[]): ActivityView[] {
  return list.filter((a) => (f.network === 'all' || a.networkId === f.network)
    && (f.asset === 'all' || assetKey(a) === f.asset)
    && (f.direction === 'all' || (f.direction === 'in' ? a.direction === 'in' : a.direction !== 'in'))
    && (!only || only.includes(a.id)));
}

/** The assets present in the list (for the asset filter), in first-seen order. */
export function assetOptions(list: readonly ActivityView[], network: string): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const a of list) {
    if (network !== 'all' && a.networkId !== network) continue;
    const k = assetKey(a);
    if (!seen.has(k)) seen.set(k, network === 'all' ? `${a.symbol} · ${a.networkName}` : a.symbol);
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

export const directionKey = (a: ActivityView): MessageKey => (a.direction === 'in' ? 'received' : a.direction === 'self' ? 'sentToSelf' : 'sent');
