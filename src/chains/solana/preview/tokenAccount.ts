/**
 * The full SPL Token / Token-2022 account layout (the first 165 bytes are shared; Token-2022 extensions follow and
 * are not needed here): mint, owner, amount, delegate, state, delegated amount, close authority.
 */
import { PublicKey } from '@solana/web3.js';

export interface TokenAccountState {
  mint: string;
  owner: string;
  amount: bigint;
  delegate: string | null;
  delegatedAmount: bigint;
  closeAuthority: string | null;
  /** 0 uninitialized, 1 initialized, 2 frozen. */
  state: number;
}

const key = (d: Uint8Array, at: number) => new PublicKey(d.subarray(at, at + 32)).toBase58();

export function decodeTokenAccount(data: Uint8Array): TokenAccountState | null {
  if (data.length < 165) return null;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const state = data[108] ?? 0;
  if (state === 0) return null;
  return {
    mint: key(data, 0),
    owner: key(data, 32),
    amount: v.getBigUint64(64, true),
    delegate: v.getUint32(72, true) === 1 ? key(data, 76) : null,
    state,
    delegatedAmount: v.getBigUint64(121, true),
    closeAuthority: v.getUint32(129, true) === 1 ? key(data, 133) : null,
  };
}
