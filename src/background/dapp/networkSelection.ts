import type { EvmNetwork, Network, SolanaNetwork } from '../../chains/ChainAdapter';
import type { CustomNetworkStore } from '../stores/customNetworkStore';
import { createRpcTransport, networkCheckFor, type FetchLike, type RpcTransport } from '../../chains/rpcTransport';
import type { StorageArea } from '../storageArea';
import { buildFlavor } from '../../shared/buildFlavor';

/** The networks dapps see: one selected EVM network and one selected Solana cluster. */
type Selected = { evm: string; solana: string };
const KEY = 'selectedNetworks';
/**
 * What a new wallet uses (README): the release build, Ethereum Mainnet and Solana Mainnet; the dev build (npm start,
 * npm test), the embedded local dev chains. Test networks and the Localnets stay listed either way.
 */
export const DEFAULT_SELECTED: Selected = buildFlavor() === 'release'
  ? { evm: 'eip155:1', solana: 'solana:mainnet' }
  : { evm: 'eip155:31337', solana: 'solana:localnet' };

export function createNetworkSelection(local: StorageArea, custom: CustomNetworkStore, fetchImpl?: FetchLike) {
  const transports = new Map<string, RpcTransport>();
  const read = async (): Promise<Selected> => ({ ...DEFAULT_SELECTED, ...((await local.get<Partial<Selected>>(KEY)) ?? {}) });
  async function find(id: string): Promise<Network | undefined> {
    return (await custom.all()).find((n) => n.id === id);
  }
  return {
    async evm(): Promise<EvmNetwork> {
      const n = await find((await read()).evm);
      if (n?.family === 'evm') return n;
      return (await find(DEFAULT_SELECTED.evm)) as EvmNetwork;
    },
    async solana(): Promise<SolanaNetwork> {
      const n = await find((await read()).solana);
      if (n?.family === 'solana') return n;
      return (await find(DEFAULT_SELECTED.solana)) as SolanaNetwork;
    },
    async evmByChainId(chainId: number): Promise<EvmNetwork | undefined> {
      return (await custom.all()).find((n): n is EvmNetwork => n.family === 'evm' && n.chainId === chainId);
    },
    async select(network: Network): Promise<void> {
      await local.set({ [KEY]: { ...(await read()), [network.family]: network.id } });
    },
    /** One transport per network (it remembers which RPC URLs are backed off). */
    transport(network: Network): RpcTransport {
      const key = `${network.id}|${network.rpcUrls.join(',')}`;
      let t = transports.get(key);
      if (!t) {
        t = createRpcTransport({ urls: network.rpcUrls, check: networkCheckFor(network), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
        transports.set(key, t);
      }
      return t;
    },
  };
}
export type NetworkSelection = ReturnType<typeof createNetworkSelection>;
