/**
 * meridian_getProviderState: what the in-page provider needs on load (chain, accounts in lower case as eth_accounts
 * answers, and the two settings read at page load: default wallet, appear as MetaMask).
 */
import type { DappHandler } from '../context';
import { dappEvmAccounts } from './accounts';
import { hexChain } from './util';

export const getProviderState: DappHandler = async (_p, ctx) => {
  const settings = await ctx.local.get<{ defaultWallet?: boolean; appearAsMetaMask?: boolean }>('settings');
  return {
    chainId: hexChain(await ctx.networks.evm()),
    accounts: await dappEvmAccounts(ctx),
    isDefaultWallet: settings?.defaultWallet === true,
    isMetaMask: settings?.appearAsMetaMask === true,
  };
};
