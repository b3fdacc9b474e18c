// The dapp pipeline end to end in Node. Every test builds its own environment (dappEnv.ts), so any order works.
import { describe, expect, it } from 'vitest';
import { recoverMessageAddress, verifyTypedData } from 'viem';
import { createDappRouter, originOfSender } from '../../../../src/background/dapp/router';
import { CUSTOM_NETWORKS_KEY } from '../../../../src/background/stores/customNetworkStore';
import { RpcUnavailableError } from '../../../../src/chains/errors';
import type { FetchLike } from '../../../../src/chains/rpcTransport';
import eip712 from '../../../vectors/eip712.json' with { type: 'json' };
import { EVM0, EVM1, ORIGIN, codeOf as err, errorOf, makeDappEnv, resultOf as res } from './dappEnv';

describe('origin', () => {
  it('comes from the port sender: http(s) only', () => {
    expect(originOfSender({ origin: 'https://a.example', url: 'https://a.example/x' })).toBe('https://a.example');
    expect(originOfSender({ url: 'http://127.0.0.1:3000/page?q=1' })).toBe('http://127.0.0.1:3000');
    expect(originOfSender({ origin: 'null', url: 'about:blank' })).toBeNull();
    expect(originOfSender({ url: 'chrome-extension://abc/popup.html' })).toBeNull();
    expect(originOfSender({ url: 'file:///etc/passwd' })).toBeNull();
    expect(originOfSender(undefined)).toBeNull();
  });
});

describe('router', () => {
  it('answers nothing without an id, and -32600 to a request of the wrong shape', async () => {
    const { route, ctx } = await makeDappEnv();
    expect(await route(null, ctx)).toBeNull();
    expect(await route({ method: 'eth_chainId' }, ctx)).toBeNull();
    expect(await route({ id: 'x'.repeat(65), family: 'evm', method: 'eth_chainId' }, ctx)).toBeNull();
    expect(err((await route({ id: 'a', family: 'bitcoin', method: 'eth_chainId' }, ctx))!)).toBe(-32600);
    expect(err((await route({ id: 'a', family: 'evm', method: 42 }, ctx))!)).toBe(-32600);
  });

  it('-32601 for unknown methods (including prototype names), 4200 for eth_sign', async () => {
    const env = await makeDappEnv();
    for (const m of ['eth_foo', '__proto__', 'constructor', 'toString']) expect(err(await env.call(m))).toBe(-32601);
    expect(err(await env.call('eth_sign', [EVM0, '0x00']))).toBe(4200);
    expect(env.asked).toHaveLength(0);
  });

  it('eth_chainId / net_version / eth_accounts without connection', async () => {
    const env = await makeDappEnv();
    expect(res(await env.call('eth_chainId'))).toBe('0x7a69');
    expect(res(await env.call('net_version'))).toBe('31337');
    expect(res(await env.call('eth_accounts'))).toEqual([]);
  });

  it('4100 before any approval when an unconnected site asks for a signature', async () => {
    const env = await makeDappEnv();
    expect(err(await env.call('personal_sign', ['0x68656c6c6f', EVM0]))).toBe(4100);
    expect(err(await env.call('eth_sendTransaction', [{ from: EVM0, to: EVM0 }]))).toBe(4100);
    expect(err(await env.call('solana:signMessage', { account: 'x', message: 'aGk=' }, 'solana'))).toBe(4100);
    expect(env.asked).toHaveLength(0);
  });

  it('a rejected connect is 4001 and grants nothing; an approved one grants the chosen accounts and emits', async () => {
    const env = await makeDappEnv();
    expect(err(await env.call('eth_requestAccounts'))).toBe(4001);
    expect(await env.ctx.permissions.get(ORIGIN, 'evm')).toBeNull();
    env.state.decide = () => ({ approved: true, accounts: [EVM0, '0x0000000000000000000000000000000000000001'] });
    // Dapps get lower-case addresses, as from MetaMask (metamaskCompat.test.ts).
    expect(res(await env.call('eth_requestAccounts'))).toEqual([EVM0.toLowerCase()]);
    expect(env.asked.at(-1)).toMatchObject({ origin: ORIGIN, kind: 'connect', family: 'evm' });
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:accountsChanged', data: [EVM0.toLowerCase()] }]);
    expect(res(await env.call('eth_accounts'))).toEqual([EVM0.toLowerCase()]);
    expect(res(await env.call('eth_requestAccounts'))).toEqual([EVM0.toLowerCase()]); // already connected: no second window
    expect(env.asked).toHaveLength(2);
  });

  it('personal_sign signs exactly what was shown; a request for another account is 4100', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    env.state.decide = () => ({ approved: true });
    const sig = res(await env.call('personal_sign', ['0xe4bda0e5a5bd', EVM0])) as `0x${string}`;
    expect(env.asked.at(-1)).toMatchObject({ kind: 'personal-sign', account: EVM0, details: { text: '你好' } });
    expect(await recoverMessageAddress({ message: '你好', signature: sig })).toBe(EVM0);
    expect(err(await env.call('personal_sign', ['0x00', EVM1]))).toBe(4100);
    env.state.decide = () => ({ approved: false });
    expect(err(await env.call('personal_sign', ['0x00', EVM0]))).toBe(4001);
    expect(err(await env.call('personal_sign', [{}, EVM0]))).toBe(-32602);
  });

  it('eth_signTypedData_v4: the Mail example for chain 1 is refused on chain 31337 (-32602, no window); for the current chain it signs', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    env.state.decide = () => ({ approved: true });
    const mail = eip712.vectors.find((v) => v.id === 'eip712-spec-mail')!.typed_data;
    const foreign = await env.call('eth_signTypedData_v4', [EVM0, JSON.stringify(mail)]);
    expect(foreign).toMatchObject({ error: { code: -32602, message: 'Provided chainId "1" must match the active chainId "31337".' } });
    expect(env.asked).toEqual([]);
    const here = { ...mail, domain: { ...(mail as { domain: object }).domain, chainId: 31337 } };
    const sig = res(await env.call('eth_signTypedData_v4', [EVM0, JSON.stringify(here)])) as `0x${string}`;
    expect(await verifyTypedData({ address: EVM0, ...(here as object), signature: sig } as never)).toBe(true);
    expect(err(await env.call('eth_signTypedData_v4', [EVM0, '{not json']))).toBe(-32602);
  });

  it('wallet_switchEthereumChain: 4902 for an unknown chain, -32602 for a malformed id, chainChanged after approval', async () => {
    const env = await makeDappEnv();
    expect(err(await env.call('wallet_switchEthereumChain', [{ chainId: '0x999999' }]))).toBe(4902);
    expect(err(await env.call('wallet_switchEthereumChain', [{ chainId: '0x01' }]))).toBe(-32602);
    expect(err(await env.call('wallet_switchEthereumChain', []))).toBe(-32602);
    env.state.decide = () => ({ approved: true });
    expect(res(await env.call('wallet_switchEthereumChain', [{ chainId: '0xaa36a7' }]))).toBeNull();
    expect(res(await env.call('eth_chainId'))).toBe('0xaa36a7');
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:chainChanged', data: '0xaa36a7' }]);
  });

  it('wallet_revokePermissions removes the connection and emits accountsChanged []', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    expect(res(await env.call('eth_accounts'))).toEqual([EVM0.toLowerCase()]);
    expect(res(await env.call('wallet_revokePermissions', [{ eth_accounts: {} }]))).toBeNull();
    expect(env.events).toEqual([[ORIGIN, { event: 'evm:accountsChanged', data: [] }]]);
    expect(res(await env.call('eth_accounts'))).toEqual([]);
    expect(res(await env.call('wallet_getPermissions'))).toEqual([]);
  });

  it('rate limits per origin with -32005', async () => {
    const env = await makeDappEnv();
    const tight = createDappRouter({ now: () => 0, burst: 3, perSecond: 0 });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const r = (await tight({ id: `t${i}`, family: 'evm', method: 'eth_chainId' }, env.ctx))!;
      codes.push('error' in r ? r.error.code : 'ok');
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', -32005, -32005]);
  });
});

describe('errors toward the page', () => {
  it('an uncoded internal failure reaches the page as a bare -32603 "Internal error", its message withheld', async () => {
    const env = await makeDappEnv();
    env.ctx.permissions.get = async () => { throw new Error('storage read failed at key vault 0xdeadbeef'); };
    expect(errorOf(await env.call('personal_sign', ['0x00', EVM0]))).toEqual({ code: -32603, message: 'Internal error' });
  });

  it('an RPC outage reaches the page as -32603 with the wallet code and the reasons, every RPC URL (API key) cut', async () => {
    // What a page may see: the code says "internal", data.walletCode says "RPC unavailable" and the reasons (HTTP
    // status, timeout, fetch failure: written by the transport or fetch, no input echoed) tell the site to retry
    // later. The URLs are the user's and may carry an API key: none of them reaches the page.
    const fetch: FetchLike = async (url) => {
      if (url.includes('primary')) throw new TypeError('fetch failed');
      return { ok: false, status: 429, text: async () => 'rate limited' };
    };
    const env = await makeDappEnv({ fetch });
    const network = {
      family: 'evm', id: 'eip155:424242', chainId: 424242, name: 'Keyed RPC', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: ['https://primary.example/v3/SECRETKEY123', 'https://backup.example/rpc?apikey=SECRET2,region=(eu)'], testnet: false, custom: true,
    };
    await env.local.set({ [CUSTOM_NETWORKS_KEY]: [network], selectedNetworks: { evm: network.id } });
    const error = errorOf(await env.call('eth_blockNumber'));
    expect(JSON.stringify(error)).not.toMatch(/SECRET|primary|backup|example/);
    expect(error).toEqual({
      code: -32603,
      message: 'All RPC endpoints failed ([RPC URL] fetch failed; [RPC URL] HTTP 429)',
      data: { walletCode: RpcUnavailableError.code, detail: { reasons: ['[RPC URL] fetch failed', '[RPC URL] HTTP 429'] } },
    });
  });
});

describe('router: phishing origins', () => {
  it('a listed origin gets 4100 with reason phishing for every method, before any handler or window', async () => {
    const { createDappRouter } = await import('../../../../src/background/dapp/router');
    const env = await makeDappEnv();
    const seen: string[] = [];
    const route = createDappRouter({ now: () => 1, isBlockedOrigin: (o) => { seen.push(o); return o === env.ctx.origin; } });
    for (const method of ['eth_chainId', 'eth_requestAccounts', 'nope_unknown']) {
      expect(await route({ id: 'x', family: 'evm', method, params: [] }, env.ctx)).toEqual({
        id: 'x', error: { code: 4100, message: 'Meridian blocked this site: it is on a list of phishing sites or imitates a known site.', data: { reason: 'phishing' } },
      });
    }
    expect(env.asked).toEqual([]);
    expect(seen).toEqual([env.ctx.origin, env.ctx.origin, env.ctx.origin]);
    const other = createDappRouter({ now: () => 1, isBlockedOrigin: () => false });
    expect(await other({ id: 'y', family: 'evm', method: 'eth_chainId', params: [] }, env.ctx)).toEqual({ id: 'y', result: '0x7a69' });
  });
});
