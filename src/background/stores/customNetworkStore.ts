/** Saved custom networks (StorageArea param). A network is saved only after validateCustomNetwork succeeded. */
import type { StorageArea } from '../storageArea';
import type { Network } from '../../chains/ChainAdapter';
import { NotFoundError } from '../../shared/errors';
import { NetworkExistsError } from '../../chains/errors';
import { BUILTIN_NETWORKS } from '../../chains/networks';
import { validateCustomNetwork, type CustomNetworkInput, type ValidateDeps } from '../../chains/validateCustomNetwork';

export const CUSTOM_NETWORKS_KEY = 'chains:customNetworks';

export interface CustomNetworkStore {
  list(): Promise<Network[]>;
  /** Validates against the endpoints, then saves. Throws (and saves nothing) on any problem. */
  add(input: CustomNetworkInput): Promise<Network>;
  remove(id: string): Promise<void>;
  /** Built-ins followed by custom networks. */
  all(): Promise<Network[]>;
}

export function createCustomNetworkStore(storage: StorageArea, deps: ValidateDeps = {}): CustomNetworkStore {
  const list = async () => (await storage.get<Network[]>(CUSTOM_NETWORKS_KEY)) ?? [];
  return {
    list,
    async add(input) {
      const network = await validateCustomNetwork(input, deps);
      const saved = await list();
      const builtin = BUILTIN_NETWORKS.find((n) => n.id === network.id
        || (n.family === 'solana' && network.family === 'solana' && n.genesisHash !== undefined && n.genesisHash === network.genesisHash));
      if (builtin) throw new NetworkExistsError(`${builtin.name} is built in; edit its RPC URLs instead`, { networkId: builtin.id, name: builtin.name });
      const dup = saved.find((n) => n.id === network.id);
      if (dup) throw new NetworkExistsError(`A network with id ${network.id} is already saved`, { networkId: network.id, name: dup.name });
      await storage.set({ [CUSTOM_NETWORKS_KEY]: [...saved, network] });
      return network;
    },
    async remove(id) {
      const saved = await list();
      if (!saved.some((n) => n.id === id)) throw new NotFoundError(`No custom network ${id}`, { networkId: id });
      await storage.set({ [CUSTOM_NETWORKS_KEY]: saved.filter((n) => n.id !== id) });
    },
    async all() {
      return [...BUILTIN_NETWORKS, ...(await list())];
    },
  };
}
