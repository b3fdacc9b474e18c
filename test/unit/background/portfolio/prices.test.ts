/**
 * Test networks and Localnets are never priced as mainnet assets (issue 11 item 5): Localnet ETH once showed as about
 * $20 million on Home. A network with `testnet: true` gets no coin id, so no price request, no price and no fiat.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_NETWORKS, getBuiltinNetwork } from '../../../../src/chains/networks';
import { defaultTokens } from '../../../../src/chains/tokens';
import { coinIdFor, createPriceService } from '../../../../src/background/portfolio/prices';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createCustomNetworkStore } from '../../../../src/background/stores/customNetworkStore';
import { createNetworkRegistry, ENABLED_NETWORKS_KEY } from '../../../../src/background/portfolio/networkRegistry';
import { createPortfolio } from '../../../../src/background/portfolio/portfolio';
import { createTokenList } from '../../../../src/background/portfolio/tokenList';
import { updateUiSettings } from '../../../../src/background/portfolio/uiSettings';
import type { AdapterCache } from '../../../../src/background/portfolio/adapters';
import type { BalanceRequest, Network } from '../../../../src/chains/ChainAdapter';

describe('coinIdFor: mainnets only', () => {
  it('no built-in test network or Localnet has a coin id, for its coin or any of its default tokens', () => {
    const testnets = BUILTIN_NETWORKS.filter((n) => n.testnet);
    expect(testnets.map((n) => n.id)).toEqual(['eip155:11155111', 'eip155:31337', 'solana:devnet', 'solana:testnet', 'solana:localnet']);
    for (const n of testnets) {
      expect([n.id, coinIdFor(n)]).toEqual([n.id, undefined]);
      for (const t of defaultTokens(n.id)) expect([n.id, t.symbol, coinIdFor(n, t)]).toEqual([n.id, t.symbol, undefined]);
    }
  });

  it('every built-in mainnet keeps its coin id', () => {
    expect(BUILTIN_NETWORKS.filter((n) => !n.testnet).map((n) => [n.id, coinIdFor(n)])).toEqual([
      ['eip155:1', 'ethereum'], ['eip155:8453', 'ethereum'], ['eip155:42161', 'ethereum'], ['eip155:10', 'ethereum'],
      ['eip155:137', 'polygon-ecosystem-token'], ['eip155:56', 'binancecoin'], ['eip155:43114', 'avalanche-2'], ['solana:mainnet', 'solana'],
    ]);
  });

  it('the testnet flag wins over the id: a network marked as a test network is never priced', () => {
    const eth = getBuiltinNetwork('eip155:1')!;
    const usdc = defaultTokens('eip155:1').find((t) => t.symbol === 'USDC')!;
    expect(coinIdFor(eth, usdc)).toBe('usd-coin');
    expect(coinIdFor({ ...eth, testnet: true })).toBeUndefined();
    expect(coinIdFor({ ...eth, testnet: true }, usdc)).toBeUndefined();
  });
});

const EVM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SOL = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';

/** A portfolio over `enabled` networks whose every balance is 1 coin + 5 base units of each token. */
async function rig(enabled: string[]) {
  const local = createMemoryStorage();
  await local.set({ [ENABLED_NETWORKS_KEY]: enabled });
  const adapters = {
    get: (n: Network) => ({
      getBalances: async (req: BalanceRequest) => ({
        networkId: n.id, at: 1_000,
        accounts: { [req.accounts[0]!]: { native: 10n ** BigInt(n.nativeCurrency.decimals), tokens: Object.fromEntries(req.tokens.map((tk) => [tk.address, 5n])) } },
      }),
    }),
    clear: () => undefined,
  } as unknown as AdapterCache;
  const priceUrls: string[] = [];
  const portfolio = createPortfolio({
    local, now: () => 1_000, registry: createNetworkRegistry(local, createCustomNetworkStore(local)), tokens: createTokenList(local), adapters,
    prices: createPriceService(local, () => 1_000, async (u) => {
      priceUrls.push(u);
      return { ethereum: { usd: 2000 }, solana: { usd: 100 }, 'usd-coin': { usd: 1 }, weth: { usd: 2000 } };
    }),
    account: async () => ({ id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: EVM, solana: SOL }),
  });
  return { local, portfolio, priceUrls };
}

describe('portfolio prices', () => {
  it('Localnets and Sepolia: balances without a price, and no price request at all', async () => {
    const r = await rig(['eip155:31337', 'solana:localnet', 'eip155:11155111', 'solana:devnet']);
    const v = await r.portfolio.refresh();
    expect(v.networks.map((n) => n.networkId).sort()).toEqual(['eip155:11155111', 'eip155:31337', 'solana:devnet', 'solana:localnet']);
    const assets = v.networks.flatMap((n) => n.assets);
    expect(assets.find((a) => a.networkId === 'eip155:31337' && a.symbol === 'ETH')).toEqual({
      networkId: 'eip155:31337', symbol: 'ETH', name: 'Ether', decimals: 18, amount: '1000000000000000000',
    });
    expect(assets.filter((a) => a.priceUsd !== undefined)).toEqual([]);
    expect(r.priceUrls).toEqual([]);
  });

  it('next to a mainnet: only the mainnet assets are priced, and only their ids are asked', async () => {
    const r = await rig(['eip155:31337', 'solana:localnet', 'eip155:1', 'solana:mainnet']);
    const v = await r.portfolio.refresh();
    const priced = v.networks.flatMap((n) => n.assets).filter((a) => a.priceUsd !== undefined).map((a) => [a.networkId, a.symbol, a.priceUsd]);
    expect(priced).toEqual([
      ['eip155:1', 'ETH', 2000], ['eip155:1', 'USDC', 1], ['eip155:1', 'WETH', 2000], ['solana:mainnet', 'SOL', 100], ['solana:mainnet', 'USDC', 1],
    ]);
    expect(r.priceUrls).toEqual(['https://api.coingecko.com/api/v3/simple/price?ids=dai,ethereum,paypal-usd,solana,tether,usd-coin,weth,wrapped-solana&vs_currencies=usd']);
  });

  it('prices off: a mainnet gets no price and nothing is asked', async () => {
    const r = await rig(['eip155:31337', 'eip155:1']);
    await updateUiSettings(r.local, { pricesEnabled: false });
    const v = await r.portfolio.refresh();
    expect(v.networks.find((n) => n.networkId === 'eip155:1')!.assets[0]).toEqual({
      networkId: 'eip155:1', symbol: 'ETH', name: 'Ether', decimals: 18, amount: '1000000000000000000',
    });
    expect(v.networks.flatMap((n) => n.assets).filter((a) => a.priceUsd !== undefined)).toEqual([]);
    expect(r.priceUrls).toEqual([]);
  });
});
