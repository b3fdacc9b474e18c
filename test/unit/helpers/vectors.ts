/** Typed readers for the copied test vectors in test/vectors (see test/vectors/SOURCES.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../vectors/', import.meta.url));
function load<T>(name: string): T {
  return JSON.parse(readFileSync(dir + name, 'utf8')) as T;
}

export type Bip39Vector = {
  id: string;
  language: 'english' | 'chinese_simplified' | 'japanese';
  entropy: string;
  mnemonic: string;
  passphrase: string;
  seed: string;
  bip32_xprv?: string;
};
export const bip39Vectors = load<{ vectors: Bip39Vector[] }>('bip39.json').vectors;

export type Bip32Chain = { chain: string; path: string; xpub: string; xprv: string };
export type Bip32Vector = {
  id: string;
  seed?: string;
  chains?: Bip32Chain[];
  invalid_keys?: Array<{ extended_key: string; reason: string }>;
};
export const bip32Vectors = load<{ vectors: Bip32Vector[] }>('bip32.json').vectors;

export type Slip10Chain = { chain: string; path: string; fingerprint: string; chain_code: string; private_key: string; public_key: string };
export type Slip10Vector = { id: string; curve: string; seed: string; chains: Slip10Chain[] };
export const slip10Vectors = load<{ vectors: Slip10Vector[] }>('slip10_ed25519.json').vectors;

export type EvmKnownAccount = { index: number; path: string; address: string; private_key: string; public_key_compressed: string };
export type SolanaKnownAccount = {
  index: number; path: string; address: string; public_key_hex: string; private_key_seed_hex: string; secret_key_64_base58: string;
};
export type KnownDerivation = {
  id: string;
  chain: 'evm' | 'solana';
  mnemonic: string;
  passphrase: string;
  bip39_seed: string;
  path_template: string;
  accounts: Array<EvmKnownAccount | SolanaKnownAccount>;
};
const known = load<{ vectors: KnownDerivation[] }>('derivation_known.json').vectors;

export function knownById(id: string): KnownDerivation {
  const v = known.find((k) => k.id === id);
  if (!v) throw new Error(`missing vector ${id}`);
  return v;
}
export const evmAccounts = (id: string) => knownById(id).accounts as EvmKnownAccount[];
export const solanaAccounts = (id: string) => knownById(id).accounts as SolanaKnownAccount[];

/** The ids in derivation_known.json, by role. */
export const KNOWN = {
  testEvm: 'evm-hardhat-anvil-default-accounts',
  testSolana: 'solana-test-mnemonic-4-level',
  testSolana3: 'solana-test-mnemonic-3-level',
  genEvm: 'evm-generated-24-word',
  genSolana: 'solana-generated-24-word-4-level',
} as const;

export const TEST_MNEMONIC = knownById(KNOWN.testEvm).mnemonic;
export const GENERATED_MNEMONIC = knownById(KNOWN.genEvm).mnemonic;

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const unhex = (h: string) => new Uint8Array(Buffer.from(h.replace(/^0x/i, ''), 'hex'));
