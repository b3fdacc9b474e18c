/**
 * Resolves the accounts a v0 message loads from address lookup tables, so that the preview and the approval window
 * see every account (a recipient can hide behind a table). One getMultipleAccounts for all tables.
 */
import { AddressLookupTableAccount, PublicKey, type VersionedMessage } from '@solana/web3.js';
import { InvalidParamsError } from '../../../shared/errors';
import type { RpcTransport } from '../../rpcTransport';
import { decodeRpcAccount, type RpcAccount } from '../rpcAccounts';

export const ADDRESS_LOOKUP_TABLE_PROGRAM = 'AddressLookupTab1e1111111111111111111111111';

export interface ResolvedKeys {
  /** Static keys, then every table's writable entries, then every table's read-only entries (the runtime's order). */
  keys: string[];
  writable: boolean[];
  signer: boolean[];
  tables: Array<{ address: string; addresses: string[] }>;
}

export async function resolveAccountKeys(message: VersionedMessage, transport: RpcTransport, commitment = 'confirmed'): Promise<ResolvedKeys> {
  const lookups = message.addressTableLookups;
  const tables: ResolvedKeys['tables'] = [];
  if (lookups.length > 0) {
    const value = (await transport.request<{ value: (RpcAccount | null)[] }>('getMultipleAccounts', [
      lookups.map((l) => l.accountKey.toBase58()), { encoding: 'base64', commitment },
    ])).value;
    lookups.forEach((l, i) => {
      const acc = decodeRpcAccount(value[i]);
      if (!acc || acc.owner !== ADDRESS_LOOKUP_TABLE_PROGRAM) {
        throw new InvalidParamsError(`Address lookup table ${l.accountKey.toBase58()} does not exist on this network.`);
      }
      const state = AddressLookupTableAccount.deserialize(acc.data);
      tables.push({ address: l.accountKey.toBase58(), addresses: state.addresses.map((a: PublicKey) => a.toBase58()) });
    });
  }
  const pick = (t: number, idx: number): string => {
    const a = tables[t]?.addresses[idx];
    if (a === undefined) throw new InvalidParamsError(`Address lookup table ${tables[t]?.address ?? '?'} has no entry ${idx}.`);
    return a;
  };
  const statics = message.staticAccountKeys.map((k) => k.toBase58());
  const w = lookups.flatMap((l, t) => l.writableIndexes.map((i) => pick(t, i)));
  const r = lookups.flatMap((l, t) => l.readonlyIndexes.map((i) => pick(t, i)));
  const keys = [...statics, ...w, ...r];
  const h = message.header;
  const nStatic = statics.length;
  const writable = keys.map((_, i) => {
    if (i >= nStatic) return i < nStatic + w.length;
    if (i < h.numRequiredSignatures) return i < h.numRequiredSignatures - h.numReadonlySignedAccounts;
    return i < nStatic - h.numReadonlyUnsignedAccounts;
  });
  const signer = keys.map((_, i) => i < h.numRequiredSignatures);
  return { keys, writable, signer, tables };
}
