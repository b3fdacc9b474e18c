/**
 * The networks the wallet UI works with: built-ins and saved custom networks, with the user's RPC URL edits applied
 * (validated against the endpoints first) and the set of networks shown in the portfolio ("enabled").
 */
import type { Network } from '../../chains/ChainAdapter';
import type { CustomNetworkStore } from '../stores/customNetworkStore';
import { InvalidNetworkError } from '../../chains/errors';
import { getBuiltinNetwork } from '../../chains/networks';
import { validateCustomNetwork, type CustomNetworkInput, type ValidateDeps } from '../../chains/validateCustomNetwork';
import { NotFoundError } from '../../shared/errors';
import type { NetworkView } from '../../shared/types';
import { DEFAULT_SELECTED } from '../dapp/networkSelection';
import type { StorageArea } from '../storageArea';

export const RPC_OVERRIDES_KEY = 'portfolio:rpcOverrides';
export const ENABLED_NETWORKS_KEY = 'portfolio:enabledNetworks';
/** The portfolio shows the selected networks by default (mainnets, or the Localnets in the dev build); others in Settings → Networks. */
export const DEFAULT_ENABLED: readonly string[] = [DEFAULT_SELECTED.evm, DEFAULT_SELECTED.solana];

type Overrides = Record<string, string[]>;

/**
 * A CustomNetworkStore whose networks carry the user's RPC URLs. Passing this one to every consumer (dapp handlers
 * included) makes an edit apply everywhere.
 */
export function withRpcOverrides(store: CustomNetworkStore, local: StorageArea): CustomNetworkStore {
  const apply = async (list: Network[]): Promise<Network[]> => {
    const o = (await local.get<Overrides>(RPC_OVERRIDES_KEY)) ?? {};
    return list.map((n) => (o[n.id]?.length ? { ...n, rpcUrls: [...o[n.id]!] } : n));
  };
  return {
    list: async () => apply(await store.list()),
    all: async () => apply(await store.all()),
    add: (input) => store.add(input),
    remove: (id) => store.remove(id),
  };
}

export function createNetworkRegistry(local: StorageArea, store: CustomNetworkStore, deps: ValidateDeps = {}) {
  const networks = withRpcOverrides(store, local);
  const enabledIds = async (): Promise<string[]> => (await local.get<string[]>(ENABLED_NETWORKS_KEY)) ?? [...DEFAULT_ENABLED];

  async function get(id: string): Promise<Network> {
    const n = (await networks.all()).find((x) => x.id === id);
    if (!n) throw new NotFoundError(`Unknown network ${id}`, { networkId: id });
    return n;
  }

  async function defaultsOf(n: Network): Promise<string[]> {
    return getBuiltinNetwork(n.id)?.rpcUrls ?? (await store.list()).find((x) => x.id === n.id)?.rpcUrls ?? n.rpcUrls;
  }

  async function view(n: Network, enabled: string[]): Promise<NetworkView> {
    return {
      id: n.id, name: n.name, family: n.family, ...(n.family === 'evm' ? { chainId: n.chainId } : {}),
      nativeSymbol: n.nativeCurrency.symbol, rpcUrls: [...n.rpcUrls], defaultRpcUrls: [...(await defaultsOf(n))],
      ...(n.blockExplorer ? { explorerUrl: n.blockExplorer.url } : {}),
      testnet: n.testnet, custom: n.custom === true, enabled: enabled.includes(n.id),
    };
  }

  return {
    /** The store to hand to everything else (overrides applied). */
    networks,
    get,
    enabledIds,
    async enabled(): Promise<Network[]> {
      const ids = await enabledIds();
      return (await networks.all()).filter((n) => ids.includes(n.id));
    },
    async list(): Promise<NetworkView[]> {
      const ids = await enabledIds();
      return Promise.all((await networks.all()).map((n) => view(n, ids)));
    },
    async view(id: string): Promise<NetworkView> {
      return view(await get(id), await enabledIds());
    },
    async setEnabled(id: string, on: boolean): Promise<void> {
      await get(id);
      const ids = (await enabledIds()).filter((x) => x !== id);
      await local.set({ [ENABLED_NETWORKS_KEY]: on ? [...ids, id] : ids });
    },
    /**
     * Replace a network's RPC URLs (an empty list restores its defaults). Every URL must answer as this very
     * network (EVM chain id; Solana genesis hash when the network pins one) before anything is saved.
     */
    async setRpcUrls(id: string, rpcUrls: string[]): Promise<void> {
      const n = await get(id);
      const o = (await local.get<Overrides>(RPC_OVERRIDES_KEY)) ?? {};
      if (rpcUrls.length === 0) {
        delete o[id];
        await local.set({ [RPC_OVERRIDES_KEY]: o });
        return;
      }
      const input: CustomNetworkInput = n.family === 'evm'
        ? { family: 'evm', name: n.name, chainId: n.chainId, rpcUrls, nativeCurrency: n.nativeCurrency }
        : { family: 'solana', name: n.name, rpcUrls, ...(n.genesisHash ? { genesisHash: n.genesisHash } : {}) };
      const checked = await validateCustomNetwork(input, deps);
      if (n.family === 'solana' && n.cluster === 'custom' && checked.family === 'solana' && checked.genesisHash !== n.genesisHash) {
        throw new InvalidNetworkError('These URLs serve another Solana cluster than this network');
      }
      await local.set({ [RPC_OVERRIDES_KEY]: { ...o, [id]: checked.rpcUrls } });
    },
    async addCustom(input: CustomNetworkInput): Promise<Network> {
      const n = await store.add(input);
      await local.set({ [ENABLED_NETWORKS_KEY]: [...(await enabledIds()).filter((x) => x !== n.id), n.id] });
      return n;
    },
    async removeCustom(id: string): Promise<void> {
      await store.remove(id);
      const o = (await local.get<Overrides>(RPC_OVERRIDES_KEY)) ?? {};
      delete o[id];
      await local.set({ [RPC_OVERRIDES_KEY]: o, [ENABLED_NETWORKS_KEY]: (await enabledIds()).filter((x) => x !== id) });
    },
  };
}
export type NetworkRegistry = ReturnType<typeof createNetworkRegistry>;
