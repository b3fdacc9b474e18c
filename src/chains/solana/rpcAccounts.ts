import { Buffer } from 'buffer';

/** An account as getMultipleAccounts / getTokenAccountsByOwner return it with `encoding: base64`. */
export interface RpcAccount { lamports: number; owner: string; data: [string, string] | string; executable?: boolean; space?: number }
export interface DecodedAccount { lamports: bigint; owner: string; data: Uint8Array }

export function decodeRpcAccount(acc: RpcAccount | null | undefined): DecodedAccount | null {
  if (!acc) return null;
  const raw = Array.isArray(acc.data) ? acc.data[0] : '';
  return { lamports: BigInt(acc.lamports), owner: acc.owner, data: new Uint8Array(Buffer.from(raw, 'base64')) };
}
