// Proves the local dev chains with independent clients: viem for the Hardhat node, @solana/web3.js + spl-token for litesvm.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, erc20Abi, getContractAddress, http, multicall3Abi, createWalletClient, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { Connection, Keypair, PublicKey, SendTransactionError, SystemProgram, Transaction } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAccount, getAssociatedTokenAddressSync, getMint } from '@solana/spl-token';
import {
  DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, EVM_DEMO_WETH, EVM_INITIAL_ETH_WEI, MULTICALL3_ADDRESS,
  SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT, SOLANA_GENESIS_HASH, SOLANA_INITIAL_LAMPORTS,
  startCountingProxy, startDevChains, type DevChains,
} from '../../scripts/chains/index';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';

let chains: DevChains;
let evmPid = 0;
const pk = (s: string) => new PublicKey(s);
const rpcCall = async (url: string, body: unknown): Promise<unknown> =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

beforeAll(async () => {
  chains = await startDevChains({ evmPort: await getFreePort(), solanaPort: await getFreePort() });
  evmPid = chains.evm.pid;
  console.log(`dev chains started: solana ${chains.startupMs.solana} ms, evm ${chains.startupMs.evm} ms`);
});
afterAll(async () => {
  await chains?.stop();
});

describe('EVM dev chain (hardhat node)', () => {
  const client = () => createPublicClient({ transport: http(chains.evm.url) });

  it('has chain id 31337, the documented accounts and 10,000 ETH on account 1', async () => {
    expect(await client().getChainId()).toBe(EVM_CHAIN_ID);
    EVM_DEMO_ACCOUNTS.forEach((a, i) => expect(mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: i }).address).toBe(a));
    expect(EVM_DEMO_ACCOUNTS[0]).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(await client().getBalance({ address: EVM_DEMO_ACCOUNTS[1] })).toBe(10_000n * 10n ** 18n);
    expect(EVM_INITIAL_ETH_WEI).toBe(10_000n * 10n ** 18n);
  });

  it('deploys the demo tokens at the CREATE addresses of account 0, nonces 0 and 1', () => {
    expect(getContractAddress({ from: EVM_DEMO_ACCOUNTS[0], nonce: 0n })).toBe(EVM_DEMO_USD.address);
    expect(getContractAddress({ from: EVM_DEMO_ACCOUNTS[0], nonce: 1n })).toBe(EVM_DEMO_WETH.address);
  });

  it('serves Multicall3.aggregate3 at the canonical address (viem ABI) with exact balances', async () => {
    const code = await client().getCode({ address: MULTICALL3_ADDRESS });
    expect(code && code.length).toBeGreaterThan(100);
    const holders = EVM_DEMO_ACCOUNTS.slice(0, 3);
    const results = await client().multicall({
      multicallAddress: MULTICALL3_ADDRESS,
      contracts: holders.map((h) => ({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf' as const, args: [h] as const })),
    });
    expect(results).toEqual(holders.map(() => ({ status: 'success', result: 1_000_000_000_000n })));
    const eth = await client().readContract({ address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getEthBalance', args: [EVM_DEMO_ACCOUNTS[1]] });
    expect(eth).toBe(10_000n * 10n ** 18n);
  });

  it('has ERC-20 metadata: mUSD 6 decimals, mWETH 18 decimals', async () => {
    const read = (address: Hex, functionName: 'decimals' | 'symbol' | 'name') => client().readContract({ address, abi: erc20Abi, functionName });
    expect(await read(EVM_DEMO_USD.address, 'decimals')).toBe(6);
    expect(await read(EVM_DEMO_USD.address, 'symbol')).toBe('mUSD');
    expect(await read(EVM_DEMO_USD.address, 'name')).toBe('Meridian Demo USD');
    expect(await read(EVM_DEMO_WETH.address, 'decimals')).toBe(18);
    expect(await client().readContract({ address: EVM_DEMO_WETH.address, abi: erc20Abi, functionName: 'balanceOf', args: [EVM_DEMO_ACCOUNTS[9]] })).toBe(100n * 10n ** 18n);
  });

  it('executes a locally signed ERC-20 transfer and counts requests through the proxy', async () => {
    const proxy = await startCountingProxy(chains.evm.url, 0);
    try {
      const account = mnemonicToAccount(DEMO_MNEMONIC, { addressIndex: 2 });
      const chain = { id: EVM_CHAIN_ID, name: 'Meridian local', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [proxy.url] } } };
      const wallet = createWalletClient({ account, chain, transport: http(proxy.url) });
      const hash = await wallet.writeContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'transfer', args: [EVM_DEMO_ACCOUNTS[3], 2_500_000n] });
      const pub = createPublicClient({ transport: http(proxy.url) });
      expect((await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 })).status).toBe('success');
      const bal = (a: Hex) => pub.readContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] });
      expect(await bal(EVM_DEMO_ACCOUNTS[2])).toBe(1_000_000_000_000n - 2_500_000n);
      expect(await bal(EVM_DEMO_ACCOUNTS[3])).toBe(1_000_000_000_000n + 2_500_000n);
      proxy.reset();
      await pub.getBlockNumber({ cacheTime: 0 });
      expect(proxy.count()).toBe(1);
      expect(await rpcCall(proxy.url, { jsonrpc: '2.0', id: 7, method: 'meridian_requestCount' })).toEqual({ jsonrpc: '2.0', id: 7, result: 1 });
      expect(proxy.count()).toBe(1);
    } finally {
      await proxy.stop();
    }
  });
});

describe('Solana dev chain (litesvm JSON-RPC)', () => {
  const conn = () => new Connection(chains.solana.url, 'confirmed');

  async function waitLanded(sig: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const st = (await conn().getSignatureStatuses([sig])).value[0];
      if (st?.confirmationStatus === 'finalized') {
        expect(st.err).toBeNull();
        return;
      }
      if (Date.now() > deadline) throw new Error(`transaction ${sig} did not land`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function transfer(from: Keypair, to: PublicKey, lamports: number, blockhash?: string): Promise<string> {
    const recentBlockhash = blockhash ?? (await conn().getLatestBlockhash()).blockhash;
    const tx = new Transaction({ feePayer: from.publicKey, recentBlockhash }).add(SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports }));
    tx.sign(from); // sign ourselves: Connection.sendTransaction(tx, signers) would replace the blockhash
    return conn().sendRawTransaction(tx.serialize());
  }

  it('has the documented genesis hash, accounts and 100 SOL on account 1', async () => {
    expect(await conn().getGenesisHash()).toBe(SOLANA_GENESIS_HASH);
    expect(demoSolanaKeypair(0).publicKey.toBase58()).toBe('oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96');
    expect(SOLANA_DEMO_ACCOUNTS[0]).toBe('oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96');
    expect(await conn().getBalance(pk(SOLANA_DEMO_ACCOUNTS[1]))).toBe(100_000_000_000);
    expect(SOLANA_INITIAL_LAMPORTS).toBe(100_000_000_000n);
  });

  it.each([
    ['SPL Token', SOLANA_DEMO_SPL_MINT, TOKEN_PROGRAM_ID],
    ['Token-2022', SOLANA_DEMO_TOKEN2022_MINT, TOKEN_2022_PROGRAM_ID],
  ] as const)('%s demo mint: 6 decimals and exactly 1,000,000 tokens in the ATAs of accounts 0..2', async (_n, mint, programId) => {
    const m = await getMint(conn(), pk(mint.address), 'confirmed', programId);
    expect(m.decimals).toBe(6);
    expect(m.supply).toBe(10n * 1_000_000_000_000n);
    for (const owner of SOLANA_DEMO_ACCOUNTS.slice(0, 3)) {
      const ata = getAssociatedTokenAddressSync(pk(mint.address), pk(owner), false, programId);
      const acc = await getAccount(conn(), ata, 'confirmed', programId);
      expect(acc.amount).toBe(1_000_000_000_000n);
      expect(acc.owner.toBase58()).toBe(owner);
    }
    const parsed = await conn().getParsedTokenAccountsByOwner(pk(SOLANA_DEMO_ACCOUNTS[0]), { mint: pk(mint.address) });
    expect(parsed.value).toHaveLength(1);
    expect(parsed.value[0]?.account.data.parsed.info.tokenAmount).toEqual({ amount: '1000000000000', decimals: 6, uiAmount: 1_000_000, uiAmountString: '1000000' });
    const raw = await conn().getTokenAccountsByOwner(pk(SOLANA_DEMO_ACCOUNTS[0]), { programId });
    expect(raw.value).toHaveLength(1);
    expect((await conn().getTokenAccountBalance(raw.value[0]!.pubkey)).value.amount).toBe('1000000000000');
  });

  it('lands a SOL transfer: receiver +amount, sender -(amount + 5000 lamports fee)', async () => {
    const from = demoSolanaKeypair(4);
    const to = pk(SOLANA_DEMO_ACCOUNTS[5]);
    const [a0, b0] = await Promise.all([conn().getBalance(from.publicKey), conn().getBalance(to)]);
    await waitLanded(await transfer(from, to, 1_234_567));
    expect(await conn().getBalance(from.publicKey)).toBe(a0 - 1_234_567 - 5000);
    expect(await conn().getBalance(to)).toBe(b0 + 1_234_567);
  });

  it('lands two identical transfers in a row; a replay of the same signed bytes is rejected', async () => {
    const from = demoSolanaKeypair(6);
    const to = Keypair.generate().publicKey;
    const s1 = await transfer(from, to, 1_000_000);
    await waitLanded(s1);
    const s2 = await transfer(from, to, 1_000_000);
    await waitLanded(s2);
    expect(s2).not.toBe(s1);
    expect(await conn().getBalance(to)).toBe(2_000_000);
    const { blockhash } = await conn().getLatestBlockhash();
    await waitLanded(await transfer(from, to, 7, blockhash));
    await expect(transfer(from, to, 7, blockhash)).rejects.toThrow(/already been processed/);
  });

  it('rejects a failing transaction in preflight with logs, and expires blockhashes after 150 blocks', async () => {
    const from = demoSolanaKeypair(7);
    const err = await transfer(from, Keypair.generate().publicKey, 1e15).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendTransactionError);
    expect((err as SendTransactionError).message).toMatch(/custom program error: 0x1/);
    const { blockhash, lastValidBlockHeight } = await conn().getLatestBlockhash();
    expect(lastValidBlockHeight).toBe((await conn().getBlockHeight()) + 150);
    await rpcCall(chains.solana.url, { jsonrpc: '2.0', id: 1, method: 'meridian_advanceBlocks', params: [{ count: 150 }] });
    expect((await conn().isBlockhashValid(blockhash)).value).toBe(true);
    await rpcCall(chains.solana.url, { jsonrpc: '2.0', id: 1, method: 'meridian_advanceBlocks', params: [{ count: 1 }] });
    expect((await conn().isBlockhashValid(blockhash)).value).toBe(false);
    await expect(transfer(from, Keypair.generate().publicKey, 1_000_000, blockhash)).rejects.toThrow(/Blockhash not found/);
  });

  it('answers a JSON-RPC batch with an array and counts it as one HTTP request', async () => {
    chains.solana.resetRequestCount();
    const methods = ['getSlot', 'getBlockHeight', 'getHealth', 'getGenesisHash', 'getVersion'];
    const res = (await rpcCall(chains.solana.url, methods.map((method, id) => ({ jsonrpc: '2.0', id, method })))) as { id: number; result: unknown }[];
    expect(Array.isArray(res)).toBe(true);
    expect(res.map((r) => r.id)).toEqual([0, 1, 2, 3, 4]);
    expect(res[2]?.result).toBe('ok');
    expect(res[3]?.result).toBe(SOLANA_GENESIS_HASH);
    expect(chains.solana.requestCount()).toBe(1);
    expect(await rpcCall(chains.solana.url, { jsonrpc: '2.0', id: 9, method: 'meridian_requestCount' })).toEqual({ jsonrpc: '2.0', id: 9, result: 1 });
    expect(chains.solana.requestCount()).toBe(1);
    const pre = await fetch(chains.solana.url, { method: 'OPTIONS', headers: { origin: 'chrome-extension://x', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('returns fixed prioritization fees', async () => {
    const fees = await conn().getRecentPrioritizationFees();
    expect(fees.map((f) => f.prioritizationFee)).toEqual([0, 1000, 5000, 2000, 10000]);
  });
});

describe('stop()', () => {
  it('stops both chains and leaves no hardhat process behind', async () => {
    await chains.stop();
    expect(() => process.kill(evmPid, 0)).toThrow();
    const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
    expect(ps).not.toContain(`--port ${chains.evm.port}`);
    await expect(fetch(chains.solana.url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
