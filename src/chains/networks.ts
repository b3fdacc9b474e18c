/**
 * Built-in networks. EVM metadata (name, native currency, RPC URLs, explorer, Multicall3) comes from `viem/chains`;
 * Solana clusters have no such package, so their few facts are written here.
 */
import type { Chain } from 'viem';
import { arbitrum, avalanche, base, bsc, hardhat, mainnet, optimism, polygon, sepolia } from 'viem/chains';
import type { EvmNetwork, Network, SolanaNetwork } from './ChainAdapter';

export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;
export const EVM_LOCALNET_URL = 'http://127.0.0.1:8545';
export const SOLANA_LOCALNET_URL = 'http://127.0.0.1:8899';

export const evmNetworkId = (chainId: number): string => `eip155:${chainId}`;

/** An EvmNetwork from a viem chain definition. */
export function fromViemChain(chain: Chain, overrides: Partial<EvmNetwork> = {}): EvmNetwork {
  const explorer = chain.blockExplorers?.default;
  const mc = chain.contracts?.multicall3 as { address?: `0x${string}` } | undefined;
  return {
    family: 'evm',
    id: evmNetworkId(chain.id),
    chainId: chain.id,
    name: chain.name,
    nativeCurrency: { ...chain.nativeCurrency },
    rpcUrls: [...chain.rpcUrls.default.http],
    ...(explorer ? { blockExplorer: { name: explorer.name, url: explorer.url } } : {}),
    ...(mc?.address ? { multicall3: mc.address } : {}),
    testnet: chain.testnet === true,
    ...overrides,
  };
}

const SOL = { name: 'Solana', symbol: 'SOL', decimals: 9 };
const solana = (cluster: SolanaNetwork['cluster'], name: string, url: string | string[], genesisHash: string | undefined, explorerQuery: string): SolanaNetwork => ({
  family: 'solana',
  id: `solana:${cluster}`,
  cluster,
  name,
  nativeCurrency: SOL,
  rpcUrls: Array.isArray(url) ? url : [url],
  blockExplorer: { name: 'Solana Explorer', url: `https://explorer.solana.com${explorerQuery}` },
  testnet: cluster !== 'mainnet',
  ...(genesisHash ? { genesisHash } : {}),
});

/**
 * A second public RPC per mainnet, after viem's default, so one provider's outage fails over (RpcTransport tries them
 * in order). The user can replace them in Settings → Networks.
 */
const FALLBACK_RPC: Record<number, string> = {
  [mainnet.id]: 'https://ethereum-rpc.publicnode.com',
  [base.id]: 'https://base-rpc.publicnode.com',
  [arbitrum.id]: 'https://arbitrum-one-rpc.publicnode.com',
  [optimism.id]: 'https://optimism-rpc.publicnode.com',
  [polygon.id]: 'https://polygon-bor-rpc.publicnode.com',
  [bsc.id]: 'https://bsc-rpc.publicnode.com',
  [avalanche.id]: 'https://avalanche-c-chain-rpc.publicnode.com',
};
const withFallback = (chain: Chain): EvmNetwork => {
  const n = fromViemChain(chain);
  const extra = FALLBACK_RPC[chain.id];
  return extra && !n.rpcUrls.includes(extra) ? { ...n, rpcUrls: [...n.rpcUrls, extra] } : n;
};

/** Every built-in network, in the order the UI lists them. */
export const BUILTIN_NETWORKS: readonly Network[] = Object.freeze([
  withFallback(mainnet),
  withFallback(base),
  withFallback(arbitrum),
  withFallback(optimism),
  withFallback(polygon),
  withFallback(bsc),
  withFallback(avalanche),
  fromViemChain(sepolia),
  // Local dev chain (scripts/chains): Multicall3 is placed at its canonical address there.
  fromViemChain(hardhat, { name: 'Localnet', rpcUrls: [EVM_LOCALNET_URL], multicall3: MULTICALL3, testnet: true }),
  solana('mainnet', 'Solana Mainnet', ['https://api.mainnet-beta.solana.com', 'https://solana-rpc.publicnode.com'], '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d', ''),
  solana('devnet', 'Solana Devnet', 'https://api.devnet.solana.com', 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG', '?cluster=devnet'),
  solana('testnet', 'Solana Testnet', 'https://api.testnet.solana.com', '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY', '?cluster=testnet'),
  // A local validator's genesis hash is random per ledger: not pinned.
  solana('localnet', 'Solana Localnet', SOLANA_LOCALNET_URL, undefined, `?cluster=custom&customUrl=${encodeURIComponent(SOLANA_LOCALNET_URL)}`),
]);

export function getBuiltinNetwork(id: string): Network | undefined {
  return BUILTIN_NETWORKS.find((n) => n.id === id);
}
