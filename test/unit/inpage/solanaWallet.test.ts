import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { describe, expect, it, vi } from 'vitest';
import { MeridianSolanaAccount, MeridianSolanaWallet, SOLANA_CHAINS } from '../../../src/inpage/solanaWallet';
import { ProviderRpcError } from '../../../src/inpage/transport';
import { fakeTransport, type Call } from './fakeTransport';

const kp = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const ADDRESS = bs58.encode(kp.publicKey);
const OTHER = bs58.encode(nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9)).publicKey);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => Uint8Array.from(Buffer.from(s, 'base64'));

/** A background that really signs with tweetnacl, so the outputs can be verified independently. */
function background(call: Call): unknown {
  const p = call.params as { message: string; transaction: string; input?: Record<string, unknown>; inputs?: unknown[] };
  switch (call.method) {
    case 'solana:connect': return { accounts: [ADDRESS] };
    case 'solana:disconnect': return null;
    case 'solana:signMessage': return { signedMessage: p.message, signature: b64(nacl.sign.detached(unb64(p.message), kp.secretKey)) };
    case 'solana:signTransaction': {
      const one = (x: { transaction: string }) => ({ signedTransaction: b64(Uint8Array.from([...unb64(x.transaction), 1])) });
      return Array.isArray(p.inputs) ? (p.inputs as { transaction: string }[]).map(one) : one(p as { transaction: string });
    }
    case 'solana:signAndSendTransaction': {
      const one = (i: number) => ({ signature: bs58.encode(new Uint8Array(64).fill(5 + i)) });
      return Array.isArray(p.inputs) ? p.inputs.map((_x: unknown, i: number) => one(i)) : one(0);
    }
    case 'solana:signIn': {
      const msg = new TextEncoder().encode(`${p.input?.domain ?? 'dapp'} wants you to sign in`);
      return { account: ADDRESS, signedMessage: b64(msg), signature: b64(nacl.sign.detached(msg, kp.secretKey)) };
    }
    default: throw new ProviderRpcError(4200, 'unsupported');
  }
}

describe('MeridianSolanaAccount', () => {
  it('is frozen and hands out copies', () => {
    const a = new MeridianSolanaAccount(ADDRESS);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.address).toBe(ADDRESS);
    expect(a.publicKey).toEqual(kp.publicKey);
    a.publicKey.fill(0);
    a.chains.pop();
    expect(a.publicKey).toEqual(kp.publicKey);
    expect(a.chains).toEqual([...SOLANA_CHAINS]);
    expect(a.features).toEqual(['solana:signTransaction', 'solana:signAndSendTransaction', 'solana:signMessage', 'solana:signIn']);
    expect(() => new MeridianSolanaAccount('abc')).toThrow(TypeError);
  });
});

describe('MeridianSolanaWallet', () => {
  it('describes itself per the Wallet Standard', () => {
    const w = new MeridianSolanaWallet(fakeTransport(background).transport);
    expect(w.version).toBe('1.0.0');
    expect(w.name).toBe('Meridian');
    expect(w.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(w.chains).toEqual(['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet']);
    expect(Object.keys(w.features).sort()).toEqual(['solana:signAndSendTransaction', 'solana:signIn', 'solana:signMessage',
      'solana:signTransaction', 'standard:connect', 'standard:disconnect', 'standard:events']);
    expect(w.features['solana:signTransaction'].supportedTransactionVersions).toEqual(['legacy', 0]);
    expect(Object.isFrozen(w)).toBe(true);
    expect(w.accounts).toEqual([]);
  });

  it('connects (silent flag passed through), emits change, disconnects', async () => {
    const f = fakeTransport(background);
    const w = new MeridianSolanaWallet(f.transport);
    const changes: string[][] = [];
    const off = w.features['standard:events'].on('change', ({ accounts }) => changes.push((accounts ?? []).map((a) => a.address)));
    const { accounts } = await w.features['standard:connect'].connect({ silent: true });
    expect(f.calls.at(-1)).toEqual({ family: 'solana', method: 'solana:connect', params: { silent: true } });
    expect(accounts.map((a) => a.address)).toEqual([ADDRESS]);
    expect(w.accounts[0]).toBe(accounts[0]); // the same object for the same address
    await w.features['standard:connect'].connect();
    expect(f.calls.at(-1)!.params).toEqual({});
    expect(changes).toEqual([[ADDRESS]]); // no change event when nothing changed
    await w.features['standard:disconnect'].disconnect();
    expect(w.accounts).toEqual([]);
    off();
    f.push({ event: 'solana:accountsChanged', data: [OTHER, 'not-an-address', OTHER] });
    expect(changes).toEqual([[ADDRESS], []]);
    expect(w.accounts.map((a) => a.address)).toEqual([OTHER]);
  });

  it('accounts name the selected cluster; a cluster switch gives new account objects on that cluster and one change event', async () => {
    const f = fakeTransport((c) => (c.method === 'solana:connect' ? { accounts: [ADDRESS], chain: 'solana:localnet' } : background(c)));
    const w = new MeridianSolanaWallet(f.transport);
    const changes: Array<Array<[string, string[]]>> = [];
    w.features['standard:events'].on('change', ({ accounts }) => changes.push((accounts ?? []).map((a) => [a.address, [...a.chains]])));
    const [before] = (await w.features['standard:connect'].connect()).accounts;
    expect(before!.chains).toEqual(['solana:localnet']);
    expect(w.chains).toEqual(['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet']); // the wallet supports all
    f.push({ event: 'solana:chainChanged', data: 'solana:devnet' });
    expect(w.accounts[0]!.chains).toEqual(['solana:devnet']);
    expect(w.accounts[0]).not.toBe(before);
    f.push({ event: 'solana:chainChanged', data: 'solana:devnet' }); // the same cluster: nothing
    f.push({ event: 'solana:chainChanged', data: 'not a chain' }); // garbage: ignored
    f.push({ event: 'solana:chainChanged', data: 42 as never });
    expect(changes).toEqual([[[ADDRESS, ['solana:localnet']]], [[ADDRESS, ['solana:devnet']]]]);
  });

  it('signs a message: base64 over the wire, bytes out, verifiable with tweetnacl', async () => {
    const f = fakeTransport(background);
    const w = new MeridianSolanaWallet(f.transport);
    const [account] = (await w.features['standard:connect'].connect()).accounts;
    const message = new TextEncoder().encode('hello meridian');
    const [out] = await w.features['solana:signMessage'].signMessage({ account: account!, message });
    expect(f.calls.at(-1)).toEqual({ family: 'solana', method: 'solana:signMessage', params: { account: ADDRESS, message: b64(message) } });
    expect(out!.signedMessage).toEqual(message);
    expect(nacl.sign.detached.verify(out!.signedMessage, out!.signature, account!.publicKey)).toBe(true);
  });

  it('signs transactions, leaving the chain to the selected cluster when the dapp names none, and decodes signAndSend signatures', async () => {
    const f = fakeTransport(background);
    const w = new MeridianSolanaWallet(f.transport);
    const [account] = (await w.features['standard:connect'].connect()).accounts;
    const tx = Uint8Array.from([1, 2, 3]);
    const one = await w.features['solana:signTransaction'].signTransaction({ account: account!, transaction: tx });
    expect(one.map((o) => [...o.signedTransaction])).toEqual([[1, 2, 3, 1]]);
    expect(f.calls.at(-1)!.params).toEqual({ account: ADDRESS, transaction: 'AQID' });
    // Several inputs: one request (one window), answers in input order.
    const calls = f.calls.length;
    const outs = await w.features['solana:signTransaction'].signTransaction({ account: account!, transaction: tx, chain: 'solana:localnet' }, { account: account!, transaction: Uint8Array.from([9]), chain: 'solana:localnet' });
    expect(outs.map((o) => [...o.signedTransaction])).toEqual([[1, 2, 3, 1], [9, 1]]);
    expect(f.calls.length).toBe(calls + 1);
    expect(f.calls.at(-1)!.params).toEqual({ inputs: [{ account: ADDRESS, chain: 'solana:localnet', transaction: 'AQID' }, { account: ADDRESS, chain: 'solana:localnet', transaction: 'CQ==' }] });
    const two = await w.features['solana:signAndSendTransaction'].signAndSendTransaction({ account: account!, transaction: tx, chain: 'solana:localnet' }, { account: account!, transaction: tx, chain: 'solana:localnet' });
    expect(two.map((o) => o.signature[0])).toEqual([5, 6]);
    const [sent] = await w.features['solana:signAndSendTransaction'].signAndSendTransaction({
      account: account!, transaction: tx, chain: 'solana:devnet', options: { commitment: 'confirmed', skipPreflight: true, evil: () => 1 } as never });
    expect(sent!.signature).toEqual(new Uint8Array(64).fill(5));
    expect(f.calls.at(-1)!.params).toEqual({ account: ADDRESS, chain: 'solana:devnet', transaction: 'AQID', options: { commitment: 'confirmed', skipPreflight: true } });
  });

  it('signs in: only known input fields cross; output account is a wallet account', async () => {
    const f = fakeTransport(background);
    const w = new MeridianSolanaWallet(f.transport);
    const changed = vi.fn();
    w.features['standard:events'].on('change', changed);
    const [out] = await w.features['solana:signIn'].signIn({ domain: 'dapp.example', nonce: 'abc12345', resources: ['https://a', 3 as never], extra: 'x' } as never);
    expect(f.calls.at(-1)!.params).toEqual({ input: { domain: 'dapp.example', nonce: 'abc12345', resources: ['https://a'] } });
    expect(out!.account.address).toBe(ADDRESS);
    expect(w.accounts[0]).toBe(out!.account);
    expect(out!.signatureType).toBe('ed25519');
    expect(nacl.sign.detached.verify(out!.signedMessage, out!.signature, kp.publicKey)).toBe(true);
    expect(changed).toHaveBeenCalledTimes(1);
    await w.features['solana:signIn'].signIn();
    expect(f.calls.at(-1)!.params).toEqual({});
  });

  it('rejects bad inputs before sending and bad answers after', async () => {
    const f = fakeTransport((c) => (c.method === 'solana:signMessage' ? { signature: 'not base64!' } : background(c)));
    const w = new MeridianSolanaWallet(f.transport);
    const [account] = (await w.features['standard:connect'].connect()).accounts;
    const n = f.calls.length;
    await expect(w.features['solana:signMessage'].signMessage({ account: account!, message: 'text' as never })).rejects.toMatchObject({ code: -32602 });
    await expect(w.features['solana:signMessage'].signMessage({ account: {} as never, message: new Uint8Array(1) })).rejects.toMatchObject({ code: -32602 });
    expect(f.calls.length).toBe(n);
    await expect(w.features['solana:signMessage'].signMessage({ account: account!, message: new Uint8Array(1) })).rejects.toMatchObject({ code: -32603 });
  });

  it('passes the background error code to the dapp', async () => {
    const w = new MeridianSolanaWallet(fakeTransport(() => { throw new ProviderRpcError(4001, 'User rejected the request.'); }).transport);
    await expect(w.features['standard:connect'].connect()).rejects.toMatchObject({ code: 4001 });
  });
});
