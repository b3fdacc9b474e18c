import { argon2id } from 'hash-wasm';

/** Argon2id parameters as stored in the vault header. */
export type KdfParams = {
  name: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
};

/** Defaults: 64 MiB, 3 passes, 1 lane (RFC 9106 second recommended option). ~0.25 s in Node here. */
export const DEFAULT_KDF: KdfParams = { name: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };

/** Accepted bounds when reading a vault: anything outside is treated as corruption (and cannot be a DoS). */
export const KDF_BOUNDS = {
  memoryKiB: [64 * 1024, 1024 * 1024],
  iterations: [3, 64],
  parallelism: [1, 16],
} as const;

export const DERIVED_LENGTH = 64;

/**
 * Password → 64 bytes: [0,32) is the AES-256-GCM key, [32,64) only feeds the key-check value that tells a
 * wrong password from a damaged vault. WASM Argon2id (hash-wasm); cross-checked against @noble/hashes in tests.
 */
export async function deriveVaultKeys(password: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  if (typeof password !== 'string' || password.length === 0) throw new TypeError('password must be a non-empty string');
  if (salt.length < 16) throw new RangeError('salt must be at least 16 bytes');
  const out = await argon2id({
    password: password.normalize('NFKC'),
    salt,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: DERIVED_LENGTH,
    outputType: 'binary',
  });
  return out;
}
