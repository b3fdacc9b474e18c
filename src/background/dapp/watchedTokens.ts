import type { Token } from '../../chains/ChainAdapter';
import type { StorageArea } from '../storageArea';

/** Tokens the user added (from a dapp's wallet_watchAsset or by hand), per network. Public data. */
export const watchedTokensKey = (networkId: string) => `chains:customTokens:${networkId}`;

export async function listWatchedTokens(local: StorageArea, networkId: string): Promise<Token[]> {
  return (await local.get<Token[]>(watchedTokensKey(networkId))) ?? [];
}

/** Adds the token once (by address, case-insensitive); returns false when it was already there. */
export async function addWatchedToken(local: StorageArea, networkId: string, token: Token): Promise<boolean> {
  const list = await listWatchedTokens(local, networkId);
  if (list.some((t) => t.address.toLowerCase() === token.address.toLowerCase())) return false;
  await local.set({ [watchedTokensKey(networkId)]: [...list, token] });
  return true;
}
