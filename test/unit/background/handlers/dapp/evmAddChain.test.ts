// wallet_addEthereumChain, success path: checked against its RPC, approved, stored, selected, chainChanged emitted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { numberToHex } from 'viem';
import { CUSTOM_NETWORKS_KEY } from '../../../../../src/background/stores/customNetworkStore';
import { MULTICALL3 } from '../../../../../src/chains/networks';
import { ORIGIN, fetchFromNode, makeDappEnv } from '../../dapp/dappEnv';

const CHAIN_ID = 424242;
const RPC = 'https://rpc.meridian-test.example/';
const params = [{
  chainId: numberToHex(CHAIN_ID), chainName: 'Meridian Test Chain', rpcUrls: [RPC],
  nativeCurrency: { name: 'Test Ether', symbol: 'TETH', decimals: 18 }, blockExplorerUrls: ['https://explorer.meridian-test.example'],
}];
const stored = {
  family: 'evm', id: `eip155:${CHAIN_ID}`, chainId: CHAIN_ID, name: 'Meridian Test Chain',
  nativeCurrency: { name: 'Test Ether', symbol: 'TETH', decimals: 18 }, rpcUrls: [RPC], testnet: false, custom: true,
  multicall3: MULTICALL3, blockExplorer: { name: 'Explorer', url: 'https://explorer.meridian-test.example' },
};

/** The chain's endpoint: its chain id, and Multicall3 deployed. */
const endpoint = () => fetchFromNode(({ method }) => {
  if (method === 'eth_chainId') return numberToHex(CHAIN_ID);
  if (method === 'eth_getCode') return '0x6080';
  throw new Error(`unexpected ${method}`);
});

async function setup() {
  const fetch = endpoint();
  // The handler checks the endpoint before asking (with the browser's fetch), the store again before saving.
  vi.stubGlobal('fetch', fetch);
  return { env: await makeDappEnv({ fetch }), fetch };
}
afterEach(() => { vi.unstubAllGlobals(); });

describe('wallet_addEthereumChain', () => {
  it('approved: stores the network with the exact fields, selects it without a second window, emits chainChanged once', async () => {
    const { env, fetch } = await setup();
    let savedWhileAsking: unknown = 'not asked';
    env.state.decide = async () => { savedWhileAsking = await env.local.get(CUSTOM_NETWORKS_KEY); return { approved: true }; };
    expect(await env.call('wallet_addEthereumChain', params)).toMatchObject({ result: null });
    expect(savedWhileAsking).toBeUndefined(); // nothing is saved before the user approves
    expect(env.asked).toHaveLength(1);
    expect(env.asked[0]).toMatchObject({
      origin: ORIGIN, kind: 'add-chain', network: { id: 'eip155:31337' },
      details: { name: 'Meridian Test Chain', chainId: CHAIN_ID, rpcUrls: [RPC], nativeCurrency: { name: 'Test Ether', symbol: 'TETH', decimals: 18 } },
      warnings: [{ level: 'warning', code: 'custom-network' }],
    });
    expect(await env.local.get(CUSTOM_NETWORKS_KEY)).toEqual([stored]);
    expect(await env.local.get('selectedNetworks')).toEqual({ evm: `eip155:${CHAIN_ID}`, solana: 'solana:localnet' });
    expect(await env.call('eth_chainId')).toMatchObject({ result: '0x67932' });
    expect(env.events).toEqual([[ORIGIN, { event: 'evm:chainChanged', data: '0x67932' }]]);
    expect(new Set(fetch.urls)).toEqual(new Set([RPC]));
  });

  it('rejected: 4001, nothing stored, the selected network unchanged, no event', async () => {
    const { env } = await setup();
    expect(await env.call('wallet_addEthereumChain', params)).toMatchObject({ error: { code: 4001 } });
    expect(await env.local.get(CUSTOM_NETWORKS_KEY)).toBeUndefined();
    expect(await env.call('eth_chainId')).toMatchObject({ result: '0x7a69' });
    expect(env.events).toEqual([]);
  });
});
