// The Solana adapter against the litesvm dev chain (scripts/chains), verified with @solana/web3.js + spl-token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js';
import {
  ExtensionType, MINT_SIZE, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, calculateEpochFee, createAssociatedTokenAccountIdempotentInstruction,
  createFreezeAccountInstruction, createInitializeMintInstruction, createInitializeTransferFeeConfigInstruction, createMintToCheckedInstruction, getAccount,
  getAssociatedTokenAddressSync, getMint, getMintLen, getTransferFeeAmount, getTransferFeeConfig,
} from '@solana/spl-token';
import nacl from 'tweetnacl';
import {
  SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT, SOLANA_GENESIS_HASH, SOLANA_INITIAL_LAMPORTS, startSolanaChain,
  type SolanaChain, type SolanaDemoMint,
} from '../../scripts/chains/index';
import { demoSolanaKeypair } from '../../scripts/chains/keys';
import { getFreePort } from '../../scripts/chains/util';
import { createMemoryStorage } from '../../src/background/storageArea';
import type { SolanaNetwork, SolanaSigner, Token, TransferRequest } from '../../src/chains/ChainAdapter';
import { createActivityStore } from '../../src/background/stores/activityStore';
import { createCustomNetworkStore, CUSTOM_NETWORKS_KEY } from '../../src/background/stores/customNetworkStore';
import {
  ChainIdMismatchError, InsufficientFundsError, InvalidAddressError, InvalidAmountError, RpcUnavailableError, SimulationFailedError, WrongNetworkError,
} from '../../src/chains/errors';
import { getBuiltinNetwork } from '../../src/chains/networks';
import { createSolanaAdapter, type SolanaAdapter } from '../../src/chains/solana/adapter';
import { defaultTokens } from '../../src/chains/tokens';
import { expectCode, rpc, sendAndWait, spySigner } from './helpers/adapterFlow';

let sol: SolanaChain;
let network: SolanaNetwork;
let adapter: SolanaAdapter;
let conn: Connection;
const storage = createMemoryStorage();
const activity = createActivityStore(storage);
const A = (i: number) => SOLANA_DEMO_ACCOUNTS[i] as string;
/** Test-side signer: tweetnacl with the demo key (the adapter only ever sees the signature). */
const signerOf = (kp: Keypair): SolanaSigner => async ({ message }) => nacl.sign.detached(message, kp.secretKey);
const signerFor = (i: number) => signerOf(demoSolanaKeypair(i));
const token = (m: SolanaDemoMint): Token => ({ address: m.address, symbol: m.symbol, decimals: m.decimals, programId: m.programId });
const ata = (owner: string, m: SolanaDemoMint) => getAssociatedTokenAddressSync(new PublicKey(m.address), new PublicKey(owner), true, new PublicKey(m.programId));
const tokenBal = async (owner: string, m: SolanaDemoMint) => (await getAccount(conn, ata(owner, m), 'confirmed', new PublicKey(m.programId))).amount;
const lamports = async (who: string) => BigInt(await conn.getBalance(new PublicKey(who), 'confirmed'));
const FAKE_MINTS: Token[] = Array.from({ length: 18 }, () => ({ address: Keypair.generate().publicKey.toBase58(), symbol: 'FAKE', decimals: 6 }));
const TOKENS20 = [token(SOLANA_DEMO_SPL_MINT), token(SOLANA_DEMO_TOKEN2022_MINT), ...FAKE_MINTS];
/** The fee the chain charged, read independently with web3.js getTransaction. */
const chargedFee = async (sig: string) => BigInt((await conn.getTransaction(sig, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' }))?.meta?.fee ?? -1);

beforeAll(async () => {
  sol = await startSolanaChain({ port: await getFreePort() });
  const local = getBuiltinNetwork('solana:localnet');
  if (local?.family !== 'solana') throw new Error('no Solana localnet');
  network = { ...local, rpcUrls: [sol.url] };
  adapter = createSolanaAdapter({ network, activity });
  conn = new Connection(sol.url, 'confirmed');
});
afterAll(async () => {
  await sol?.stop();
});

describe('Solana adapter on the litesvm dev chain', () => {
  it('reads SOL, SPL and Token-2022 balances of 10 accounts equal to the documented setup, to the unit', async () => {
    const snap = await adapter.getBalances({ accounts: [...SOLANA_DEMO_ACCOUNTS], tokens: defaultTokens('solana:localnet') });
    for (const a of SOLANA_DEMO_ACCOUNTS) {
      const b = snap.accounts[a];
      expect(b?.native).toBe(SOLANA_INITIAL_LAMPORTS);
      expect(b?.native).toBe(await lamports(a));
      expect(b?.tokens[SOLANA_DEMO_SPL_MINT.address]).toBe(SOLANA_DEMO_SPL_MINT.initialBalance);
      expect(b?.tokens[SOLANA_DEMO_TOKEN2022_MINT.address]).toBe(SOLANA_DEMO_TOKEN2022_MINT.initialBalance);
      expect(await tokenBal(a, SOLANA_DEMO_SPL_MINT)).toBe(SOLANA_DEMO_SPL_MINT.initialBalance);
      expect(await tokenBal(a, SOLANA_DEMO_TOKEN2022_MINT)).toBe(SOLANA_DEMO_TOKEN2022_MINT.initialBalance);
    }
  });

  it('refreshes 10 accounts x 20 tokens in exactly 1 HTTP request (requestCount), unknown mints as 0', async () => {
    sol.resetRequestCount();
    const snap = await adapter.getBalances({ accounts: [...SOLANA_DEMO_ACCOUNTS], tokens: TOKENS20 });
    expect(sol.requestCount()).toBe(1);
    expect(Object.keys(snap.accounts)).toHaveLength(10);
    const b = snap.accounts[A(9)];
    expect(b?.tokens[SOLANA_DEMO_TOKEN2022_MINT.address]).toBe(SOLANA_DEMO_TOKEN2022_MINT.initialBalance);
    for (const f of FAKE_MINTS) expect(b?.tokens[f.address]).toBe(0n);
  });

  it('estimates fees: 5000 lamports per signature + priority tiers from getRecentPrioritizationFees', async () => {
    const est = await adapter.estimateFees({ networkId: network.id, from: A(1), to: A(2), amount: '0.1' });
    const { slow, normal, fast } = est.tiers;
    // Dev chain fees [0, 1000, 5000, 2000, 10000] µlamports/CU → p25 1000, p50 2000, p90 10000.
    expect([slow.params.microLamportsPerComputeUnit, normal.params.microLamportsPerComputeUnit, fast.params.microLamportsPerComputeUnit]).toEqual([1000n, 2000n, 10000n]);
    const cu = normal.params.computeUnitLimit ?? 0n;
    expect(cu).toBeGreaterThan(0n);
    expect(normal.maxFee).toBe(5000n + (2000n * cu + 999_999n) / 1_000_000n);
    expect(slow.maxFee <= normal.maxFee && normal.maxFee <= fast.maxFee).toBe(true);
  });

  it('sends SOL: the recipient gains exactly the amount, the sender loses amount + the fee the chain charged', async () => {
    const [from, to] = [A(1), A(2)];
    const before = [await lamports(from), await lamports(to)] as const;
    const { built, handle, result } = await sendAndWait(adapter, { networkId: network.id, from, to, amount: '0.5' }, signerFor(1));
    expect(result.status).toBe('confirmed');
    const fee = await chargedFee(handle.id);
    expect(fee).toBe(built.fee.maxFee);
    expect(adapter.describe(built)).toMatchObject({ amount: { symbol: 'SOL', amount: 500_000_000n, formatted: '0.5' }, fee: { amount: fee }, networkName: 'Solana Localnet' });
    expect(await lamports(to)).toBe(before[1] + 500_000_000n);
    expect(await lamports(from)).toBe(before[0] - 500_000_000n - fee);
    expect((await activity.list(network.id, from))[0]).toMatchObject({ id: handle.id, status: 'confirmed', amount: '500000000' });
  });

  it('sends SPL to a fresh recipient: creates its ATA, moves exactly the amount, sender pays fee + rent', async () => {
    const fresh = Keypair.generate().publicKey.toBase58();
    const from = A(3);
    const sol0 = await lamports(from);
    const t0 = await tokenBal(from, SOLANA_DEMO_SPL_MINT);
    expect(await conn.getAccountInfo(ata(fresh, SOLANA_DEMO_SPL_MINT))).toBeNull();
    const { built, handle, result } = await sendAndWait(adapter, { networkId: network.id, from, to: fresh, amount: '7.654321', token: token(SOLANA_DEMO_SPL_MINT) }, signerFor(3));
    expect(result.status).toBe('confirmed');
    expect(built.createsRecipientAccount).toBe(true);
    const d = adapter.describe(built);
    expect(d.createsRecipientAccount).toBe(true);
    const rent = BigInt(await conn.getMinimumBalanceForRentExemption(165));
    expect(built.rent).toBe(rent);
    expect(d.total).toMatchObject([{ symbol: 'mUSD', amount: 7_654_321n }, { symbol: 'SOL', amount: built.fee.maxFee + rent }]);
    const fee = await chargedFee(handle.id);
    expect(fee).toBe(built.fee.maxFee);
    expect(await tokenBal(fresh, SOLANA_DEMO_SPL_MINT)).toBe(7_654_321n);
    expect(await tokenBal(from, SOLANA_DEMO_SPL_MINT)).toBe(t0 - 7_654_321n);
    expect(await lamports(from)).toBe(sol0 - fee - rent);
    expect(await lamports(ata(fresh, SOLANA_DEMO_SPL_MINT).toBase58())).toBe(rent);
  });

  it('sends Token-2022 to an existing holder (no ATA creation) and to a fresh one (170-byte ATA)', async () => {
    const [from, to] = [A(4), A(5)];
    const t0 = [await tokenBal(from, SOLANA_DEMO_TOKEN2022_MINT), await tokenBal(to, SOLANA_DEMO_TOKEN2022_MINT)] as const;
    const sol0 = await lamports(from);
    const { built, handle } = await sendAndWait(adapter, { networkId: network.id, from, to, amount: 250_000n, token: token(SOLANA_DEMO_TOKEN2022_MINT) }, signerFor(4));
    expect(built.createsRecipientAccount).toBe(false);
    expect(await tokenBal(from, SOLANA_DEMO_TOKEN2022_MINT)).toBe(t0[0] - 250_000n);
    expect(await tokenBal(to, SOLANA_DEMO_TOKEN2022_MINT)).toBe(t0[1] + 250_000n);
    expect(await lamports(from)).toBe(sol0 - (await chargedFee(handle.id)));
    const fresh = Keypair.generate().publicKey.toBase58();
    const r2 = await sendAndWait(adapter, { networkId: network.id, from, to: fresh, amount: '1', token: { ...token(SOLANA_DEMO_TOKEN2022_MINT), programId: TOKEN_PROGRAM_ID.toBase58() } }, signerFor(4));
    expect(r2.result.status).toBe('confirmed');
    expect(r2.built.token?.programId).toBe(TOKEN_2022_PROGRAM_ID.toBase58()); // corrected from the mint's owner
    expect(await tokenBal(fresh, SOLANA_DEMO_TOKEN2022_MINT)).toBe(1_000_000n);
    expect(r2.built.rent).toBe(BigInt(await conn.getMinimumBalanceForRentExemption(170)));
  });

  it('reports "expired" for a transaction whose blockhash passed lastValidBlockHeight instead of hanging', async () => {
    const built = await adapter.buildTransfer({ networkId: network.id, from: A(6), to: A(7), amount: '0.01' });
    const signed = await adapter.sign(built, signerFor(6));
    const handle = { networkId: network.id, id: signed.signature, from: A(6), submittedAt: Date.now(), lastValidBlockHeight: built.lastValidBlockHeight };
    expect((await adapter.track(handle)).status).toBe('pending');
    await rpc(sol.url, 'meridian_advanceBlocks', [{ count: 151 }]);
    expect((await adapter.track(handle)).status).toBe('expired');
  });

  it('refuses every bad input before signing (the signer is never called)', async () => {
    const signer = spySigner(signerFor(1));
    const from = A(1);
    const base: TransferRequest = { networkId: network.id, from, to: A(2), amount: '1' };
    const attempt = (r: Partial<TransferRequest>) => sendAndWait(adapter, { ...base, ...r }, signer);
    const offCurve = ata(A(2), SOLANA_DEMO_SPL_MINT).toBase58(); // a PDA: no private key
    expect(PublicKey.isOnCurve(new PublicKey(offCurve).toBytes())).toBe(false);
    await expectCode(attempt({ to: offCurve }), InvalidAddressError.code);
    await expectCode(attempt({ to: '0OIl' + A(2).slice(4) }), InvalidAddressError.code); // not base58
    await expectCode(attempt({ to: A(2).slice(0, 20) }), InvalidAddressError.code);
    await expectCode(attempt({ to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }), InvalidAddressError.code);
    await expectCode(attempt({ amount: '0' }), InvalidAmountError.code);
    await expectCode(attempt({ amount: '-0.5' }), InvalidAmountError.code);
    await expectCode(attempt({ amount: '0.0000000001' }), InvalidAmountError.code); // 10 decimals > 9
    await expectCode(attempt({ amount: '1.0000001', token: token(SOLANA_DEMO_SPL_MINT) }), InvalidAmountError.code);
    await expectCode(attempt({ amount: 'NaN' }), InvalidAmountError.code);
    await expectCode(attempt({ to: Keypair.generate().publicKey.toBase58(), amount: 1000n }), InvalidAmountError.code); // below rent-exempt
    const balance = await lamports(from);
    await expectCode(attempt({ amount: balance }), InsufficientFundsError.code); // the fee pushes it over
    await expectCode(attempt({ amount: balance + 1n }), InsufficientFundsError.code);
    const dust = await attempt({ amount: balance - 100_000n }).catch((e: unknown) => e); // would leave dust below rent
    expect(dust).toMatchObject({ code: InsufficientFundsError.code, data: { reason: 'rent' } });
    await expectCode(attempt({ amount: '1000001', token: token(SOLANA_DEMO_SPL_MINT) }), InsufficientFundsError.code);
    await expectCode(attempt({ networkId: 'solana:devnet' }), WrongNetworkError.code);
    const devnet = getBuiltinNetwork('solana:devnet') as SolanaNetwork;
    const lying = createSolanaAdapter({ network: { ...devnet, rpcUrls: [sol.url] } }); // genesis differs
    await expectCode(sendAndWait(lying, { ...base, networkId: devnet.id }, signer), WrongNetworkError.code);
    expect(signer.calls).toBe(0);
  });

  it('a transfer the SVM refuses in simulation (frozen token account) is 1109, never signed nor sent', async () => {
    // Every wallet-side check passes (balance, decimals, fee); only the token program says no: AccountFrozen (17).
    const owner = demoSolanaKeypair(9);
    const mint = Keypair.generate();
    const ownerAta = getAssociatedTokenAddressSync(mint.publicKey, owner.publicKey, false, TOKEN_PROGRAM_ID);
    const setup = new Transaction().add(
      SystemProgram.createAccount({ fromPubkey: owner.publicKey, newAccountPubkey: mint.publicKey, space: MINT_SIZE, lamports: await conn.getMinimumBalanceForRentExemption(MINT_SIZE), programId: TOKEN_PROGRAM_ID }),
      createInitializeMintInstruction(mint.publicKey, 6, owner.publicKey, owner.publicKey, TOKEN_PROGRAM_ID),
      createAssociatedTokenAccountIdempotentInstruction(owner.publicKey, ownerAta, owner.publicKey, mint.publicKey, TOKEN_PROGRAM_ID),
      createMintToCheckedInstruction(mint.publicKey, ownerAta, owner.publicKey, 5_000_000n, 6, [], TOKEN_PROGRAM_ID),
      createFreezeAccountInstruction(ownerAta, mint.publicKey, owner.publicKey, [], TOKEN_PROGRAM_ID),
    );
    setup.recentBlockhash = (await conn.getLatestBlockhash()).blockhash;
    setup.feePayer = owner.publicKey;
    setup.sign(owner, mint);
    const setupSig = await conn.sendRawTransaction(setup.serialize());
    expect((await conn.getSignatureStatus(setupSig)).value).toMatchObject({ err: null, confirmationStatus: 'finalized' });
    expect((await getAccount(conn, ownerAta, 'confirmed', TOKEN_PROGRAM_ID)).isFrozen).toBe(true);

    const frozen: Token = { address: mint.publicKey.toBase58(), symbol: 'FRZ', decimals: 6, programId: TOKEN_PROGRAM_ID.toBase58() };
    const signer = spySigner(signerFor(9));
    const sol0 = await lamports(A(9));
    const to = Keypair.generate().publicKey.toBase58();
    const err = await sendAndWait(adapter, { networkId: network.id, from: A(9), to, amount: '1', token: frozen }, signer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationFailedError);
    // Instructions: CU limit, CU price, create the recipient's ATA, transferChecked (index 3) → custom error 17.
    expect(err).toMatchObject({ code: 1109, data: { err: { InstructionError: [3, { Custom: 17 }] } } });
    expect(signer.calls).toBe(0);
    expect(await lamports(A(9))).toBe(sol0);
    expect(await conn.getAccountInfo(getAssociatedTokenAddressSync(mint.publicKey, new PublicKey(to), false, TOKEN_PROGRAM_ID))).toBeNull();
    expect((await getAccount(conn, ownerAta, 'confirmed', TOKEN_PROGRAM_ID)).amount).toBe(5_000_000n);
  });

  it('refuses a signature that does not verify for the sender', async () => {
    const built = await adapter.buildTransfer({ networkId: network.id, from: A(1), to: A(2), amount: '0.01' });
    await expectCode(adapter.sign(built, signerFor(2)), 1108);
  });

  it('fails over from a dead RPC URL (closed port) to the next one', async () => {
    const dead = `http://127.0.0.1:${await getFreePort()}`;
    const a = createSolanaAdapter({ network: { ...network, rpcUrls: [dead, sol.url] } });
    const snap = await a.getBalances({ accounts: [A(8)], tokens: [token(SOLANA_DEMO_SPL_MINT)] });
    expect(snap.accounts[A(8)]?.tokens[SOLANA_DEMO_SPL_MINT.address]).toBe(SOLANA_DEMO_SPL_MINT.initialBalance);
    expect(Object.keys(a.transport.backoffState())).toEqual([dead]);
  });

  it('custom networks: wrong genesis refused, unreachable refused, good one saved keyed by genesis hash', async () => {
    const store = createMemoryStorage();
    const networks = createCustomNetworkStore(store);
    await expectCode(networks.add({ family: 'solana', name: 'X', rpcUrls: [sol.url], genesisHash: '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d' }), ChainIdMismatchError.code);
    await expectCode(networks.add({ family: 'solana', name: 'X', rpcUrls: [`http://127.0.0.1:${await getFreePort()}`] }), RpcUnavailableError.code);
    expect(await store.get(CUSTOM_NETWORKS_KEY)).toBeUndefined();
    const saved = await networks.add({ family: 'solana', name: 'My validator', rpcUrls: [sol.url] });
    expect(saved).toMatchObject({ id: `solana:${SOLANA_GENESIS_HASH}`, genesisHash: SOLANA_GENESIS_HASH, cluster: 'custom' });
    expect(await networks.list()).toEqual([saved]);
  });

  it('Token-2022 with a transfer fee: the review shows the fee withheld and what the recipient receives, exactly what lands', async () => {
    // A fee mint made with spl-token's own instructions: 1.5 %, at most 0.005 of the token.
    const payer = demoSolanaKeypair(3);
    const mint = Keypair.generate();
    const space = getMintLen([ExtensionType.TransferFeeConfig]);
    const payerAta = getAssociatedTokenAddressSync(mint.publicKey, payer.publicKey, false, TOKEN_2022_PROGRAM_ID);
    const setup = new Transaction().add(
      SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, space, lamports: await conn.getMinimumBalanceForRentExemption(space), programId: TOKEN_2022_PROGRAM_ID }),
      createInitializeTransferFeeConfigInstruction(mint.publicKey, payer.publicKey, payer.publicKey, 150, 5_000n, TOKEN_2022_PROGRAM_ID),
      createInitializeMintInstruction(mint.publicKey, 6, payer.publicKey, null, TOKEN_2022_PROGRAM_ID),
      createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, payerAta, payer.publicKey, mint.publicKey, TOKEN_2022_PROGRAM_ID),
      createMintToCheckedInstruction(mint.publicKey, payerAta, payer.publicKey, 10_000_000n, 6, [], TOKEN_2022_PROGRAM_ID),
    );
    setup.recentBlockhash = (await conn.getLatestBlockhash()).blockhash;
    setup.feePayer = payer.publicKey;
    setup.sign(payer, mint);
    const setupSig = await conn.sendRawTransaction(setup.serialize());
    // The status must exist (an unknown signature also has no `err`), carry no error, and be final on the dev chain.
    const setupStatus = (await conn.getSignatureStatus(setupSig)).value;
    expect(setupStatus).not.toBeNull();
    expect(setupStatus).toMatchObject({ err: null, confirmationStatus: 'finalized' });
    const feeToken = await adapter.readToken(mint.publicKey.toBase58());
    const config = getTransferFeeConfig(await getMint(conn, mint.publicKey, 'confirmed', TOKEN_2022_PROGRAM_ID))!;
    const { epoch } = await conn.getEpochInfo('confirmed');

    for (const [amount, fee] of [[100_000n, 1_500n], [1_000_000n, 5_000n]] as const) {
      expect(calculateEpochFee(config, BigInt(epoch), amount)).toBe(fee); // the reference agrees with the numbers below
      const to = Keypair.generate().publicKey.toBase58();
      const before = (await getAccount(conn, payerAta, 'confirmed', TOKEN_2022_PROGRAM_ID)).amount;
      const { built, result } = await sendAndWait(adapter, { networkId: network.id, from: A(3), to, amount, token: feeToken }, signerFor(3));
      expect(result.status).toBe('confirmed');
      expect(built.tokenTransferFee).toBe(fee);
      expect(adapter.describe(built)).toMatchObject({ amount: { amount }, tokenTransferFee: { amount: fee }, recipientReceives: { amount: amount - fee } });
      const toAta = getAssociatedTokenAddressSync(mint.publicKey, new PublicKey(to), false, TOKEN_2022_PROGRAM_ID);
      const received = await getAccount(conn, toAta, 'confirmed', TOKEN_2022_PROGRAM_ID);
      expect(received.amount).toBe(amount - fee);
      expect(getTransferFeeAmount(received)?.withheldAmount).toBe(fee);
      expect((await getAccount(conn, payerAta, 'confirmed', TOKEN_2022_PROGRAM_ID)).amount).toBe(before - amount);
    }
  });

  it('reads custom mints (program and decimals from the chain)', async () => {
    expect(await adapter.readToken(SOLANA_DEMO_TOKEN2022_MINT.address)).toMatchObject({ decimals: 6, programId: TOKEN_2022_PROGRAM_ID.toBase58() });
    expect(await adapter.readToken(SOLANA_DEMO_SPL_MINT.address)).toMatchObject({ decimals: 6, programId: TOKEN_PROGRAM_ID.toBase58() });
    await expectCode(adapter.readToken(A(1)), 1110);
  });
});
