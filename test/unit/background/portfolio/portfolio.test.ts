import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createCustomNetworkStore } from '../../../../src/background/stores/customNetworkStore';
import { createNetworkRegistry } from '../../../../src/background/portfolio/networkRegistry';
import { createPortfolio } from '../../../../src/background/portfolio/portfolio';
import { createPriceService } from '../../../../src/background/portfolio/prices';
import { createTokenList } from '../../../../src/background/portfolio/tokenList';
import { updateUiSettings } from '../../../../src/background/portfolio/uiSettings';
import { RpcUnavailableError } from '../../../../src/chains/errors';
import type { AdapterCache } from '../../../../src/background/portfolio/adapters';
import type { BalanceRequest, Network } from '../../../../src/chains/ChainAdapter';

const EVM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SOL = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';

function rig() {
  const local = createMemoryStorage();
  let t = 1_000;
  const failing = new Set<string>();
  const calls: string[] = [];
  const adapters = {
    get: (n: Network) => ({
      getBalances: async (req: BalanceRequest) => {
        calls.push(n.id);
        if (failing.has(n.id)) throw new RpcUnavailableError('All RPC endpoints failed (http://127.0.0.1:1: refused)');
        return { networkId: n.id, at: t, accounts: { [req.accounts[0]!]: { native: 10n ** 18n + 1n, tokens: Object.fromEntries(req.tokens.map((tk) => [tk.address, 5n])) } } };
      },
    }),
    clear: () => undefined,
  } as unknown as AdapterCache;
  const priceUrls: string[] = [];
  const portfolio = createPortfolio({
    local, now: () => t, registry: createNetworkRegistry(local, createCustomNetworkStore(local)), tokens: createTokenList(local), adapters,
    prices: createPriceService(local, () => t, async (u) => { priceUrls.push(u); return { ethereum: { usd: 2000 }, solana: { usd: 100 }, 'usd-coin': { usd: 1 } }; }),
    account: async () => ({ id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: EVM, solana: SOL }),
  });
  return { local, portfolio, failing, calls, priceUrls, tick: (ms: number) => { t += ms; } };
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
    expect(evm.assets[0]).toMatchObject({ symbol: 'ETH', amount: '1000000000000000001', priceUsd: 2000 });
    expect(evm.assets.find((a) => a.symbol === 'mUSD')).toMatchObject({ amount: '5', priceUsd: 1 });
    expect(r.priceUrls).toHaveLength(1);
    expect(r.priceUrls[0]).not.toMatch(/0x|[1-9A-HJ-NP-Za-km-z]{32}/);
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
