import { VaultCorruptError } from '../../shared/errors';
import { utf8 } from '../../shared/encoding';
import type { ChainFamily } from '../../shared/types';

/** What the vault encrypts. Only the background (vault/) ever sees this. */
export type VaultSecrets = {
  v: 1;
  mnemonic: string | null;
  imported: Array<{ family: ChainFamily; secretHex: string }>;
};

export const encodeSecrets = (s: VaultSecrets): Uint8Array => utf8.encode(JSON.stringify(s));

export function decodeSecrets(bytes: Uint8Array): VaultSecrets {
  let s: unknown;
  try { s = JSON.parse(utf8.decode(bytes)); } catch { throw new VaultCorruptError('The wallet vault content is unreadable.', { reason: 'content' }); }
  const o = s as VaultSecrets;
  if (!o || o.v !== 1 || (o.mnemonic !== null && typeof o.mnemonic !== 'string') || !Array.isArray(o.imported)
    || !o.imported.every((k) => (k.family === 'evm' || k.family === 'solana') && /^[0-9a-f]{64}$/.test(k.secretHex))) {
    throw new VaultCorruptError('The wallet vault content is unreadable.', { reason: 'content' });
  }
  return o;
}
