import type { AssetView, PortfolioView } from '../../../shared/types';

export type SendAsset = AssetView & { key: string; networkName: string; family: 'evm' | 'solana'; from: string };

export const assetKey = (networkId: string, token?: string) => `${networkId}|${token ?? ''}`;

/** Every native coin of an enabled network, and every token the account holds. */
export function sendableAssets(p: PortfolioView): SendAsset[] {
  return p.networks.flatMap((n) => n.assets
    .filter((a) => !a.token || (a.amount !== null && a.amount !== '0'))
    .map((a) => ({ ...a, key: assetKey(n.networkId, a.token), networkName: n.name, family: n.family, from: n.address })));
}
