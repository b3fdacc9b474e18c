import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createCustomNetworkStore } from '../../../../src/background/stores/customNetworkStore';
import { createNetworkRegistry, withRpcOverrides } from '../../../../src/background/portfolio/networkRegistry';
import { createPriceService, coinIdFor } from '../../../../src/background/portfolio/prices';
import { createAddressBook } from '../../../../src/background/portfolio/addressBook';
import { checkPriceApiUrl, readUiSettings, updateUiSettings } from '../../../../src/background/portfolio/uiSettings';
import { createTokenList } from '../../../../src/background/portfolio/tokenList';
import { explorerTxUrl } from '../../../../src/background/portfolio/activity';
import { getBuiltinNetwork } from '../../../../src/chains/networks';
import type { FetchLike } from '../../../../src/chains/rpcTransport';

/** A JSON-RPC endpoint answering eth_chainId with `chainId` (and no Multicall3 code). */
const evmFetch = (chainId: number): FetchLike => async (_url, init) => {
  const body = JSON.parse(init.body) as Array<{ id: number; method: string }>;
  const out = body.map((c) => ({ jsonrpc: '2.0', id: c.id, result: c.method === 'eth_chainId' ? `0x${chainId.toString(16)}` : '0x' }));
  return { ok: true, status: 200, text: async () => JSON.stringify(out) };
};

describe('network registry', () => {
  it('edits RPC URLs only after the endpoint proves the chain id; the edit applies to every consumer; empty restores', async () => {
    const local = createMemoryStorage();
    const store = createCustomNetworkStore(local);
    const reg = createNetworkRegistry(local, store, { fetch: evmFetch(31337) });
    await reg.setRpcUrls('eip155:31337', ['http://127.0.0.1:9999']);
    expect((await reg.get('eip155:31337')).rpcUrls).toEqual(['http://127.0.0.1:9999']);
    expect((await withRpcOverrides(store, local).all()).find((n) => n.id === 'eip155:31337')!.rpcUrls).toEqual(['http://127.0.0.1:9999']);
    await expect(createNetworkRegistry(local, store, { fetch: evmFetch(1) }).setRpcUrls('eip155:31337', ['http://127.0.0.1:9998'])).rejects.toMatchObject({ code: 1106 });
    expect((await reg.get('eip155:31337')).rpcUrls).toEqual(['http://127.0.0.1:9999']);
    await reg.setRpcUrls('eip155:31337', []);
    expect((await reg.get('eip155:31337')).rpcUrls).toEqual(getBuiltinNetwork('eip155:31337')!.rpcUrls);
  });

  it('shows the Localnets by default; networks can be turned on and off', async () => {
    const local = createMemoryStorage();
    const reg = createNetworkRegistry(local, createCustomNetworkStore(local));
    expect((await reg.enabled()).map((n) => n.id)).toEqual(['eip155:31337', 'solana:localnet']);
    await reg.setEnabled('eip155:1', true);
    await reg.setEnabled('solana:localnet', false);
    expect((await reg.enabled()).map((n) => n.id)).toEqual(['eip155:1', 'eip155:31337']);
    await expect(reg.setEnabled('eip155:424242', true)).rejects.toMatchObject({ code: 1010 });
  });
});

describe('prices', () => {
  it('asks by coin ids only, caches, and keeps old prices when the API fails', async () => {
    const local = createMemoryStorage();
    let t = 1000;
    const urls: string[] = [];
    let fail = false;
    const svc = createPriceService(local, () => t, async (url) => { urls.push(url); if (fail) throw new Error('down'); return { ethereum: { usd: 2000 }, solana: { usd: 100 } }; });
    const p = await svc.refresh('https://api.example/api/v3/', ['solana', 'ethereum', 'ethereum', '0xdead/../x']);
    expect(urls).toEqual(['https://api.example/api/v3/simple/price?ids=ethereum,solana&vs_currencies=usd']);
    expect(p.usd).toEqual({ ethereum: 2000, solana: 100 });
    await svc.refresh('https://api.example/api/v3', ['ethereum']);
    expect(urls.length).toBe(1); // fresh cache
    t += 120_000;
    fail = true;
    expect((await svc.refresh('https://api.example/api/v3', ['ethereum'])).usd.ethereum).toBe(2000);
  });

  it('maps networks and tokens to coin ids (none on testnets)', () => {
    expect(coinIdFor(getBuiltinNetwork('eip155:1')!)).toBe('ethereum');
    const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
    expect(coinIdFor(getBuiltinNetwork('eip155:1')!, { symbol: 'USDC', address: USDC })).toBe('usd-coin');
    expect(coinIdFor(getBuiltinNetwork('eip155:1')!, { symbol: 'USDC', address: USDC.toLowerCase() })).toBe('usd-coin');
  });

  it('never prices a token by its symbol alone: a custom token calling itself USDC gets no price', () => {
    const fake = '0x1111111111111111111111111111111111111111';
    expect(coinIdFor(getBuiltinNetwork('eip155:1')!, { symbol: 'USDC', address: fake })).toBeUndefined();
    // The USDC address of mainnet, on Base, is not Base's USDC.
    expect(coinIdFor(getBuiltinNetwork('eip155:8453')!, { symbol: 'USDC', address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' })).toBeUndefined();
    expect(coinIdFor(getBuiltinNetwork('eip155:11155111')!)).toBeUndefined();
    expect(coinIdFor(getBuiltinNetwork('solana:devnet')!)).toBeUndefined();
  });

  it('price API URL: HTTPS, or http only on loopback; no query', async () => {
    expect(checkPriceApiUrl('https://api.coingecko.com/api/v3/')).toBe('https://api.coingecko.com/api/v3');
    expect(checkPriceApiUrl('http://127.0.0.1:5000/api/v3')).toBe('http://127.0.0.1:5000/api/v3');
    expect(() => checkPriceApiUrl('http://prices.example/api')).toThrow(/HTTPS/);
    expect(() => checkPriceApiUrl('https://x.example/api?key=1')).toThrow(/plain/);
    const local = createMemoryStorage();
    expect((await readUiSettings(local)).pricesEnabled).toBe(true);
    expect((await updateUiSettings(local, { pricesEnabled: false, language: 'zh_CN' }))).toMatchObject({ pricesEnabled: false, language: 'zh_CN' });
  });
});

describe('address book, tokens, explorer links', () => {
  it('saves canonical addresses (EIP-55) and refuses bad ones', async () => {
    const book = createAddressBook(createMemoryStorage(), () => 'id1');
    const e = await book.save({ name: '  Alice  ', address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' });
    expect(e).toEqual({ id: 'id1', name: 'Alice', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', family: 'evm' });
    await expect(book.save({ name: 'Bad', address: '0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266' })).rejects.toMatchObject({ code: 1100 });
    await expect(book.save({ name: '', address: 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96' })).rejects.toMatchObject({ code: -32602 });
  });

  it('hides and re-adds tokens', async () => {
    const local = createMemoryStorage();
    const tl = createTokenList(local);
    const addr = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    await tl.setHidden('eip155:31337', addr, true);
    expect((await tl.visible('eip155:31337')).map((t) => t.address)).not.toContain(addr);
    await tl.add('eip155:31337', { address: addr, symbol: 'mUSD', decimals: 6 });
    expect((await tl.visible('eip155:31337')).map((t) => t.address)).toContain(addr);
  });

  it('explorer links from network metadata, none for the Localnets', () => {
    expect(explorerTxUrl(getBuiltinNetwork('eip155:1')!, '0xabc')).toBe('https://etherscan.io/tx/0xabc');
    expect(explorerTxUrl(getBuiltinNetwork('solana:devnet')!, 'sig')).toBe('https://explorer.solana.com/tx/sig?cluster=devnet');
    expect(explorerTxUrl(getBuiltinNetwork('eip155:31337')!, '0xabc')).toBeUndefined();
    expect(explorerTxUrl(getBuiltinNetwork('solana:localnet')!, 'sig')).toBeUndefined();
  });
});
