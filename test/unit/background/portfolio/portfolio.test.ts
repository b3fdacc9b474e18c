import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createCustomNetworkStore } from '../../../../src/background/stores/customNetworkStore';
import { createNetworkRegistry } from '../../../../src/background/portfolio/networkRegistry';
import { createPortfolio, statusKey } from '../../../../src/background/portfolio/portfolio';
import { createBalanceCache } from '../../../../src/background/stores/balanceCache';
import { createPriceService } from '../../../../src/background/portfolio/prices';
import { createTokenList } from '../../../../src/background/portfolio/tokenList';
import { updateUiSettings } from '../../../../src/background/portfolio/uiSettings';
import { RpcUnavailableError } from '../../../../src/chains/errors';
import type { AdapterCache } from '../../../../src/background/portfolio/adapters';
import type { BalanceRequest, Network } from '../../../../src/chains/ChainAdapter';
import type { AccountView } from '../../../../src/shared/types';

const EVM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SOL = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
const ACCOUNT_1: AccountView = { id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: EVM, solana: SOL };

/** `accounts[0]` is the selected account unless `select` changes it. */
function rig(accounts: AccountView[] = [ACCOUNT_1]) {
  const local = createMemoryStorage();
  let t = 1_000;
  let selected = accounts[0]!;
  const failing = new Set<string>();
  const calls: string[] = [];
  const requests: { networkId: string; accounts: string[] }[] = [];
  /** Base units by `networkId address symbol` (symbol of the native coin or token); unset: 10^18 + 1 native, 5 of a token. */
  const held = new Map<string, bigint>();
  const adapters = {
    get: (n: Network) => ({
      getBalances: async (req: BalanceRequest) => {
        calls.push(n.id);
        requests.push({ networkId: n.id, accounts: [...req.accounts] });
        if (failing.has(n.id)) throw new RpcUnavailableError('All RPC endpoints failed (http://127.0.0.1:1: refused)');
        return { networkId: n.id, at: t, accounts: Object.fromEntries(req.accounts.map((a) => [a, {
          native: held.get(`${n.id} ${a} ${n.nativeCurrency.symbol}`) ?? 10n ** 18n + 1n,
          tokens: Object.fromEntries(req.tokens.map((tk) => [tk.address, held.get(`${n.id} ${a} ${tk.symbol}`) ?? 5n])),
        }])) };
      },
    }),
    clear: () => undefined,
  } as unknown as AdapterCache;
  const priceUrls: string[] = [];
  const portfolio = createPortfolio({
    local, now: () => t, registry: createNetworkRegistry(local, createCustomNetworkStore(local)), tokens: createTokenList(local), adapters,
    prices: createPriceService(local, () => t, async (u) => { priceUrls.push(u); return { ethereum: { usd: 2000 }, solana: { usd: 100 }, 'usd-coin': { usd: 1 } }; }),
    account: async () => selected,
    accounts: async () => accounts,
  });
  const registry = createNetworkRegistry(local, createCustomNetworkStore(local));
  return {
    local, portfolio, registry, failing, calls, requests, held, priceUrls, tick: (ms: number) => { t += ms; },
    select: (id: string) => { selected = accounts.find((a) => a.id === id)!; },
  };
}

describe('portfolio', () => {
  it('cached() reads no chain; refresh() reads every enabled network and prices', async () => {
    const r = rig();
    const empty = await r.portfolio.cached();
    expect(r.calls).toEqual([]);
    expect(empty.networks.map((n) => [n.networkId, n.at, n.assets[0]!.amount])).toEqual([['eip155:31337', null, null], ['solana:localnet', null, null]]);
    const v = await r.portfolio.refresh();
    expect(r.calls.sort()).toEqual(['eip155:31337', 'solana:localnet']);
    const evm = v.networks.find((n) => n.networkId === 'eip155:31337')!;
    // Localnet coins and demo tokens are never priced as mainnet assets (prices.test.ts covers mainnets next to them).
    expect(evm.assets[0]).toEqual({ networkId: 'eip155:31337', symbol: 'ETH', name: 'Ether', decimals: 18, amount: '1000000000000000001' });
    expect(evm.assets.find((a) => a.symbol === 'mUSD')).toMatchObject({ amount: '5' });
    expect(v.networks.flatMap((n) => n.assets).filter((a) => a.priceUsd !== undefined)).toEqual([]);
    expect(r.priceUrls).toEqual([]);
  });

  it('a failing network keeps its last known balances with their time and a short coded error; others are unaffected', async () => {
    const r = rig();
    await r.portfolio.refresh();
    r.tick(300_000);
    r.failing.add('eip155:31337');
    const v = await r.portfolio.refresh();
    const evm = v.networks.find((n) => n.networkId === 'eip155:31337')!;
    expect(evm.at).toBe(1_000);
    expect(evm.assets[0]!.amount).toBe('1000000000000000001');
    expect(evm.error).toEqual({ code: 1104, message: 'All RPC endpoints failed' });
    expect(v.networks.find((n) => n.networkId === 'solana:localnet')!).toMatchObject({ at: 301_000 });
    r.failing.clear();
    expect((await r.portfolio.refresh()).networks[0]!.error).toBeUndefined();
  });

  it('prices off: no price request and no fiat', async () => {
    const r = rig();
    await updateUiSettings(r.local, { pricesEnabled: false });
    const v = await r.portfolio.refresh();
    expect(r.priceUrls).toEqual([]);
    expect(v.prices.enabled).toBe(false);
    expect(v.networks.flatMap((n) => n.assets).some((a) => a.priceUsd !== undefined)).toBe(false);
  });
});

describe('every account of the wallet (issue 11 item 5)', () => {
  const EVM2 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const SOL2 = 'AqynRZwvVqUPRwRJXvm6odUb3t93fDjnWe3p6BeuUFxD';
  const SOL3 = 'CqMbRgMuEhQi9BUS8xP44Wk5nENm48FqJnfjEi4eNb1k';
  const ACCOUNT_2: AccountView = { id: 'hd:1', name: 'Account 2', kind: 'hd', index: 1, evm: EVM2, solana: SOL2 };
  const IMPORTED: AccountView = { id: 'imported:sol', name: 'Imported', kind: 'imported', solana: SOL3 };
  const byNetwork = (rs: { networkId: string; accounts: string[] }[]) => [...rs].sort((a, b) => a.networkId.localeCompare(b.networkId));

  it('one refresh reads every account in ONE getBalances per network; the cache and the errors are per account', async () => {
    const r = rig([ACCOUNT_1, ACCOUNT_2, IMPORTED]);
    await r.portfolio.refresh();
    expect(byNetwork(r.requests)).toEqual([
      { networkId: 'eip155:31337', accounts: [EVM, EVM2] },
      { networkId: 'solana:localnet', accounts: [SOL, SOL2, SOL3] },
    ]);
    const cache = createBalanceCache(r.local);
    expect(await cache.get('solana:localnet', SOL3)).toEqual({ at: 1_000, balances: { native: 10n ** 18n + 1n, tokens: expect.any(Object) } });
    // Switching accounts paints the other account's balances from the cache: no request.
    r.select('hd:1');
    const second = await r.portfolio.cached();
    expect(second.networks.map((n) => [n.networkId, n.address, n.at, n.assets[0]!.amount])).toEqual([
      ['eip155:31337', EVM2, 1_000, '1000000000000000001'], ['solana:localnet', SOL2, 1_000, '1000000000000000001']]);
    expect(r.requests).toHaveLength(2);

    // A failing network: one request, and every account on it gets the error; the other network is untouched.
    r.tick(300_000);
    r.failing.add('eip155:31337');
    r.requests.length = 0;
    const v = await r.portfolio.refresh();
    expect(byNetwork(r.requests)).toEqual([
      { networkId: 'eip155:31337', accounts: [EVM, EVM2] },
      { networkId: 'solana:localnet', accounts: [SOL, SOL2, SOL3] },
    ]);
    expect(v.networks.map((n) => [n.networkId, n.at, n.error ?? null])).toEqual([
      ['eip155:31337', 1_000, { code: 1104, message: 'All RPC endpoints failed' }], ['solana:localnet', 301_000, null]]);
    expect(await r.local.get(statusKey('eip155:31337', EVM))).toEqual({ code: 1104, message: 'All RPC endpoints failed', at: 301_000 });
    expect(await r.local.get(statusKey('eip155:31337', EVM2))).toEqual({ code: 1104, message: 'All RPC endpoints failed', at: 301_000 });
    r.select('hd:0');
    expect((await r.portfolio.cached()).networks[0]!.error).toEqual({ code: 1104, message: 'All RPC endpoints failed' });
    r.failing.clear();
    await r.portfolio.refresh();
    expect([await r.local.get(statusKey('eip155:31337', EVM)), await r.local.get(statusKey('eip155:31337', EVM2))]).toEqual([undefined, undefined]);
  });

  it('each account\'s USD total counts its priced mainnet assets only; none priced → no total', async () => {
    const r = rig([ACCOUNT_1, ACCOUNT_2, IMPORTED]);
    await r.registry.setEnabled('eip155:1', true);
    r.held.set(`eip155:1 ${EVM} ETH`, 1_500_000_000_000_000_000n); // 1.5 ETH × $2000 = $3000
    r.held.set(`eip155:1 ${EVM} USDC`, 250_250_000n); // 250.25 USDC × $1
    r.held.set(`eip155:1 ${EVM} DAI`, 7n * 10n ** 18n); // no DAI price: not counted (nor USDT, WETH)
    r.held.set(`eip155:1 ${EVM2} ETH`, 250_000_000_000_000_000n); // 0.25 ETH × $2000 = $500
    r.held.set(`eip155:1 ${EVM2} USDC`, 0n);
    // Nothing read yet: no total for anyone, and no request.
    expect(await r.portfolio.cachedTotals()).toEqual({ accounts: [
      { accountId: 'hd:0', priced: false }, { accountId: 'hd:1', priced: false }, { accountId: 'imported:sol', priced: false }] });
    expect(r.requests).toEqual([]);

    await r.portfolio.refresh();
    expect(byNetwork(r.requests)).toEqual([
      { networkId: 'eip155:1', accounts: [EVM, EVM2] },
      { networkId: 'eip155:31337', accounts: [EVM, EVM2] },
      { networkId: 'solana:localnet', accounts: [SOL, SOL2, SOL3] },
    ]);
    expect(r.priceUrls.map((u) => new URL(u).searchParams.get('ids'))).toEqual(['dai,ethereum,tether,usd-coin,weth']);
    // Localnet ETH and SOL (10^18 + 1 base units each) never count, although the price API knows ethereum and solana.
    expect(await r.portfolio.cachedTotals()).toEqual({ accounts: [
      { accountId: 'hd:0', usd: 3250.25, priced: true },
      { accountId: 'hd:1', usd: 500, priced: true },
      { accountId: 'imported:sol', priced: false },
    ] });

    await updateUiSettings(r.local, { pricesEnabled: false });
    expect((await r.portfolio.cachedTotals()).accounts.map((a) => a.usd)).toEqual([undefined, undefined, undefined]);
  });

  it('the combined holdings add up every account per asset (the Overview\'s holdings)', async () => {
    const r = rig([ACCOUNT_1, ACCOUNT_2, IMPORTED]);
    await r.registry.setEnabled('eip155:1', true);
    r.held.set(`eip155:1 ${EVM} ETH`, 1_500_000_000_000_000_000n);
    r.held.set(`eip155:1 ${EVM} USDC`, 250_250_000n);
    r.held.set(`eip155:1 ${EVM2} ETH`, 250_000_000_000_000_000n);
    r.held.set(`eip155:1 ${EVM2} USDC`, 0n);
    expect((await r.portfolio.cachedCombined()).networks.map((n) => [n.networkId, n.at, n.assets[0]!.amount])).toEqual([
      ['eip155:1', null, null], ['eip155:31337', null, null], ['solana:localnet', null, null]]);
    await r.portfolio.refresh();
    const v = await r.portfolio.cachedCombined();
    expect(v.accountId).toBe('hd:0');
    const amounts = Object.fromEntries(v.networks.map((n) => [n.networkId, [n.address, n.at, Object.fromEntries(n.assets.map((a) => [a.symbol, a.amount]))]]));
    expect(amounts).toEqual({
      'eip155:1': [EVM, 1_000, { ETH: '1750000000000000000', USDC: '250250000', USDT: '10', DAI: '10', WETH: '10' }],
      'eip155:31337': [EVM, 1_000, { ETH: '2000000000000000002', mUSD: '10', mWETH: '10' }],
      'solana:localnet': [SOL, 1_000, { SOL: '3000000000000000003', mUSD: '15', mUSD22: '15' }],
    });
    expect(v.networks[0]!.assets[0]!.priceUsd).toBe(2000);
  });
});
