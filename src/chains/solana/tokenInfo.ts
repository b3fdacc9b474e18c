/**
 * Reads a custom mint: program (SPL Token / Token-2022) and decimals from the mint account, symbol/name from the
 * Token-2022 metadata extension or the Metaplex metadata account. One getMultipleAccounts call.
 */
import { PublicKey } from '@solana/web3.js';
import type { Token } from '../ChainAdapter';
import { TokenNotFoundError } from '../errors';
import { unwrap, type RpcTransport } from '../rpcTransport';
import { TOKEN_2022_PROGRAM_ID } from '../tokens';
import { validateSolanaAddress } from './address';
import { isTokenProgram, mintDecimalsFromData } from './programs';
import { TOKEN_METADATA_EXTENSION, mintExtension } from './mintExtensions';
import { decodeRpcAccount, type RpcAccount } from './rpcAccounts';

export const METAPLEX_METADATA_PROGRAM = new PublicKey('metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s');

function readString(data: Uint8Array, offset: number): { value: string; next: number } | null {
  if (offset + 4 > data.length) return null;
  const len = new DataView(data.buffer, data.byteOffset).getUint32(offset, true);
  if (len > 200 || offset + 4 + len > data.length) return null;
  const value = new TextDecoder().decode(data.subarray(offset + 4, offset + 4 + len)).replace(/\0+$/, '').trim();
  return { value, next: offset + 4 + len };
}

/** name/symbol of a Metaplex metadata account (key, update authority, mint, name, symbol, ...). */
export function parseMetaplexMetadata(data: Uint8Array): { name: string; symbol: string } | null {
  const name = readString(data, 1 + 32 + 32);
  const symbol = name && readString(data, name.next);
  return name && symbol ? { name: name.value, symbol: symbol.value } : null;
}

/** name/symbol from a Token-2022 mint's TokenMetadata extension. */
export function parseToken2022Metadata(data: Uint8Array): { name: string; symbol: string } | null {
  const body = mintExtension(data, TOKEN_METADATA_EXTENSION);
  const name = body && readString(body, 64);
  const symbol = name && readString(body, name.next);
  return name && symbol ? { name: name.value, symbol: symbol.value } : null;
}

/** A mint is 82 bytes, or longer with AccountType::Mint (1) at byte 165; token accounts are 165 / type 2. */
const isMintData = (d: Uint8Array): boolean => d.length === 82 || (d.length > 165 && d[165] === 1);

export async function readSolanaToken(transport: RpcTransport, address: string): Promise<Token> {
  const mint = validateSolanaAddress(address, { requireOnCurve: false });
  const mintKey = new PublicKey(mint);
  const [metaPda] = PublicKey.findProgramAddressSync([new TextEncoder().encode('metadata'), METAPLEX_METADATA_PROGRAM.toBytes(), mintKey.toBytes()], METAPLEX_METADATA_PROGRAM);
  const res = await transport.request<{ value: (RpcAccount | null)[] }>('getMultipleAccounts', [[mint, metaPda.toBase58()], { encoding: 'base64', commitment: 'confirmed' }]);
  const [mintAcc, metaAcc] = unwrap<{ value: (RpcAccount | null)[] }>({ ok: true, result: res }, 'getMultipleAccounts').value.map(decodeRpcAccount);
  const decimals = mintAcc ? mintDecimalsFromData(mintAcc.data) : null;
  if (!mintAcc || !isTokenProgram(mintAcc.owner) || decimals === null || !isMintData(mintAcc.data)) {
    throw new TokenNotFoundError(`${mint} is not a token mint`, { address: mint });
  }
  const meta = (mintAcc.owner === TOKEN_2022_PROGRAM_ID ? parseToken2022Metadata(mintAcc.data) : null)
    ?? (metaAcc && metaAcc.owner === METAPLEX_METADATA_PROGRAM.toBase58() ? parseMetaplexMetadata(metaAcc.data) : null);
  const symbol = meta?.symbol || `${mint.slice(0, 4)}…${mint.slice(-4)}`;
  return { address: mint, symbol: symbol.slice(0, 32), decimals, programId: mintAcc.owner, ...(meta?.name ? { name: meta.name.slice(0, 64) } : {}) };
}
