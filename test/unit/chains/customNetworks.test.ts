import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/background/storageArea';
import { CUSTOM_NETWORKS_KEY, createCustomNetworkStore } from '../../../src/background/stores/customNetworkStore';
import type { FetchLike } from '../../../src/chains/rpcTransport';
import { validateCustomNetwork } from '../../../src/chains/validateCustomNetwork';

function node(answers: Record<string, Record<string, unknown>>): FetchLike {
  return async (url, init) => {
    const a = answers[url];
    if (!a) throw new TypeError('ECONNREFUSED');
    const reqs = JSON.parse(init.body) as { id: number; method: string }[] | { id: number; method: string };
    const one = (r: { id: number; method: string }) => (r.method in a ? { id: r.id, result: a[r.method] } : { id: r.id, error: { code: -32601, message: 'Method not found' } });
    const body = Array.isArray(reqs) ? reqs.map(one) : one(reqs);
    return { ok: true, status: 200, text: async () => JSON.stringify(body) };
  };
}
const fetch = node({
  'https://evm.example/': { eth_chainId: '0x2105', eth_getCode: '0x6080' },
  'https://evm2.example/': { eth_chainId: '0x1', eth_getCode: '0x' },
  'https://nomc.example/': { eth_chainId: '0x2105', eth_getCode: '0x' },
  'https://sol.example/': { getGenesisHash: 'GH1111111111111111111111111111111111111111', getVersion: { 'solana-core': '2.2.0' } },
  'https://mainnet-sol.example/': { getGenesisHash: '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d', getVersion: {} },
});

describe('validateCustomNetwork', () => {
  it('EVM: accepts a matching eth_chainId and detects Multicall3', async () => {
    expect(await validateCustomNetwork({ family: 'evm', name: 'Mine', chainId: 8453, rpcUrls: ['https://evm.example/'] }, { fetch }))
      .toMatchObject({ id: 'eip155:8453', chainId: 8453, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', custom: true });
    const noMc = await validateCustomNetwork({ family: 'evm', name: 'Mine', chainId: 8453, rpcUrls: ['https://nomc.example/'] }, { fetch });
    expect(noMc).not.toHaveProperty('multicall3');
  });
  it('EVM: every URL must report the chain id (a fallback on another chain is refused: 1106)', async () => {
    await expect(validateCustomNetwork({ family: 'evm', name: 'M', chainId: 8453, rpcUrls: ['https://evm.example/', 'https://evm2.example/'] }, { fetch }))
      .rejects.toMatchObject({ code: 1106, data: { expected: 8453, got: 1 } });
    await expect(validateCustomNetwork({ family: 'evm', name: 'M', chainId: 8453, rpcUrls: ['https://down.example/'] }, { fetch })).rejects.toMatchObject({ code: 1104 });
    await expect(validateCustomNetwork({ family: 'evm', name: 'M', chainId: 8453, rpcUrls: ['https://sol.example/'] }, { fetch })).rejects.toMatchObject({ code: 1104 });
  });
  it('refuses malformed definitions (1113)', async () => {
    for (const bad of [
      { family: 'evm', name: 'M', chainId: 0, rpcUrls: ['https://evm.example/'] },
      { family: 'evm', name: 'M', chainId: 1, rpcUrls: [] },
      { family: 'evm', name: 'M', chainId: 1, rpcUrls: ['ftp://x'] },
      { family: 'evm', name: 'M', chainId: 1, rpcUrls: ['https://user:pw@x.example'] },
      { family: 'evm', name: '', chainId: 1, rpcUrls: ['https://evm.example/'] },
      { family: 'cosmos', name: 'M', rpcUrls: ['https://evm.example/'] },
    ]) await expect(validateCustomNetwork(bad as never, { fetch }), JSON.stringify(bad)).rejects.toMatchObject({ code: 1113 });
  });
  it('Solana: keyed by genesis hash; a pinned genesis must match', async () => {
    expect(await validateCustomNetwork({ family: 'solana', name: 'V', rpcUrls: ['https://sol.example/'] }, { fetch }))
      .toMatchObject({ id: 'solana:GH1111111111111111111111111111111111111111', cluster: 'custom' });
    await expect(validateCustomNetwork({ family: 'solana', name: 'V', rpcUrls: ['https://sol.example/'], genesisHash: 'other' }, { fetch })).rejects.toMatchObject({ code: 1106 });
    await expect(validateCustomNetwork({ family: 'solana', name: 'V', rpcUrls: ['https://evm.example/'] }, { fetch })).rejects.toMatchObject({ code: 1104 });
  });
});

describe('custom network store', () => {
  it('saves only validated networks; refuses built-ins and duplicates (1107); removes', async () => {
    const storage = createMemoryStorage();
    const store = createCustomNetworkStore(storage, { fetch });
    await expect(store.add({ family: 'evm', name: 'Base again', chainId: 8453, rpcUrls: ['https://evm.example/'] })).rejects.toMatchObject({ code: 1107, data: { networkId: 'eip155:8453', name: 'Base' } });
    await expect(store.add({ family: 'solana', name: 'My mainnet', rpcUrls: ['https://mainnet-sol.example/'] })).rejects.toMatchObject({ code: 1107, data: { networkId: 'solana:mainnet', name: 'Solana Mainnet' } });
    expect(await storage.get(CUSTOM_NETWORKS_KEY)).toBeUndefined();
    const n = await store.add({ family: 'solana', name: 'V', rpcUrls: ['https://sol.example/'] });
    await expect(store.add({ family: 'solana', name: 'V2', rpcUrls: ['https://sol.example/'] })).rejects.toMatchObject({ code: 1107, data: { networkId: n.id, name: 'V' } });
    expect(await store.list()).toEqual([n]);
    expect((await store.all()).at(-1)).toEqual(n);
    await store.remove(n.id);
    expect(await store.list()).toEqual([]);
    await expect(store.remove(n.id)).rejects.toMatchObject({ code: 1010 });
  });
});
