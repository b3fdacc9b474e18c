import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { InvalidPrivateKeyError } from '../../../../src/shared/errors';
import {
  parseEvmPrivateKey, parsePrivateKey, parseSolanaSecretKey, solanaSecretToBase58,
} from '../../../../src/background/vault/privateKeys';
import { caughtSync } from '../../helpers/errors';
import { KNOWN, evmAccounts, hex, solanaAccounts, unhex } from '../../helpers/vectors';

const hardhat0 = evmAccounts(KNOWN.testEvm)[0]!; // 0xac09…ff80 → 0xf39F…2266 (published in viem's test constants)
const HH0 = hardhat0.private_key.slice(2);
const N = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'; // secp256k1 group order

/** The error must be InvalidPrivateKeyError 1004 with this reason, and must not repeat the input. */
function expectKeyError(fn: () => unknown, input: string, reason: string) {
  const e = caughtSync(fn);
  expect(e).toBeInstanceOf(InvalidPrivateKeyError);
  expect(e.code).toBe(1004);
  expect((e.data as { reason: string }).reason).toBe(reason);
  const text = `${e.message} ${JSON.stringify(e.data)}`.toLowerCase();
  const core = input.trim().replace(/^0x/i, '').toLowerCase();
  if (core.length >= 8) {
    expect(text).not.toContain(core);
    for (let i = 0; i + 16 <= core.length; i += 8) expect(text).not.toContain(core.slice(i, i + 16));
  }
  return e;
}

describe('EVM private key import', () => {
  it.each([
    ['with 0x', `0x${HH0}`],
    ['without 0x', HH0],
    ['upper case with 0X', `0X${HH0.toUpperCase()}`],
    ['upper case without prefix', HH0.toUpperCase()],
    ['surrounded by whitespace', `  \n0x${HH0}\t `],
  ])('%s → Hardhat account 0', (_n, input) => {
    expect(parseEvmPrivateKey(input)).toEqual({ family: 'evm', secretHex: HH0, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' });
    expect(parsePrivateKey('evm', input).address).toBe(hardhat0.address);
  });

  it('every known EVM key maps to its address', () => {
    for (const id of [KNOWN.testEvm, KNOWN.genEvm]) {
      for (const a of evmAccounts(id)) expect(parseEvmPrivateKey(a.private_key).address).toBe(a.address);
    }
  });

  it.each([
    ['not hex (g)', `0x${HH0.slice(0, 63)}g`, 'not-hex'],
    ['not hex (space inside)', `${HH0.slice(0, 32)} ${HH0.slice(32)}`, 'not-hex'],
    ['empty', '', 'not-hex'],
    ['only 0x', '0x', 'not-hex'],
    ['63 characters', HH0.slice(0, 63), 'length'],
    ['65 characters', `${HH0}a`, 'length'],
    ['63 characters with 0x', `0x${HH0.slice(1)}`, 'length'],
    ['zero key', '0'.repeat(64), 'range'],
    ['key = n', N, 'range'],
    ['key = n + 1', `${N.slice(0, 63)}2`, 'range'],
    ['key = 2^256 - 1', 'f'.repeat(64), 'range'],
  ])('%s → 1004 %s', (_n, input, reason) => {
    const e = expectKeyError(() => parseEvmPrivateKey(input), input, reason);
    if (reason === 'length') expect((e.data as { length: number }).length).toBe(input.replace(/^0x/i, '').length);
  });

  it('n - 1 and 1 are valid scalars', () => {
    expect(parseEvmPrivateKey(`${N.slice(0, 63)}0`).secretHex).toBe(`${N.slice(0, 63)}0`);
    // key 1 → the address of the generator point, a widely published value
    expect(parseEvmPrivateKey('1'.padStart(64, '0')).address).toBe('0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf');
  });
});

describe('Solana secret key import', () => {
  const withBase58 = [...solanaAccounts(KNOWN.testSolana), ...solanaAccounts(KNOWN.genSolana)];

  it.each(withBase58.map((a) => [a.address, a] as const))('base58 64-byte secret of %s', (_addr, a) => {
    expect(parseSolanaSecretKey(a.secret_key_64_base58)).toEqual({ family: 'solana', secretHex: a.private_key_seed_hex, address: a.address });
    expect(parsePrivateKey('solana', `\n ${a.secret_key_64_base58} \n`).address).toBe(a.address);
    expect(solanaSecretToBase58(a.private_key_seed_hex)).toBe(a.secret_key_64_base58);
  });

  it('JSON byte array as solana-keygen writes it (and pretty-printed)', () => {
    const a = solanaAccounts(KNOWN.genSolana)[3]!;
    const kp = Keypair.fromSeed(unhex(a.private_key_seed_hex));
    expect(kp.publicKey.toBase58()).toBe(a.address);
    const compact = JSON.stringify(Array.from(kp.secretKey)); // "[n,n,...]" — solana-keygen's format
    expect(parseSolanaSecretKey(compact)).toEqual({ family: 'solana', secretHex: a.private_key_seed_hex, address: a.address });
    expect(parseSolanaSecretKey(JSON.stringify(Array.from(kp.secretKey), null, 2)).address).toBe(a.address);
  });

  it('a web3.js-generated keypair round trips through base58 and JSON', () => {
    const kp = Keypair.fromSeed(Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1));
    const expected = { family: 'solana', secretHex: hex(kp.secretKey.subarray(0, 32)), address: kp.publicKey.toBase58() };
    expect(parseSolanaSecretKey(bs58.encode(kp.secretKey))).toEqual(expected);
    expect(parseSolanaSecretKey(JSON.stringify(Array.from(kp.secretKey)))).toEqual(expected);
  });

  const a0 = solanaAccounts(KNOWN.testSolana)[0]!;
  const a1 = solanaAccounts(KNOWN.testSolana)[1]!;
  const secret0 = bs58.decode(a0.secret_key_64_base58);
  const mixed = new Uint8Array(64);
  mixed.set(unhex(a0.private_key_seed_hex));
  mixed.set(unhex(a1.public_key_hex), 32);
  const arr = Array.from(secret0);

  it.each([
    ['bad base58 character 0', `${a0.secret_key_64_base58.slice(0, 40)}0${a0.secret_key_64_base58.slice(41)}`, 'not-base58'],
    ['bad base58 character l', `l${a0.secret_key_64_base58.slice(1)}`, 'not-base58'],
    ['empty', '', 'not-base58'],
    ['32-byte input (seed only)', bs58.encode(unhex(a0.private_key_seed_hex)), 'length'],
    ['32-byte JSON array', JSON.stringify(arr.slice(0, 32)), 'length'],
    ['65 bytes', bs58.encode(Uint8Array.from([...arr, 1])), 'length'],
    ['inconsistent public half', bs58.encode(mixed), 'mismatch'],
    ['inconsistent public half (JSON)', JSON.stringify(Array.from(mixed)), 'mismatch'],
    ['JSON with 300', JSON.stringify([300, ...arr.slice(1)]), 'json'],
    ['JSON with -1', JSON.stringify([...arr.slice(0, 63), -1]), 'json'],
    ['JSON with 1.5', JSON.stringify([1.5, ...arr.slice(1)]), 'json'],
    ['JSON with a string', JSON.stringify(['1', ...arr.slice(1)]), 'json'],
    ['broken JSON', JSON.stringify(arr).slice(0, -1), 'json'],
  ])('%s → 1004 %s', (_n, input, reason) => {
    const e = expectKeyError(() => parseSolanaSecretKey(input), input, reason);
    const text = `${e.message} ${JSON.stringify(e.data)}`;
    // nor the seed / address of the key in any form
    expect(text).not.toContain(a0.private_key_seed_hex);
    expect(text).not.toContain(arr.slice(0, 6).join(','));
    if (input.length > 20) expect(text).not.toContain(input.slice(5, 25));
  });
});
