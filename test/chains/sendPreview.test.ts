// Issue 8: the popup's own sends show "What happens" before signing — simulated on the network's RPC (Hardhat:
// the in-worker EVM; anvil: eth_simulateV1; litesvm: simulateTransaction), with the exact amounts that then land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, erc20Abi, http, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEMO_PHRASE } from '../fixtures/demo';
import { Connection, PublicKey } from '@solana/web3.js';
import {
  EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS, startAnvilChain, startEvmChain, startSolanaChain, type EvmChain, type SolanaChain,
} from '../../scripts/chains/index';
import { getFreePort } from '../../scripts/chains/util';
import { createMemoryStorage } from '../../src/background/storageArea';
import { createActivity } from '../../src/background/portfolio/activity';
import { createAdapterCache } from '../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../src/background/portfolio/networkRegistry';
import { createSendService } from '../../src/background/portfolio/send';
import type { TokenList } from '../../src/background/portfolio/tokenList';
import type { Network, Token } from '../../src/chains/ChainAdapter';
import { createActivityStore } from '../../src/background/stores/activityStore';
import { getBuiltinNetwork } from '../../src/chains/networks';

let hardhat: EvmChain;
let anvil: EvmChain;
let sol: SolanaChain;
beforeAll(async () => {
  [hardhat, anvil, sol] = await Promise.all([
    startEvmChain({ port: await getFreePort() }), startAnvilChain({ port: await getFreePort() }), startSolanaChain({ port: await getFreePort() }),
  ]);
});
afterAll(async () => { await Promise.all([hardhat?.stop(), anvil?.stop(), sol?.stop()]); });

function service(network: Network, own: string[], tokens: Token[] = []) {
  const local = createMemoryStorage();
  const store = createActivityStore(local);
  const registry = { get: async () => network, networks: { all: async () => [network] } } as unknown as NetworkRegistry;
  const adapters = createAdapterCache({ activity: store, now: Date.now });
  const activity = createActivity({ local, now: Date.now, store, registry, adapters });
  return createSendService({
    now: Date.now, newId: () => crypto.randomUUID(), registry, adapters, activity,
    tokens: { find: async (_n: string, a: string) => tokens.find((t) => t.address === a) } as unknown as TokenList,
    ownsAddress: async () => true, ownAddresses: async () => own, keyFor: async () => { throw new Error('not signing'); },
  });
}

describe('send review: What happens', () => {
  for (const node of ['hardhat', 'anvil'] as const) {
    it(`EVM on ${node}: ETH and mUSD sends show the exact value and token changes at a block, before anything is signed`, async () => {
      const chain = node === 'hardhat' ? hardhat : anvil;
      const network = { ...getBuiltinNetwork('eip155:31337')!, rpcUrls: [chain.url] } as Network;
      const [from, to] = [EVM_DEMO_ACCOUNTS[3] as Hex, EVM_DEMO_ACCOUNTS[4] as Hex];
      const usd: Token = { address: EVM_DEMO_USD.address, symbol: 'mUSD', decimals: 6 };
      const send = service(network, [from, to], [usd]);
      const eth = await send.prepare({ networkId: network.id, from, to, amount: '1.25', feeTier: 'normal' });
      expect(eth.whatHappens).toMatchObject({
        simulated: true, engine: node === 'hardhat' ? 'in-worker-evm' : 'eth_simulateV1', rpcHost: new URL(chain.url).host,
        changes: [
          { account: from, asset: 'native', symbol: 'ETH', delta: '-1250000000000000000' },
          { account: to, asset: 'native', symbol: 'ETH', delta: '1250000000000000000' },
        ],
      });
      const block = await createPublicClient({ transport: http(chain.url) }).getBlockNumber();
      expect(eth.whatHappens && eth.whatHappens.simulated && BigInt(eth.whatHappens.at)).toBe(block);
      const tok = await send.prepare({ networkId: network.id, from, to, token: usd.address, amount: '2.5', feeTier: 'normal' });
      expect(tok.whatHappens).toMatchObject({ simulated: true, changes: [
        { account: from, asset: 'token', token: usd.address, delta: '-2500000' },
        { account: to, asset: 'token', token: usd.address, delta: '2500000' },
      ] });
      expect(await createPublicClient({ transport: http(chain.url) }).readContract({ address: usd.address as Hex, abi: erc20Abi, functionName: 'balanceOf', args: [from] }))
        .toBe(EVM_DEMO_USD.initialBalance); // nothing was sent
    });
  }

  it('Solana: a SOL send shows the exact lamports including the fee, at a slot', async () => {
    const network = { ...getBuiltinNetwork('solana:localnet')!, rpcUrls: [sol.url] } as Network;
    const [from, to] = [SOLANA_DEMO_ACCOUNTS[3] as string, SOLANA_DEMO_ACCOUNTS[4] as string];
    const send = service(network, [from]);
    const p = await send.prepare({ networkId: network.id, from, to, amount: '0.5', feeTier: 'normal' });
    const fee = BigInt(p.fee.amount);
    expect(p.whatHappens).toMatchObject({ simulated: true, engine: 'simulateTransaction', changes: [{ account: from, asset: 'native', symbol: 'SOL', delta: (-(500_000_000n + fee)).toString() }] });
    expect(BigInt(await new Connection(sol.url, 'confirmed').getBalance(new PublicKey(from)))).toBe(100n * 10n ** 9n);
  });
});

describe('send Confirm: re-simulated on a newer block', () => {
  it('a result that changed (the balance went meanwhile) is refused with 1114 and the new preview, nothing signed; confirming again with no newer block goes on to sign', async () => {
    const network = { ...getBuiltinNetwork('eip155:31337')!, rpcUrls: [hardhat.url] } as Network;
    const [from, to] = [EVM_DEMO_ACCOUNTS[5] as Hex, EVM_DEMO_ACCOUNTS[6] as Hex];
    const usd: Token = { address: EVM_DEMO_USD.address, symbol: 'mUSD', decimals: 6 };
    const send = service(network, [from], [usd]);
    const client = createPublicClient({ transport: http(hardhat.url) });
    const whole = await client.readContract({ address: usd.address as Hex, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
    const p = await send.prepare({ networkId: network.id, from, to, token: usd.address, amount: (Number(whole) / 1e6).toString(), feeTier: 'normal' });
    expect(p.whatHappens).toMatchObject({ simulated: true, changes: [{ account: from, delta: `-${whole}` }] });
    const was = p.whatHappens!.simulated ? p.whatHappens!.at : '';
    // The same account spends 1 unit elsewhere (a new block): the reviewed transfer of the whole balance would fail now.
    const wallet = createWalletClient({ account: mnemonicToAccount(DEMO_PHRASE, { addressIndex: 5 }), transport: http(hardhat.url) });
    await client.waitForTransactionReceipt({ hash: await wallet.writeContract({ chain: null, address: usd.address as Hex, abi: erc20Abi, functionName: 'transfer', args: [to, 1n] }) });
    const nonce = await client.getTransactionCount({ address: from });
    const err = await send.confirm(p.draftId).then(() => null, (e: unknown) => e) as { code: number; data: { at: string; was: string; whatHappens: { willFail?: string; at: string } } };
    expect(err.code).toBe(1114);
    expect(err.data.was).toBe(was);
    expect(BigInt(err.data.at)).toBe(BigInt(was) + 1n);
    expect(err.data.whatHappens).toMatchObject({ simulated: true, at: err.data.at, willFail: 'ERC20: transfer amount exceeds balance' });
    expect(await client.getTransactionCount({ address: from })).toBe(nonce); // nothing signed or sent
    // Confirm again, no newer block: the draft (kept, with the new preview) goes on to signing (this test's key source
    // refuses to sign, which is what proves it got there).
    await expect(send.confirm(p.draftId)).rejects.toThrow('not signing');
  });
});
