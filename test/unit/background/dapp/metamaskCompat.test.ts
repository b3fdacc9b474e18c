// MetaMask compatibility of the EVM dapp methods (issue 10 item 3): lower-case accounts, personal_ecRecover, the legacy
// eth_signTypedData (v1), and the "appear as MetaMask" setting as the provider state carries it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recoverAddress, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeTypedDataV1 } from '../../../../src/background/dapp/decode/typedData';
import { EVM0, EVM1, ORIGIN, codeOf as err, makeDappEnv, resultOf as res } from './dappEnv';

const vectorsOf = <T>(name: string) =>
  (JSON.parse(readFileSync(fileURLToPath(new URL(`../../../vectors/${name}`, import.meta.url)), 'utf8')) as { vectors: T[] }).vectors;
const personalVectors = vectorsOf<{ id: string; message: string; address: string; signature: Hex }>('eip191_personal_sign.json');
const v1Vectors = vectorsOf<{ id: string; typed_data: unknown[]; hash: Hex }>('eth_sign_typed_data_v1.json');

const low0 = EVM0.toLowerCase();
const low1 = EVM1.toLowerCase();

describe('accounts reach dapps in lower case, as MetaMask answers', () => {
  it('eth_requestAccounts, its accountsChanged event, eth_accounts and the permission caveats', async () => {
    const env = await makeDappEnv();
    env.state.decide = () => ({ approved: true, accounts: [EVM0, EVM1] }); // the approval window hands back checksums
    expect(res(await env.call('eth_requestAccounts'))).toEqual([low0, low1]);
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:accountsChanged', data: [low0, low1] }]);
    expect(res(await env.call('eth_accounts'))).toEqual([low0, low1]);
    expect(res(await env.call('eth_requestAccounts'))).toEqual([low0, low1]); // already connected: same answer
    expect(res(await env.call('wallet_getPermissions'))).toMatchObject([{ caveats: [{ type: 'restrictReturnedAccounts', value: [low0, low1] }] }]);
    expect(res(await env.call('wallet_requestPermissions', [{ eth_accounts: {} }])))
      .toMatchObject([{ parentCapability: 'eth_accounts', caveats: [{ value: [low0, low1] }] }]);
  });

  it('the provider seed (meridian_getProviderState) carries the same lower-case accounts, selected first', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM1, EVM0]);
    expect(res(await env.call('meridian_getProviderState'))).toMatchObject({ accounts: [low0, low1] });
  });

  it('signing requests still accept any case of a permitted account', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    env.state.decide = () => ({ approved: true });
    expect(err(await env.call('personal_sign', ['0x68656c6c6f', low0]))).toBe('no error');
    expect(env.asked.at(-1)).toMatchObject({ account: EVM0 }); // the window shows the checksum
  });
});

describe('personal_ecRecover', () => {
  // A 0x-hex message is read as bytes (eth-sig-util, MetaMask), so the one vector that signed such a string as text
  // recovers to someone else; the rest recover to their signer.
  const asText = (v: { id: string }) => v.id === 'hex-looking-string-signed-as-text';
  it.each(personalVectors.filter((v) => !asText(v)).map((v) => [v.id, v] as const))('%s: the signer in lower case, no window, no connection', async (_id, v) => {
    const env = await makeDappEnv();
    expect(res(await env.call('personal_ecRecover', [v.message, v.signature]))).toBe(v.address.toLowerCase());
    expect(env.asked).toHaveLength(0);
  });

  it('a 0x-hex message is its bytes, as in personal_sign and eth-sig-util: a signature over the same text as text does not match', async () => {
    const env = await makeDappEnv();
    const v = personalVectors.find(asText)!;
    expect(res(await env.call('personal_ecRecover', [v.message, v.signature]))).not.toBe(v.address.toLowerCase());
  });

  it('recovers what personal_sign signed', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    env.state.decide = () => ({ approved: true });
    const sig = res(await env.call('personal_sign', ['0xe4bda0e5a5bd', EVM0]));
    expect(res(await env.call('personal_ecRecover', ['0xe4bda0e5a5bd', sig]))).toBe(low0);
    expect(res(await env.call('personal_ecRecover', ['你好', sig]))).toBe(low0); // text is its UTF-8 bytes
  });

  it.each([
    ['no params', undefined],
    ['one param', ['0x00']],
    ['a non-string message', [42, `0x${'11'.repeat(65)}`]],
    ['a signature that is not hex', ['hi', 'zz']],
    ['a 64-byte signature', ['hi', `0x${'11'.repeat(64)}`]],
    ['a signature that recovers nothing', ['hi', `0x${'00'.repeat(65)}`]],
  ])('-32602 for %s', async (_label, params) => {
    const env = await makeDappEnv();
    expect(err(await env.call('personal_ecRecover', params))).toBe(-32602);
  });
});

describe('eth_signTypedData (legacy v1: [typedDataArray, address])', () => {
  const data = v1Vectors.find((v) => v.id === 'typedSignatureHash-multiple-values')!;

  it('4100 before any window when the site is not connected', async () => {
    const env = await makeDappEnv();
    expect(err(await env.call('eth_signTypedData', [data.typed_data, EVM0]))).toBe(4100);
    expect(env.asked).toHaveLength(0);
  });

  it('the window shows each name, type and value; approved, it signs the eth-sig-util V1 hash', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    env.state.decide = () => ({ approved: true });
    const sig = res(await env.call('eth_signTypedData', [data.typed_data, low0])) as Hex;
    expect(env.asked.at(-1)).toMatchObject({
      kind: 'typed-data', family: 'evm', account: EVM0, warnings: [],
      details: { version: 'v1', message: { name: 'message', children: [
        { name: 'message', type: 'string', value: 'Hi, Alice!' },
        { name: 'value', type: 'uint8', value: '10' },
      ] } },
    });
    expect(await recoverAddress({ hash: data.hash, signature: sig })).toBe(EVM0);
    // A JSON string is the same request.
    expect(res(await env.call('eth_signTypedData', [JSON.stringify(data.typed_data), EVM0]))).toBe(sig);
  });

  it('4001 when the user rejects; 4100 for an account the site may not use; -32602 for bad data, before any window', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    expect(err(await env.call('eth_signTypedData', [data.typed_data, EVM0]))).toBe(4001);
    const windows = env.asked.length;
    expect(err(await env.call('eth_signTypedData', [data.typed_data, EVM1]))).toBe(4100);
    expect(err(await env.call('eth_signTypedData', [[{ type: 'uint8', name: 'v', value: 300 }], EVM0]))).toBe(-32602);
    expect(err(await env.call('eth_signTypedData', [{ types: {}, primaryType: 'X', domain: {}, message: {} }, EVM0]))).toBe(-32602);
    expect(err(await env.call('eth_signTypedData', [EVM0, data.typed_data]))).toBe(-32602); // MetaMask's order only
    expect(env.asked).toHaveLength(windows);
  });

  it('the risk rules read the values too: an invisible character becomes a warning in the window', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    await env.call('eth_signTypedData', [[{ type: 'string', name: 'to', value: 'pay\u202Eeman' }], EVM0]);
    expect(env.asked.at(-1)?.warnings.map((w) => w.code)).toContain('invisible-characters');
  });

  it('the hash the signature commits to is the decoder\'s (the V1 vectors)', () => {
    for (const v of v1Vectors) expect(decodeTypedDataV1(v.typed_data).hash).toBe(v.hash);
  });
});

describe('"Appear as MetaMask" in the provider state', () => {
  it('off by default; on once the setting is saved (read by pages loaded after)', async () => {
    const env = await makeDappEnv();
    expect(res(await env.call('meridian_getProviderState'))).toMatchObject({ isMetaMask: false, isDefaultWallet: false });
    await env.wallet.updateSettings({ appearAsMetaMask: true });
    expect(res(await env.call('meridian_getProviderState'))).toMatchObject({ isMetaMask: true, isDefaultWallet: false });
    await env.wallet.updateSettings({ appearAsMetaMask: false });
    expect(res(await env.call('meridian_getProviderState'))).toMatchObject({ isMetaMask: false });
  });
});
