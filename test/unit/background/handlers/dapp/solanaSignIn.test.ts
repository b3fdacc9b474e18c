// Issue 9 item 7: solana:signIn is no silent oracle. Whether the address is in the wallet and whether the wallet is
// locked, the page sees the same thing after the same user step; only an own account, approved, gets a signature.
import { describe, expect, it } from 'vitest';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import { Keypair } from '@solana/web3.js';
import { makeDappEnv } from '../../dapp/dappEnv';

const STRANGER = Keypair.generate().publicKey.toBase58();
const signIn = (address: string) => ({ input: { address, statement: 'Sign in to the demo' } });

describe('solana:signIn without oracles', () => {
  it('rejecting gives the same answer after one window, for own and foreign addresses, locked or unlocked', async () => {
    const answers: unknown[] = [];
    for (const locked of [false, true]) {
      for (const own of [true, false]) {
        const env = await makeDappEnv();
        if (locked) await env.wallet.lock();
        const address = own ? env.accounts.solana[0] : STRANGER;
        const r = await env.call('solana:signIn', signIn(address), 'solana');
        expect(env.asked).toHaveLength(1);
        expect(env.asked[0]).toMatchObject({ kind: 'solana-sign-in', account: address });
        expect((env.asked[0]!.details as { notInWallet?: boolean }).notInWallet).toBe(own ? undefined : true);
        answers.push(r);
      }
    }
    expect(answers.map((a) => (a as { error?: unknown }).error)).toEqual(Array(4).fill({ code: 4001, message: 'User rejected the request.' }));
  });

  it('a foreign address ends as a rejection even when "approved", with a danger notice in the window', async () => {
    const env = await makeDappEnv();
    env.state.decide = () => ({ approved: true });
    expect(await env.call('solana:signIn', signIn(STRANGER), 'solana')).toMatchObject({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(env.asked[0]!.warnings[0]).toMatchObject({ level: 'danger', code: 'account-not-in-wallet' });
    expect(await env.ctx.permissions.get(env.ctx.origin, 'solana')).toBeNull();
  });

  it('locked, own address: the window unlocks, the user approves, the page gets a signature tweetnacl verifies', async () => {
    const env = await makeDappEnv();
    await env.wallet.lock();
    env.state.decide = async () => { await env.wallet.unlock({ password: 'dapp test password' }); return { approved: true }; };
    const address = env.accounts.solana[0];
    const r = await env.call('solana:signIn', signIn(address), 'solana') as { result: { account: string; signedMessage: string; signature: string } };
    expect(r.result.account).toBe(address);
    const message = Buffer.from(r.result.signedMessage, 'base64');
    expect(message.toString('utf8')).toContain(`${address}\n\nSign in to the demo`);
    expect(nacl.sign.detached.verify(message, Buffer.from(r.result.signature, 'base64'), bs58.decode(address))).toBe(true);
  });
});
