/** Tokens per network: the built-in list plus the user's (checked on chain), minus the ones the user hid. */
import type { Token } from '../../chains/ChainAdapter';
import { defaultTokens } from '../../chains/tokens';
import { NotFoundError } from '../../shared/errors';
import type { TokenView } from '../../shared/types';
import { addWatchedToken, listWatchedTokens } from '../dapp/watchedTokens';
import type { StorageArea } from '../storageArea';

export const hiddenTokensKey = (networkId: string) => `portfolio:hiddenTokens:${networkId}`;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createTokenList(local: StorageArea) {
  const hidden = async (networkId: string) => (await local.get<string[]>(hiddenTokensKey(networkId))) ?? [];
  async function all(networkId: string): Promise<TokenView[]> {
    const h = await hidden(networkId);
    const builtin = defaultTokens(networkId);
    const custom = (await listWatchedTokens(local, networkId)).filter((t) => !builtin.some((b) => same(b.address, t.address)));
    const view = (t: Token, isCustom: boolean): TokenView => ({ ...t, hidden: h.some((x) => same(x, t.address)), custom: isCustom });
    return [...builtin.map((t) => view(t, false)), ...custom.map((t) => view(t, true))];
  }
  return {
    all,
    async visible(networkId: string): Promise<Token[]> {
      return (await all(networkId)).filter((t) => !t.hidden).map(({ hidden: _h, custom: _c, ...t }) => t);
    },
    async find(networkId: string, address: string): Promise<Token> {
      const t = (await all(networkId)).find((x) => same(x.address, address));
      if (!t) throw new NotFoundError('This token is not in the wallet’s list for this network.', { networkId, address });
      const { hidden: _h, custom: _c, ...token } = t;
      return token;
    },
    /** `token` comes from the chain (adapter.readToken). Adding a hidden token shows it again. */
    async add(networkId: string, token: Token): Promise<TokenView> {
      await addWatchedToken(local, networkId, token);
      await this.setHidden(networkId, token.address, false);
      return (await all(networkId)).find((x) => same(x.address, token.address))!;
    },
    async setHidden(networkId: string, address: string, on: boolean): Promise<void> {
      const h = (await hidden(networkId)).filter((x) => !same(x, address));
      await local.set({ [hiddenTokensKey(networkId)]: on ? [...h, address] : h });
    },
  };
}
export type TokenList = ReturnType<typeof createTokenList>;
