// Approvals follow permission and lock state (issue 9 item 2): a disconnect, a lock or an account that left the wallet
// withdraws waiting requests (4100), and every signing handler checks again after the user's click, before signing.
import { PublicKey, SystemProgram, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { createApprovals, type Approvals } from '../../../../src/background/dapp/approvals';
import { dispatchPopup } from '../../../../src/background/handlers/popup';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { bytesToBase64 } from '../../../../src/shared/encoding';
import type { DappResponse } from '../../../../src/shared/protocol/envelope';
import { EVM0, EVM1, ORIGIN, fakeEvmNode, makeDappEnv, type DappEnv } from './dappEnv';

const DISCONNECTED = { code: 4100, message: 'The site was disconnected.' };
const NOT_AUTHORIZED = { code: 4100, message: 'The requested account has not been authorized by the user.' };
const LOCKED = { code: 4100, message: 'The wallet is locked.', data: { walletCode: 1000 } };
const GONE = { code: 4100, message: 'The requested account is no longer in this wallet.' };
const OTHER = 'https://other.example';
const OTHER_PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const tick = () => new Promise<void>((r) => setImmediate(r));
const until = (cond: () => boolean) => expect.poll(cond, { timeout: 10_000, interval: 2 }).toBe(true);
/** 'pending' when the request is still waiting once the callbacks already queued have run (never hangs). */
async function stillWaiting(p: Promise<DappResponse>): Promise<DappResponse | 'pending'> {
  let out: DappResponse | 'pending' = 'pending';
  void p.then((r) => { out = r; });
  for (let i = 0; i < 40 && out === 'pending'; i++) await tick();
  return out;
}
/** The answer as soon as it comes, or 'no answer' after 10 s (so a request left waiting fails with a clear value). */
function answered(p: Promise<DappResponse>): Promise<DappResponse | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'no answer'>((r) => { timer = setTimeout(() => r('no answer'), 10_000); })]).finally(() => clearTimeout(timer));
}
const errorOf = (r: DappResponse | 'pending' | 'no answer') => (typeof r !== 'string' && 'error' in r ? r.error : r);

/** A transfer from the user's Solana account (the fee payer, signer slot 0). */
function solanaTransfer(from: string): string {
  const message = new TransactionMessage({
    payerKey: new PublicKey(from), recentBlockhash: new PublicKey(new Uint8Array(32).fill(3)).toBase58(),
    instructions: [SystemProgram.transfer({ fromPubkey: new PublicKey(from), toPubkey: new PublicKey(new Uint8Array(32).fill(9)), lamports: 5 })],
  }).compileToV0Message();
  return bytesToBase64(new VersionedTransaction(message).serialize());
}

/** Each signing method of a connected site, with what proves nothing was signed or sent. */
const SIGNERS: Array<[string, 'evm' | 'solana', (env: DappEnv) => unknown]> = [
  ['personal_sign', 'evm', () => ['0x68656c6c6f', EVM0]],
  ['eth_signTypedData_v4', 'evm', () => [EVM0, JSON.stringify({ types: { EIP712Domain: [{ name: 'name', type: 'string' }], M: [{ name: 'x', type: 'uint256' }] }, domain: { name: 'T' }, primaryType: 'M', message: { x: '1' } })]],
  ['eth_sendTransaction', 'evm', () => [{ from: EVM0, to: EVM1, value: '0x1' }]],
  ['solana:signMessage', 'solana', (env) => ({ account: env.accounts.solana[0], message: bytesToBase64(new TextEncoder().encode('hello')) })],
  ['solana:signTransaction', 'solana', (env) => ({ account: env.accounts.solana[0], transaction: solanaTransfer(env.accounts.solana[0]) })],
];

async function connected() {
  const env = await makeDappEnv();
  await env.connect('evm', [EVM0, EVM1]);
  await env.connect('solana', [env.accounts.solana[0]]);
  const node = fakeEvmNode();
  env.state.node = node.node;
  return { env, node };
}

describe('the check after the user approves, before anything is signed', () => {
  it.each(SIGNERS)('%s: the site was disconnected while the user read → 4100, nothing signed or sent', async (method, family, params) => {
    const { env, node } = await connected();
    env.state.decide = () => env.ctx.permissions.revoke(ORIGIN).then(() => ({ approved: true }));
    expect(errorOf(await env.call(method, params(env), family))).toEqual(DISCONNECTED);
    expect(env.asked).toHaveLength(1);
    expect(node.raws).toEqual([]);
  });

  it.each(SIGNERS)('%s: the account is no longer one the site may use → 4100', async (method, family, params) => {
    const { env } = await connected();
    // The grant was narrowed meanwhile (revoked, then connected again with another account).
    env.state.decide = async () => {
      await env.ctx.permissions.revoke(ORIGIN, family);
      await env.ctx.permissions.grant(ORIGIN, family, [family === 'evm' ? EVM1 : env.accounts.solana[1]]);
      return { approved: true };
    };
    expect(errorOf(await env.call(method, params(env), family))).toEqual(NOT_AUTHORIZED);
  });

  it.each(SIGNERS)('%s: the wallet was locked while the user read → 4100 locked', async (method, family, params) => {
    const { env } = await connected();
    env.state.decide = () => env.wallet.lock().then(() => ({ approved: true }));
    expect(errorOf(await env.call(method, params(env), family))).toEqual(LOCKED);
  });

  it('personal_sign: the account left the wallet (another wallet was set up) while the user read → 4100', async () => {
    const { env } = await connected();
    env.state.decide = async () => {
      await env.wallet.setupWallet({ phrase: OTHER_PHRASE, password: 'another password', replaceExisting: true });
      return { approved: true };
    };
    expect(errorOf(await env.call('personal_sign', ['0x68656c6c6f', EVM0]))).toEqual(GONE);
  });
});

/** Real queue; the wallet's change notice wired as in the background. */
async function withQueue() {
  const opened: number[] = [];
  const closed: number[] = [];
  const approvals: Approvals = createApprovals({
    session: createMemoryStorage(),
    openWindow: async () => { opened.push(opened.length + 1); return opened.length; },
    closeWindow: async (w) => { closed.push(w); },
  });
  // The last re-check the wallet's change notice started (awaited before asserting that a request still waits).
  let check: Promise<void> = Promise.resolve();
  const env: DappEnv = await makeDappEnv({ approvals, onWalletChange: () => { check = approvals.onWalletChanged(env.ctx); } });
  await env.connect('evm', [EVM0]);
  await env.connect('solana', [env.accounts.solana[0]]);
  let n = 0;
  const ask = (method: string, params: unknown, family: 'evm' | 'solana' = 'evm', origin = ORIGIN) =>
    env.route({ id: `q${++n}`, family, method, params }, { ...env.ctx, origin }) as Promise<DappResponse>;
  return { env, approvals, opened, closed, ask, checked: () => check };
}

describe('waiting requests are withdrawn when the site is disconnected, the wallet locks or the account goes', () => {
  it('Disconnect in the wallet: the open and the queued requests of that site get 4100 at once; another site keeps its own', async () => {
    const { env, approvals, opened, closed, ask } = await withQueue();
    await env.ctx.permissions.grant(OTHER, 'evm', [EVM0]);
    const first = ask('personal_sign', ['0x01', EVM0]);
    const other = ask('personal_sign', ['0x02', EVM0], 'evm', OTHER);
    const second = ask('solana:signMessage', { account: env.accounts.solana[0], message: bytesToBase64(new Uint8Array([3])) }, 'solana');
    await until(() => approvals.current().total === 3);
    expect(await dispatchPopup({ id: 1, method: 'revokeSite', params: { origin: ORIGIN } }, { wallet: env.wallet, approvals, permissions: env.ctx.permissions }))
      .toEqual({ id: 1, result: null });
    expect(errorOf(await answered(first))).toEqual(DISCONNECTED);
    expect(errorOf(await answered(second))).toEqual(DISCONNECTED);
    expect(await stillWaiting(other)).toBe('pending');
    expect(approvals.current()).toMatchObject({ total: 1, request: { origin: OTHER } });
    expect(opened).toEqual([1]);
    expect(closed).toEqual([]); // the window stays for the other site
    approvals.rejectAll();
    expect(errorOf(await answered(other))).toEqual({ code: 4001, message: 'User rejected the request.' });
    expect(closed).toEqual([1]);
  });

  it('the site revokes its own EVM grant: its waiting EVM request gets 4100, its Solana request stays', async () => {
    const { env, approvals, ask } = await withQueue();
    const evm = ask('personal_sign', ['0x01', EVM0]);
    const sol = ask('solana:signMessage', { account: env.accounts.solana[0], message: bytesToBase64(new Uint8Array([3])) }, 'solana');
    await until(() => approvals.current().total === 2);
    expect(await ask('wallet_revokePermissions', [{ eth_accounts: {} }])).toMatchObject({ result: null });
    expect(errorOf(await answered(evm))).toEqual(DISCONNECTED);
    expect(await stillWaiting(sol)).toBe('pending');
    expect(approvals.current().request).toMatchObject({ family: 'solana', kind: 'solana-sign-message' });
  });

  it('a lock withdraws the requests made while unlocked (4100 locked); one made while locked waits for the unlock', async () => {
    const { env, approvals, closed, ask, checked } = await withQueue();
    const sign = ask('personal_sign', ['0x01', EVM0]);
    const sol = ask('solana:signMessage', { account: env.accounts.solana[0], message: bytesToBase64(new Uint8Array([3])) }, 'solana');
    await until(() => approvals.current().total === 2);
    await env.wallet.lock();
    expect(errorOf(await answered(sign))).toEqual(LOCKED);
    expect(errorOf(await answered(sol))).toEqual(LOCKED);
    await until(() => closed.length === 1);
    // Asked while locked: the window shows the unlock form first; more lock notices do not withdraw it.
    const later = ask('personal_sign', ['0x02', EVM0]);
    await until(() => approvals.current().total === 1);
    await env.wallet.lock();
    await checked();
    expect(await stillWaiting(later)).toBe('pending');
    await env.wallet.unlock({ password: 'dapp test password' });
    await checked();
    expect(await stillWaiting(later)).toBe('pending');
    approvals.resolve(approvals.current().request!.id, { approved: true });
    expect(await later).toMatchObject({ result: expect.stringMatching(/^0x[0-9a-f]{130}$/) });
    // Seen unlocked now: the next lock withdraws a request made while locked too.
    await env.wallet.lock();
    const again = ask('personal_sign', ['0x03', EVM0]);
    await until(() => approvals.current().total === 1);
    await env.wallet.unlock({ password: 'dapp test password' });
    await checked();
    await env.wallet.lock();
    expect(errorOf(await answered(again))).toEqual(LOCKED);
  });

  it('the account left the wallet (another wallet set up) while a request waits: 4100, before any click', async () => {
    const { env, approvals, ask, checked } = await withQueue();
    const sign = ask('personal_sign', ['0x01', EVM0]);
    const connect = ask('eth_requestAccounts', [], 'evm', OTHER);
    await until(() => approvals.current().total === 2);
    await env.wallet.setupWallet({ phrase: OTHER_PHRASE, password: 'another password', replaceExisting: true });
    await until(() => approvals.current().total === 1);
    expect(errorOf(await answered(sign))).toEqual(GONE);
    await checked();
    expect(await stillWaiting(connect)).toBe('pending'); // a connect names no account: it stays
  });
});
