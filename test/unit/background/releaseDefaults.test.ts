// Issue 10, item 1: the release build selects Ethereum Mainnet and Solana Mainnet on first run and never contacts a
// loopback or private address until the user selects a local network; every built-in mainnet has two RPC URLs. The
// flavour is fixed at build time; here the release defaults are loaded through `globalThis.MERIDIAN_BUILD`.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILTIN_NETWORKS } from '../../../src/chains/networks';

type Modules = {
  selection: typeof import('../../../src/background/dapp/networkSelection');
  registry: typeof import('../../../src/background/portfolio/networkRegistry');
  env: typeof import('./dapp/dappEnv');
};
let m: Modules;
beforeAll(async () => {
  (globalThis as { MERIDIAN_BUILD?: string }).MERIDIAN_BUILD = 'release';
  vi.resetModules();
  m = {
    selection: await import('../../../src/background/dapp/networkSelection'),
    registry: await import('../../../src/background/portfolio/networkRegistry'),
    env: await import('./dapp/dappEnv'),
  };
});
afterAll(() => {
  delete (globalThis as { MERIDIAN_BUILD?: string }).MERIDIAN_BUILD;
  vi.resetModules();
});

const loopbackOrPrivate = (url: string) => /^(https?:\/\/)(127\.|localhost|\[::1\]|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(url);

describe('release defaults', () => {
  it('Ethereum Mainnet and Solana Mainnet are selected and shown; the Localnets and test networks are listed, not selected', () => {
    expect(m.selection.DEFAULT_SELECTED).toEqual({ evm: 'eip155:1', solana: 'solana:mainnet' });
    expect(m.registry.DEFAULT_ENABLED).toEqual(['eip155:1', 'solana:mainnet']);
    expect(BUILTIN_NETWORKS.map((n) => n.id)).toEqual(expect.arrayContaining(['eip155:31337', 'solana:localnet', 'eip155:11155111', 'solana:devnet']));
  });

  it('every built-in mainnet has at least two distinct https RPC URLs (failover)', () => {
    const mainnets = BUILTIN_NETWORKS.filter((n) => !n.testnet);
    expect(mainnets.map((n) => n.id)).toEqual(['eip155:1', 'eip155:8453', 'eip155:42161', 'eip155:10', 'eip155:137', 'eip155:56', 'eip155:43114', 'solana:mainnet']);
    for (const n of mainnets) {
      expect(new Set(n.rpcUrls).size, n.id).toBeGreaterThanOrEqual(2);
      for (const u of n.rpcUrls) expect(u, n.id).toMatch(/^https:\/\//);
    }
  });

  it('a new wallet talks to dapps on Mainnet and sends nothing to 127.0.0.1 until the user selects a local network', async () => {
    const urls: string[] = [];
    const env = await m.env.makeDappEnv({ fetch: async (url) => { urls.push(String(url)); throw new Error('offline'); } });
    await env.connect('evm', [m.env.EVM0]);
    await env.connect('solana', [env.accounts.solana[0]]);
    expect(m.env.resultOf(await env.call('eth_chainId'))).toBe('0x1');
    await env.call('eth_blockNumber');
    await env.call('eth_getBalance', [m.env.EVM0, 'latest']);
    await env.call('getLatestBlockhash', [], 'solana').catch(() => undefined);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter(loopbackOrPrivate)).toEqual([]);
    // Selecting the Localnet is what makes the wallet use 127.0.0.1.
    env.state.decide = () => ({ approved: true });
    expect(m.env.resultOf(await env.call('wallet_switchEthereumChain', [{ chainId: '0x7a69' }]))).toBeNull();
    expect(m.env.resultOf(await env.call('eth_chainId'))).toBe('0x7a69');
    await env.call('eth_blockNumber');
    expect(urls.filter(loopbackOrPrivate).every((u) => u.startsWith('http://127.0.0.1:8545'))).toBe(true);
    expect(urls.some(loopbackOrPrivate)).toBe(true);
  });
});
