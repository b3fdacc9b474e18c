// Issue 9 item 8: wallet_addEthereumChain contacts the proposed RPC only after the user approved; loopback and
// private-network RPC URLs only from a loopback page (or the user in Settings); plain http only for loopback.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { numberToHex } from 'viem';
import { hostClass } from '../../../../../src/chains/hostClass';
import { CUSTOM_NETWORKS_KEY } from '../../../../../src/background/stores/customNetworkStore';
import { validateCustomEvmNetwork } from '../../../../../src/chains/validateCustomNetwork';
import { fetchFromNode, makeDappEnv } from '../../dapp/dappEnv';

const CHAIN_ID = 424242;
const add = (rpcUrl: string) => [{ chainId: numberToHex(CHAIN_ID), chainName: 'Proposed', rpcUrls: [rpcUrl], nativeCurrency: { name: 'Test Ether', symbol: 'TETH', decimals: 18 } }];
const node = (chainId: number) => fetchFromNode(({ method }) => {
  if (method === 'eth_chainId') return numberToHex(chainId);
  if (method === 'eth_getCode') return '0x';
  throw new Error(`unexpected ${method}`);
});

afterEach(() => { vi.unstubAllGlobals(); });

describe('wallet_addEthereumChain reaches the proposed RPC only after approval', () => {
  it('rejected: the proposed RPC is never contacted', async () => {
    const fetch = node(CHAIN_ID);
    vi.stubGlobal('fetch', fetch); // whichever fetch the wallet would use, it must not be called
    const env = await makeDappEnv({ fetch });
    expect(await env.call('wallet_addEthereumChain', add('https://rpc.proposed.example/'))).toMatchObject({ error: { code: 4001 } });
    expect(env.asked).toHaveLength(1);
    expect(env.asked[0]?.details).toMatchObject({ rpcUrls: ['https://rpc.proposed.example/'], nativeCurrency: { symbol: 'TETH', decimals: 18 }, checkedAfterApproval: true });
    expect(fetch.urls).toEqual([]);
  });

  it('approved but the endpoint reports another chain: -32602 with the reason, nothing saved, network unchanged', async () => {
    const fetch = node(1);
    const env = await makeDappEnv({ fetch });
    env.state.decide = () => ({ approved: true });
    const r = await env.call('wallet_addEthereumChain', add('https://rpc.proposed.example/'));
    expect(r).toMatchObject({ error: { code: -32602 } });
    expect('error' in r && r.error.message).toMatch(/^The network could not be added: /);
    expect(fetch.urls.length).toBeGreaterThan(0);
    expect(await env.local.get(CUSTOM_NETWORKS_KEY)).toBeUndefined();
    expect(await env.call('eth_chainId')).toMatchObject({ result: '0x7a69' });
  });
});

describe('RPC URL policy for pages', () => {
  const cases: Array<[string, string, string]> = [
    ['https://dapp.example', 'http://rpc.proposed.example/', 'RPC URLs must use https (plain http only on this computer).'],
    ['https://dapp.example', 'http://192.168.1.10:8545/', 'RPC URLs must use https (plain http only on this computer).'],
    ['https://dapp.example', 'https://192.168.1.10:8545/', 'A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.'],
    ['https://dapp.example', 'https://10.0.0.5/', 'A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.'],
    ['https://dapp.example', 'https://router.local/', 'A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.'],
    ['https://dapp.example', 'http://127.0.0.1:8545/', 'A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.'],
    ['https://dapp.example', 'https://[::1]:8545/', 'A site cannot add a network on this computer or on your local network. Add it in Settings → Networks instead.'],
    ['https://dapp.example', 'ftp://rpc.proposed.example/', 'RPC URLs must use https.'],
    ['https://dapp.example', 'https://user:pw@rpc.proposed.example/', 'RPC URLs must not carry credentials.'],
    ['http://127.0.0.1:5173', 'https://10.0.0.5/', ''],
    ['http://localhost:3000', 'http://127.0.0.1:8545/', ''],
  ];
  it.each(cases)('a page at %s proposing %s', async (origin, url, refusal) => {
    const fetch = node(CHAIN_ID);
    const env = await makeDappEnv({ fetch, origin });
    const r = await env.call('wallet_addEthereumChain', add(url));
    if (refusal) {
      expect(r).toMatchObject({ error: { code: -32602, message: refusal } });
      expect(env.asked).toEqual([]);
    } else {
      expect(r).toMatchObject({ error: { code: 4001 } }); // it reached the approval window (the fake rejects)
      expect(env.asked).toHaveLength(1);
    }
    expect(fetch.urls).toEqual([]);
  });

  it('hostClass', () => {
    const table: Record<string, string> = {
      localhost: 'loopback', 'a.localhost': 'loopback', '127.0.0.1': 'loopback', '127.9.9.9': 'loopback', '[::1]': 'loopback', '::ffff:127.0.0.1': 'loopback',
      '10.1.2.3': 'private', '172.16.0.1': 'private', '172.31.255.255': 'private', '192.168.0.1': 'private', '169.254.1.1': 'private', '100.64.0.1': 'private',
      '0.0.0.0': 'private', 'fd00::1': 'private', 'fe80::1': 'private', 'nas.local': 'private', 'intranet': 'private', 'x.internal': 'private',
      '172.32.0.1': 'public', '8.8.8.8': 'public', 'rpc.example.com': 'public', '2001:db8::1': 'public', '256.1.1.1': 'public',
    };
    expect(Object.fromEntries(Object.keys(table).map((h) => [h, hostClass(h)]))).toEqual(table);
  });
});

describe('Settings: plain http only for this computer', () => {
  it('refuses http to a LAN host (1113) and accepts http on loopback', async () => {
    await expect(validateCustomEvmNetwork({ family: 'evm', name: 'LAN', chainId: CHAIN_ID, rpcUrls: ['http://192.168.1.10:8545'] }, { fetch: node(CHAIN_ID) }))
      .rejects.toMatchObject({ code: 1113, data: { reason: 'http' } });
    await expect(validateCustomEvmNetwork({ family: 'evm', name: 'Local', chainId: CHAIN_ID, rpcUrls: ['http://127.0.0.1:8545'] }, { fetch: node(CHAIN_ID) }))
      .resolves.toMatchObject({ chainId: CHAIN_ID, rpcUrls: ['http://127.0.0.1:8545'] });
  });
});
