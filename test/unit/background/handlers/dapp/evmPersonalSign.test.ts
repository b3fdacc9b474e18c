// personal_sign parameter order: [message, address] per spec; [address, message] (some dapps) is accepted when
// unambiguous, and an ambiguous pair (two addresses) is read in the spec's order.
import { describe, expect, it } from 'vitest';
import { recoverMessageAddress, type Hex } from 'viem';
import { EVM0, EVM1, makeDappEnv } from '../../dapp/dappEnv';

async function setup(accounts: string[] = [EVM0]) {
  const env = await makeDappEnv();
  await env.connect('evm', accounts);
  env.state.decide = () => ({ approved: true });
  return env;
}

describe('personal_sign with swapped parameters', () => {
  it('[address, hex message]: the account signs the message bytes, and the window showed that text for that account', async () => {
    const env = await setup();
    const r = await env.call('personal_sign', [EVM0, '0x68656c6c6f']);
    expect('result' in r).toBe(true);
    expect(await recoverMessageAddress({ message: 'hello', signature: (r as { result: Hex }).result })).toBe(EVM0);
    expect(env.asked).toEqual([expect.objectContaining({ kind: 'personal-sign', account: EVM0, details: expect.objectContaining({ text: 'hello' }) })]);
  });

  it('[address, plain text]: signs the UTF-8 text', async () => {
    const env = await setup();
    const r = await env.call('personal_sign', [EVM0.toLowerCase(), 'Sign in to dapp.example']);
    expect(await recoverMessageAddress({ message: 'Sign in to dapp.example', signature: (r as { result: Hex }).result })).toBe(EVM0);
  });

  it('two addresses: the spec order wins, the second one signs the first as message bytes', async () => {
    const env = await setup([EVM0, EVM1]);
    const r = await env.call('personal_sign', [EVM0, EVM1]);
    expect(await recoverMessageAddress({ message: { raw: EVM0 as Hex }, signature: (r as { result: Hex }).result })).toBe(EVM1);
    expect(env.asked[0]).toMatchObject({ account: EVM1 });
  });

  it('swapped, for an account the site may not use: 4100 before any window', async () => {
    const env = await setup();
    expect(await env.call('personal_sign', [EVM1, '0x68656c6c6f'])).toMatchObject({
      error: { code: 4100, message: 'The requested account has not been authorized by the user.' },
    });
    expect(env.asked).toHaveLength(0);
  });
});
