// Solana transfers refused before anything is signed, against a scripted JSON-RPC node (fakeTransport): the
// simulation's answer, the mint's decimals and the u64 bound are each one node answer or one input, so a fake keeps
// every case exact and fast. (A real SVM simulation failure is pinned in test/chains/adapters.solana.test.ts.)
import { ed25519 } from '@noble/curves/ed25519.js';
import { Keypair, PublicKey, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { Buffer } from 'buffer';
import { describe, expect, it } from 'vitest';
import type { SolanaNetwork, SolanaSigner, Token, TransferRequest } from '../../../src/chains/ChainAdapter';
import { InvalidAmountError, SimulationFailedError, TokenNotFoundError } from '../../../src/chains/errors';
import { getBuiltinNetwork } from '../../../src/chains/networks';
import { createSolanaAdapter } from '../../../src/chains/solana/adapter';
import { associatedTokenAddress, TOKEN_PROGRAM } from '../../../src/chains/solana/programs';
import { SPL_TOKEN_PROGRAM_ID } from '../../../src/chains/tokens';
import { fakeTransport } from './fakeTransport';

const network = { ...getBuiltinNetwork('solana:localnet'), rpcUrls: ['fake://'] } as SolanaNetwork;
const sender = Keypair.generate();
const FROM = sender.publicKey.toBase58();
const TO = Keypair.generate().publicKey.toBase58();
const MINT = Keypair.generate().publicKey;
const TOKEN: Token = { address: MINT.toBase58(), symbol: 'mUSD', decimals: 6, programId: SPL_TOKEN_PROGRAM_ID };
const U64_MAX = 2n ** 64n - 1n;
const SENDS = ['sendTransaction', 'sendRawTransaction'];

const account = (data: Uint8Array, owner: string, lamports = 2_039_280) => ({ lamports, owner, data: [Buffer.from(data).toString('base64'), 'base64'] });
const mintData = (decimals: number) => { const d = new Uint8Array(82); d[44] = decimals; d[45] = 1; return d; };
function tokenAccountData(owner: PublicKey, amount: bigint) {
  const d = new Uint8Array(165);
  d.set(MINT.toBytes(), 0);
  d.set(owner.toBytes(), 32);
  new DataView(d.buffer).setBigUint64(64, amount, true);
  d[108] = 1; // initialized
  return d;
}

type Node = { mintDecimals: number; tokenBalance: bigint; sim: { err: unknown; unitsConsumed?: number; logs?: string[] } };
function setup(node: Partial<Node> = {}) {
  const n: Node = { mintDecimals: 6, tokenBalance: 1_000_000_000_000n, sim: { err: null, unitsConsumed: 6_000, logs: [] }, ...node };
  const accounts: Record<string, unknown> = {
    [FROM]: { lamports: 100_000_000_000, owner: '11111111111111111111111111111111', data: ['', 'base64'] },
    [TO]: { lamports: 1_000_000_000, owner: '11111111111111111111111111111111', data: ['', 'base64'] },
    [MINT.toBase58()]: account(mintData(n.mintDecimals), SPL_TOKEN_PROGRAM_ID, 1_461_600),
    [associatedTokenAddress(sender.publicKey, MINT, TOKEN_PROGRAM).toBase58()]: account(tokenAccountData(sender.publicKey, n.tokenBalance), SPL_TOKEN_PROGRAM_ID),
  };
  const blockhash = Keypair.generate().publicKey.toBase58();
  const transport = fakeTransport((c) => {
    const p = c.params ?? [];
    switch (c.method) {
      case 'getLatestBlockhash': return { context: { slot: 1 }, value: { blockhash, lastValidBlockHeight: 150 } };
      case 'getMultipleAccounts': return { context: { slot: 1 }, value: (p[0] as string[]).map((k) => accounts[k] ?? null) };
      case 'getRecentPrioritizationFees': return [];
      case 'getMinimumBalanceForRentExemption': return p[0] === 0 ? 890_880 : 2_039_280;
      case 'simulateTransaction': return { context: { slot: 1 }, value: n.sim };
      case 'sendTransaction': return bs58.encode(VersionedTransaction.deserialize(Buffer.from(p[0] as string, 'base64')).signatures[0]!);
      default: throw new Error(`unexpected ${c.method}`);
    }
  });
  const adapter = createSolanaAdapter({ network, transport });
  const signed: unknown[] = [];
  const signer: SolanaSigner = async (payload) => { signed.push(payload); return ed25519.sign(payload.message, sender.secretKey.slice(0, 32)); };
  /** What the background does after Confirm: build → sign → broadcast. */
  const send = async (r: Partial<TransferRequest>) => {
    const built = await adapter.buildTransfer({ networkId: network.id, from: FROM, to: TO, amount: '0.5', ...r });
    return adapter.broadcast(await adapter.sign(built, signer));
  };
  const called = () => transport.batches.flat().map((c) => c.method);
  const sent = () => called().filter((m) => SENDS.includes(m));
  return { adapter, transport, send, signed, sent, called };
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: number; data?: unknown }> {
  const out = await p.then(() => undefined, (e: unknown) => e as Error);
  if (!out) throw new Error('expected a refusal, the transfer went through');
  return out;
}

describe('Solana transfer refusals (nothing signed, nothing sent)', () => {
  it('control: the same fake node with healthy answers builds, signs once and sends once (SOL and SPL)', async () => {
    const s = setup();
    await s.send({});
    await s.send({ token: TOKEN, amount: '12.5' });
    expect(s.signed).toHaveLength(2);
    expect(s.sent()).toHaveLength(2);
  });

  it('a failing simulation is 1109 with the program error and the last 5 log lines (SOL and SPL)', async () => {
    const logs = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'Program failed: custom program error: 0x11'];
    for (const [r, err] of [[{}, { InstructionError: [2, { Custom: 1 }] }], [{ token: TOKEN, amount: '1' }, { InstructionError: [2, { Custom: 17 }] }]] as const) {
      const s = setup({ sim: { err, logs } });
      const e = await failure(s.send(r));
      expect(e).toBeInstanceOf(SimulationFailedError);
      expect(e).toMatchObject({ code: 1109, message: `Simulation failed: ${JSON.stringify(err)}`, data: { err, logs: logs.slice(-5) } });
      expect(s.signed).toEqual([]);
      expect(s.sent()).toEqual([]);
      expect(s.called().filter((m) => m === 'simulateTransaction')).toHaveLength(1);
    }
  });

  it('estimateFees reports the failing simulation as 1109 too', async () => {
    const s = setup({ sim: { err: 'AccountNotFound' } });
    const e = await failure(s.adapter.estimateFees({ networkId: network.id, from: FROM, to: TO, amount: '0.5' }));
    expect(e).toBeInstanceOf(SimulationFailedError);
    expect(e).toMatchObject({ code: 1109, message: 'Simulation failed: "AccountNotFound"' });
  });

  it('a token whose decimals differ from the mint\'s is 1110, before any simulation', async () => {
    for (const decimals of [9, 5, 0]) {
      const s = setup();
      const e = await failure(s.send({ token: { ...TOKEN, decimals }, amount: '1' }));
      expect(e).toBeInstanceOf(TokenNotFoundError);
      expect(e).toMatchObject({ code: 1110, message: `Token decimals mismatch: the mint has 6, the request says ${decimals}`, data: { address: TOKEN.address } });
      expect(s.called()).not.toContain('simulateTransaction');
      expect(s.signed).toEqual([]);
      expect(s.sent()).toEqual([]);
    }
  });

  it('an SPL amount of 2^64 or more is 1101 "too-large", asked of no node', async () => {
    for (const amount of [2n ** 64n, 2n ** 64n + 1n, 2n ** 70n, '18446744073709.551616', '99999999999999999999']) {
      const s = setup({ tokenBalance: U64_MAX });
      const e = await failure(s.send({ token: TOKEN, amount }));
      expect(e).toBeInstanceOf(InvalidAmountError);
      expect(e).toMatchObject({ code: 1101, message: 'Amount does not fit in a u64', data: { reason: 'too-large' } });
      expect(s.transport.batches).toEqual([]);
      expect(s.signed).toEqual([]);
    }
  });

  it('2^64 - 1 (u64 max) is a valid SPL amount: it builds, and the instruction carries it exactly', async () => {
    const s = setup({ tokenBalance: U64_MAX });
    const built = await s.adapter.buildTransfer({ networkId: network.id, from: FROM, to: TO, amount: U64_MAX, token: TOKEN });
    expect(built.amount).toBe(U64_MAX);
    const ix = built.message.instructions.at(-1)!;
    expect(built.message.accountKeys[ix.programIdIndex]!.toBase58()).toBe(SPL_TOKEN_PROGRAM_ID);
    const data = bs58.decode(ix.data);
    expect([data[0], Buffer.from(data).readBigUInt64LE(1), data[9]]).toEqual([12, U64_MAX, 6]);
  });
});
