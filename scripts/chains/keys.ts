// Deterministic key derivation for the local dev chains (Node only). All keys here are PUBLIC test keys.
import { createHash } from 'node:crypto';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDKey as Slip10 } from 'micro-key-producer/slip10.js';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { DEMO_ACCOUNT_COUNT, DEMO_MNEMONIC, SOLANA_SEED_LABELS } from './demo';

export function sha256(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label, 'utf8').digest());
}

/** Keypair from a fixed label: sha256(label) is the ed25519 seed. Used for the demo mints and the authority. */
export function labelKeypair(label: string): Keypair {
  return Keypair.fromSeed(sha256(label));
}

/** Solana demo account i: SLIP-0010 ed25519 at m/44'/501'/i'/0' of DEMO_MNEMONIC (Phantom/Solflare layout). */
export function demoSolanaKeypair(index: number, mnemonic: string = DEMO_MNEMONIC): Keypair {
  const seed = mnemonicToSeedSync(mnemonic);
  const node = Slip10.fromMasterSeed(seed).derive(`m/44'/501'/${index}'/0'`);
  return Keypair.fromSeed(node.privateKey);
}

export function demoSolanaKeypairs(count: number = DEMO_ACCOUNT_COUNT): Keypair[] {
  return Array.from({ length: count }, (_, i) => demoSolanaKeypair(i));
}

export const splMintKeypair = (): Keypair => labelKeypair(SOLANA_SEED_LABELS.splMint);
export const token2022MintKeypair = (): Keypair => labelKeypair(SOLANA_SEED_LABELS.token2022Mint);
export const solanaAuthorityKeypair = (): Keypair => labelKeypair(SOLANA_SEED_LABELS.authority);
export const genesisHashFromLabel = (): string => bs58.encode(sha256(SOLANA_SEED_LABELS.genesis));
