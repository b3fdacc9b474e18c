import { describe, expect, it } from 'vitest';
import { PublicKey } from '@solana/web3.js';
import { isAddress } from 'viem';
import { arbitrum, avalanche, base, bsc, mainnet, optimism, polygon, sepolia } from 'viem/chains';
import {
  EVM_DEMO_TOKENS, MULTICALL3_ADDRESS, SOLANA_DEMO_MINTS,
} from '../../../scripts/chains/demo';
import type { SolanaNetwork } from '../../../src/chains/ChainAdapter';
import { BUILTIN_NETWORKS, MULTICALL3, getBuiltinNetwork } from '../../../src/chains/networks';
import { DEFAULT_TOKENS, SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, defaultTokens } from '../../../src/chains/tokens';

describe('built-in networks', () => {
  it('has the EVM networks with viem metadata and CAIP-2 ids', () => {
    for (const c of [mainnet, base, arbitrum, optimism, polygon, bsc, avalanche, sepolia]) {
      const n = getBuiltinNetwork(`eip155:${c.id}`);
      expect(n).toMatchObject({ family: 'evm', chainId: c.id, name: c.name, nativeCurrency: c.nativeCurrency, multicall3: expect.any(String) });
      // viem's URLs first; mainnets add a second public URL for failover (see releaseDefaults.test.ts).
      expect(n?.rpcUrls.slice(0, c.rpcUrls.default.http.length)).toEqual([...c.rpcUrls.default.http]);
      expect(n?.rpcUrls.length).toBe(c.rpcUrls.default.http.length + (c.testnet ? 0 : 1));
      expect(n?.blockExplorer?.url).toBe(c.blockExplorers.default.url);
    }
    expect(getBuiltinNetwork('eip155:11155111')?.testnet).toBe(true);
  });
  it('has Localnets per family at the dev-chain defaults, with Multicall3 at the canonical address', () => {
    expect(getBuiltinNetwork('eip155:31337')).toMatchObject({ name: 'Localnet', rpcUrls: ['http://127.0.0.1:8545'], multicall3: MULTICALL3 });
    expect(MULTICALL3).toBe(MULTICALL3_ADDRESS);
    expect(getBuiltinNetwork('solana:localnet')).toMatchObject({ family: 'solana', rpcUrls: ['http://127.0.0.1:8899'] });
    for (const c of ['mainnet', 'devnet', 'testnet']) expect((getBuiltinNetwork(`solana:${c}`) as SolanaNetwork | undefined)?.genesisHash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{43,44}$/);
    expect(new Set(BUILTIN_NETWORKS.map((n) => n.id)).size).toBe(BUILTIN_NETWORKS.length);
  });
});

describe('default token lists', () => {
  it('every EVM token address carries a valid EIP-55 checksum (catches typos); every mint is 32 bytes', () => {
    for (const [id, list] of Object.entries(DEFAULT_TOKENS)) {
      expect(getBuiltinNetwork(id), id).toBeDefined();
      for (const t of list) {
        if (id.startsWith('eip155:')) expect(isAddress(t.address, { strict: true }), `${id} ${t.symbol}`).toBe(true);
        else {
          expect(new PublicKey(t.address).toBytes()).toHaveLength(32);
          expect([SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID]).toContain(t.programId);
        }
      }
    }
  });
  it('has the well-known decimals (USDC 6 except on BSC, WETH 18, wSOL 9)', () => {
    expect(defaultTokens('eip155:1').find((t) => t.symbol === 'USDC')).toMatchObject({ address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', decimals: 6 });
    expect(defaultTokens('eip155:56').find((t) => t.symbol === 'USDC')?.decimals).toBe(18);
    expect(defaultTokens('solana:mainnet').find((t) => t.symbol === 'USDC')).toMatchObject({ address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', decimals: 6 });
    expect(defaultTokens('solana:mainnet').find((t) => t.symbol === 'wSOL')?.decimals).toBe(9);
  });
  it('Localnet lists exactly the dev chains\' demo tokens', () => {
    expect(defaultTokens('eip155:31337').map((t) => [t.address, t.symbol, t.decimals])).toEqual(EVM_DEMO_TOKENS.map((t) => [t.address, t.symbol, t.decimals]));
    expect(defaultTokens('solana:localnet').map((t) => [t.address, t.symbol, t.decimals, t.programId])).toEqual(SOLANA_DEMO_MINTS.map((t) => [t.address, t.symbol, t.decimals, t.programId]));
  });
});
