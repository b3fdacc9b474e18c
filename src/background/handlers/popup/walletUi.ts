/** Popup handlers of the wallet UI: portfolio, networks, tokens, UI settings, reset. */
import type { PopupSchema } from '../../../shared/protocol/popupSchema';
import type { Handlers } from '../../../shared/protocol/dispatch';
import type { CustomNetworkInput } from '../../../chains/validateCustomNetwork';
import { readUiSettings, updateUiSettings } from '../../portfolio/uiSettings';
import { local, ui, type PopupContext } from './context';

type M = 'getPortfolio' | 'getAccountTotals' | 'refreshPortfolio' | 'listNetworks' | 'setNetworkEnabled' | 'setNetworkRpcUrls' | 'addCustomNetwork'
  | 'removeCustomNetwork' | 'listTokens' | 'addToken' | 'setTokenHidden' | 'getUiSettings' | 'updateUiSettings' | 'resetWallet';

export const walletUiHandlers: Pick<Handlers<typeof PopupSchema, PopupContext>, M> = {
  getPortfolio: async (_p, ctx) => ui(ctx).portfolio.cached(),
  getAccountTotals: async (_p, ctx) => ui(ctx).portfolio.cachedTotals(),
  refreshPortfolio: async ({ networkIds }, ctx) => ui(ctx).portfolio.refresh(networkIds),
  listNetworks: async (_p, ctx) => ui(ctx).registry.list(),
  setNetworkEnabled: async ({ networkId, enabled }, ctx) => { await ui(ctx).registry.setEnabled(networkId, enabled); return null; },
  setNetworkRpcUrls: async ({ networkId, rpcUrls }, ctx) => {
    await ui(ctx).registry.setRpcUrls(networkId, rpcUrls);
    return ui(ctx).registry.view(networkId);
  },
  addCustomNetwork: async (p, ctx) => {
    const input: CustomNetworkInput = p.family === 'evm'
      ? { family: 'evm', name: p.name, chainId: p.chainId ?? 0, rpcUrls: p.rpcUrls, ...(p.symbol ? { nativeCurrency: { name: p.symbol, symbol: p.symbol, decimals: 18 } } : {}), ...(p.blockExplorerUrl ? { blockExplorerUrl: p.blockExplorerUrl } : {}) }
      : { family: 'solana', name: p.name, rpcUrls: p.rpcUrls };
    const n = await ui(ctx).registry.addCustom(input);
    return ui(ctx).registry.view(n.id);
  },
  removeCustomNetwork: async ({ networkId }, ctx) => { await ui(ctx).registry.removeCustom(networkId); return null; },
  listTokens: async ({ networkId }, ctx) => { await ui(ctx).registry.get(networkId); return ui(ctx).tokens.all(networkId); },
  addToken: async ({ networkId, address }, ctx) => {
    const u = ui(ctx);
    const token = await u.adapters.get(await u.registry.get(networkId)).readToken(address.trim());
    return u.tokens.add(networkId, token);
  },
  setTokenHidden: async ({ networkId, address, hidden }, ctx) => { await ui(ctx).tokens.setHidden(networkId, address, hidden); return null; },
  getUiSettings: async (_p, ctx) => readUiSettings(local(ctx)),
  updateUiSettings: async (p, ctx) => updateUiSettings(local(ctx), p),
  // The password first (throttled like unlock): a reset erases the wallet from this device (its vaults are kept).
  resetWallet: async ({ password }, ctx) => { await ctx.wallet.checkPassword(password); await ui(ctx).reset(); return null; },
};
