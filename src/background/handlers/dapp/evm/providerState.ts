/** meridian_getProviderState: what the in-page provider needs on load (chain, accounts, default-wallet setting). */
import type { DappHandler } from '../context';
import { connectedEvmAccounts } from './accounts';
import { hexChain } from './util';

export const getProviderState: DappHandler = async (_p, ctx) => ({
  chainId: hexChain(await ctx.networks.evm()),
  accounts: await connectedEvmAccounts(ctx),
  isDefaultWallet: (await ctx.local.get<{ defaultWallet?: boolean }>('settings'))?.defaultWallet === true,
});
