import { privateKeyToAddress } from 'viem/accounts';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { hexToBytes } from '../../shared/encoding';
import type { ChainFamily } from '../../shared/types';
import { deriveEvmKey, deriveSolanaKey } from './derive';
import { mnemonicToSeed } from './mnemonic';
import type { VaultSecrets } from './secrets';

export type HdAddresses = { evm: `0x${string}`; solana: string };

/**
 * The unlocked keyring: holds the seed and imported keys in the background's memory only. Addresses are
 * public and cached; private keys are derived on demand and handed only to signers or the gated export.
 */
export class Keyring {
  readonly #seed: Uint8Array | null;
  /** Imported keys as bytes (so that `wipe` can zero them) with their addresses. */
  readonly #imported: ReadonlyArray<{ family: ChainFamily; secret: Uint8Array; address: string }>;
  readonly #cache = new Map<number, HdAddresses>();
  #wiped = false;

  private constructor(seed: Uint8Array | null, imported: VaultSecrets['imported']) {
    this.#seed = seed;
    this.#imported = imported.map((k) => ({ family: k.family, secret: hexToBytes(k.secretHex), address: addressOf(k.family, k.secretHex) }));
  }

  /**
   * Lock: zero the seed and the imported key bytes in place. (The phrase and hex strings the vault was decoded from
   * are JavaScript strings, which cannot be zeroed; they are dropped with the keyring.) Any later use throws.
   */
  wipe(): void {
    this.#wiped = true;
    this.#seed?.fill(0);
    for (const k of this.#imported) k.secret.fill(0);
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  #live(): void {
    if (this.#wiped) throw new Error('the keyring is locked');
  }

  static async fromSecrets(secrets: VaultSecrets): Promise<Keyring> {
    const seed = secrets.mnemonic ? await mnemonicToSeed(secrets.mnemonic) : null;
    return new Keyring(seed, secrets.imported);
  }

  get hasSeed(): boolean {
    return this.#seed !== null;
  }

  hdAddresses(index: number): HdAddresses {
    let a = this.#cache.get(index);
    if (!a) {
      this.#live();
      if (!this.#seed) throw new Error('no recovery phrase in this wallet');
      const evm = deriveEvmKey(this.#seed, index);
      const sol = deriveSolanaKey(this.#seed, index);
      evm.privateKey.fill(0);
      sol.privateKey.fill(0);
      a = { evm: evm.address, solana: sol.address };
      this.#cache.set(index, a);
    }
    return a;
  }

  importedAddresses(): Array<{ family: ChainFamily; address: string }> {
    return this.#imported.map(({ family, address }) => ({ family, address }));
  }

  /** Raw private key bytes (EVM scalar or ed25519 seed) for a signer or the password-gated export. */
  privateKey(family: ChainFamily, ref: { hdIndex: number } | { address: string }): Uint8Array {
    this.#live();
    if ('hdIndex' in ref) {
      if (!this.#seed) throw new Error('no recovery phrase in this wallet');
      return family === 'evm' ? deriveEvmKey(this.#seed, ref.hdIndex).privateKey : deriveSolanaKey(this.#seed, ref.hdIndex).privateKey;
    }
    const hit = this.#imported.find((k) => k.family === family && k.address === ref.address);
    if (!hit) throw new Error('no such imported key');
    return hit.secret.slice();
  }
}

export function addressOf(family: ChainFamily, secretHex: string): string {
  return family === 'evm' ? privateKeyToAddress(`0x${secretHex}`) : bs58.encode(ed25519.getPublicKey(hexToBytes(secretHex)));
}
