// Issue 8 item 2: the Solana pre-sign preview against the litesvm dev chain. Exact lamport and token deltas, authority
// changes on the user's token accounts, an address lookup table resolved, a failing transaction, and RPC counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddressLookupTableProgram, Connection, Keypair, PublicKey, SystemProgram, Transaction, TransactionMessage, VersionedTransaction, type TransactionInstruction,
} from '@solana/web3.js';
import {
  AuthorityType, createApproveInstruction, createSetAuthorityInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT, startSolanaChain, type SolanaChain, type SolanaDemoMint } from '../../scripts/chains/index';
import { startFaultProxy, type FaultProxy } from '../../scripts/chains/faultProxy';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';
import { rpc } from './helpers/adapterFlow';
import { createRpcTransport } from '../../src/chains/rpcTransport';
import { previewSolanaTransaction, type SolanaPreview } from '../../src/chains/solana/preview/preview';

let sol: SolanaChain;
let proxy: FaultProxy;
const conn = () => new Connection(sol.url, 'confirmed');
const kp = (i: number) => demoSolanaKeypair(i);
const A = (i: number) => SOLANA_DEMO_ACCOUNTS[i] as string;
const ata = (owner: string, m: SolanaDemoMint) => getAssociatedTokenAddressSync(new PublicKey(m.address), new PublicKey(owner), true, new PublicKey(m.programId));
const attacker = Keypair.generate().publicKey;

beforeAll(async () => {
  sol = await startSolanaChain({ port: await getFreePort() });
  proxy = await startFaultProxy(sol.url);
});
afterAll(async () => {
  await proxy?.stop();
  await sol?.stop();
});

/** An unsigned legacy transaction (the preview never needs signatures), base64. */
async function wire(payer: string, ixs: TransactionInstruction[]): Promise<string> {
  const tx = new Transaction({ feePayer: new PublicKey(payer), recentBlockhash: (await conn().getLatestBlockhash()).blockhash }).add(...ixs);
  return tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
}
const preview = (w: string, own: string[] = [A(3)]) => previewSolanaTransaction(w, { transport: createRpcTransport({ urls: [proxy.url], exactIntegers: true }), ownAccounts: own });
const simulated = (p: SolanaPreview) => {
  if (p.status !== 'simulated') throw new Error(`not simulated: ${p.reason}`);
  return p;
};

describe('Solana preview on the dev chain', () => {
  it('a SOL transfer: the sender loses exactly amount + 5000 lamports, in one RPC request', async () => {
    const p = simulated(await preview(await wire(A(3), [SystemProgram.transfer({ fromPubkey: new PublicKey(A(3)), toPubkey: new PublicKey(A(4)), lamports: 250_000_000 })])));
    expect(p.changes).toEqual([{ account: A(3), asset: 'SOL', delta: -250_005_000n }]);
    expect(p.authorityChanges).toEqual([]);
    expect(p.failed).toBeUndefined();
    expect(p.requests).toBe(1);
    expect(p.rpcHost).toBe(new URL(proxy.url).host);
  });

  it('both sides own: the recipient gains exactly the amount', async () => {
    const p = simulated(await preview(await wire(A(3), [SystemProgram.transfer({ fromPubkey: new PublicKey(A(3)), toPubkey: new PublicKey(A(4)), lamports: 1_000 })]), [A(3), A(4)]));
    expect(p.changes).toEqual([{ account: A(3), asset: 'SOL', delta: -6_000n }, { account: A(4), asset: 'SOL', delta: 1_000n }]);
  });

  for (const m of [SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT]) {
    it(`a ${m.programId.startsWith('Tokenz') ? 'Token-2022' : 'SPL'} transfer: exactly -1.5 tokens with the mint's decimals`, async () => {
      const ix = createTransferCheckedInstruction(ata(A(3), m), new PublicKey(m.address), ata(A(4), m), new PublicKey(A(3)), 1_500_000n, 6, [], new PublicKey(m.programId));
      const p = simulated(await preview(await wire(A(3), [ix])));
      expect(p.changes).toEqual([
        { account: A(3), asset: 'SOL', delta: -5_000n },
        { account: A(3), asset: 'token', mint: m.address, programId: m.programId, decimals: 6, tokenAccount: ata(A(3), m).toBase58(), delta: -1_500_000n },
      ]);
      expect(p.requests).toBe(2); // + the mints' decimals
    });
  }

  it('SetAuthority (account owner) on the user\'s token account is reported with the new owner', async () => {
    const m = SOLANA_DEMO_SPL_MINT;
    const ix = createSetAuthorityInstruction(ata(A(3), m), new PublicKey(A(3)), AuthorityType.AccountOwner, attacker, [], new PublicKey(m.programId));
    const p = simulated(await preview(await wire(A(3), [ix])));
    expect(p.authorityChanges).toEqual([{ account: ata(A(3), m).toBase58(), owner: A(3), kind: 'owner', from: A(3), to: attacker.toBase58() }]);
  });

  it('Approve (a delegate) and SetAuthority (close authority) are reported; the benign twin reports none', async () => {
    const m = SOLANA_DEMO_SPL_MINT;
    const program = new PublicKey(m.programId);
    const p = simulated(await preview(await wire(A(3), [
      createApproveInstruction(ata(A(3), m), attacker, new PublicKey(A(3)), 2n ** 64n - 1n, [], program),
      createSetAuthorityInstruction(ata(A(3), m), new PublicKey(A(3)), AuthorityType.CloseAccount, attacker, [], program),
    ])));
    expect(p.authorityChanges).toEqual([
      { account: ata(A(3), m).toBase58(), owner: A(3), kind: 'delegate', from: null, to: attacker.toBase58() },
      { account: ata(A(3), m).toBase58(), owner: A(3), kind: 'close-authority', from: null, to: attacker.toBase58() },
    ]);
    const benign = simulated(await preview(await wire(A(3), [createTransferCheckedInstruction(ata(A(3), m), new PublicKey(m.address), ata(A(4), m), new PublicKey(A(3)), 1n, 6, [], program)])));
    expect(benign.authorityChanges).toEqual([]);
  });

  it('a System Assign of the user\'s wallet account is reported', async () => {
    const p = simulated(await preview(await wire(A(3), [SystemProgram.assign({ accountPubkey: new PublicKey(A(3)), programId: attacker })])));
    expect(p.authorityChanges).toEqual([{ account: A(3), owner: A(3), kind: 'assign', from: SystemProgram.programId.toBase58(), to: attacker.toBase58() }]);
  });

  it('a transaction that fails says so with the runtime error, and lists no changes', async () => {
    const p = simulated(await preview(await wire(A(3), [SystemProgram.transfer({ fromPubkey: new PublicKey(A(3)), toPubkey: new PublicKey(A(4)), lamports: 10n ** 15n })])));
    expect(p.failed?.error).toMatch(/InsufficientFunds|custom program error: 0x1|"Custom":1/);
    expect(p.changes).toEqual([]);
  });

  it('a recipient behind an address lookup table is resolved before simulating', async () => {
    // A ready (active, extended long ago) table holding the hidden recipient, written directly into the ledger.
    const table = Keypair.generate().publicKey;
    const hidden = Keypair.generate().publicKey;
    const meta = Buffer.alloc(56);
    meta.writeUInt32LE(1, 0); // ProgramState::LookupTable
    meta.writeBigUInt64LE(2n ** 64n - 1n, 4); // deactivation slot: never
    meta.writeBigUInt64LE(0n, 12); // last extended slot
    meta.writeUInt8(1, 21); // authority: Some
    kp(5).publicKey.toBuffer().copy(meta, 22);
    const data = Buffer.concat([meta, hidden.toBuffer()]);
    await rpc(sol.url, 'meridian_setAccount', [table.toBase58(), { lamports: '10000000', data: data.toString('base64'), owner: AddressLookupTableProgram.programId.toBase58() }]);
    const lut = (await conn().getAddressLookupTable(table)).value!;
    const msg = new TransactionMessage({
      payerKey: new PublicKey(A(3)), recentBlockhash: (await conn().getLatestBlockhash()).blockhash,
      instructions: [SystemProgram.transfer({ fromPubkey: new PublicKey(A(3)), toPubkey: hidden, lamports: 3_000_000 })],
    }).compileToV0Message([lut]);
    expect(msg.staticAccountKeys.map((k) => k.toBase58())).not.toContain(hidden.toBase58());
    const w = Buffer.from(new VersionedTransaction(msg).serialize()).toString('base64');
    const p = simulated(await preview(w));
    expect(p.keys.keys).toContain(hidden.toBase58());
    expect(p.keys.writable[p.keys.keys.indexOf(hidden.toBase58())]).toBe(true);
    expect(p.changes).toEqual([{ account: A(3), asset: 'SOL', delta: -3_005_000n }]);
    expect(p.requests).toBe(2); // the table + the simulation batch
  });

  it('an RPC that does not answer gives "not simulated" with the reason, never an empty preview', async () => {
    proxy.add({ fault: { kind: 'status', status: 503 }, times: 1 });
    const p = await preview(await wire(A(3), [SystemProgram.transfer({ fromPubkey: new PublicKey(A(3)), toPubkey: new PublicKey(A(4)), lamports: 1 })]));
    expect(p.status).toBe('not-simulated');
    expect(p.status === 'not-simulated' && p.reason).toBe('All RPC endpoints failed (<rpc> HTTP 503)');
  });
});
