// wallet_watchAsset: the token is read from the contract, added once per network; asking again adds nothing.
import { describe, expect, it } from 'vitest';
import { watchedTokensKey } from '../../../../../src/background/dapp/watchedTokens';
import { ORIGIN, fakeEvmNode, makeDappEnv } from '../../dapp/dappEnv';

const USDC = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const tokens = { [USDC.toLowerCase()]: { symbol: 'USDC', decimals: 6, name: 'USD Coin' } };
const watch = (address: string, extra: Record<string, unknown> = {}) => ({ type: 'ERC20', options: { address, ...extra } });

async function setup() {
  const env = await makeDappEnv();
  env.state.node = fakeEvmNode({ tokens }).node;
  env.state.decide = () => ({ approved: true });
  return env;
}

describe('wallet_watchAsset', () => {
  it('stores the token as the contract describes it, after the user approved', async () => {
    const env = await setup();
    expect(await env.call('wallet_watchAsset', watch(USDC, { symbol: 'USDC', decimals: 6 }))).toMatchObject({ result: true });
    expect(env.asked).toHaveLength(1);
    expect(env.asked[0]).toMatchObject({ origin: ORIGIN, kind: 'watch-asset', warnings: [], details: { token: { address: USDC, symbol: 'USDC', decimals: 6, name: 'USD Coin' } } });
    expect(await env.local.get(watchedTokensKey('eip155:31337'))).toEqual([{ address: USDC, symbol: 'USDC', decimals: 6, name: 'USD Coin' }]);
  });

  it('the same token again (another letter case): true at once, no window, no contract read, no second entry', async () => {
    const env = await setup();
    expect(await env.call('wallet_watchAsset', watch(USDC))).toMatchObject({ result: true });
    const reads = env.rpcCalls.length;
    expect(await env.call('wallet_watchAsset', [watch(USDC.toLowerCase(), { symbol: 'FAKE' })])).toMatchObject({ result: true });
    expect(env.asked).toHaveLength(1);
    expect(env.rpcCalls).toHaveLength(reads);
    expect(await env.local.get(watchedTokensKey('eip155:31337'))).toEqual([{ address: USDC, symbol: 'USDC', decimals: 6, name: 'USD Coin' }]);
  });

  it('a rejected request stores nothing (4001), and the next request asks again', async () => {
    const env = await setup();
    env.state.decide = () => ({ approved: false });
    expect(await env.call('wallet_watchAsset', watch(USDC))).toMatchObject({ error: { code: 4001 } });
    expect(await env.local.get(watchedTokensKey('eip155:31337'))).toBeUndefined();
    env.state.decide = () => ({ approved: true });
    expect(await env.call('wallet_watchAsset', watch(USDC))).toMatchObject({ result: true });
    expect(env.asked).toHaveLength(2);
  });
});
