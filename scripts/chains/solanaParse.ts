// Account encodings of the Solana JSON-RPC (binary, base58, base64, jsonParsed for SPL Token / Token-2022).
import { PublicKey, type AccountInfo } from '@solana/web3.js';
import {
  ExtensionType, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getExtensionTypes, unpackAccount, unpackMint,
} from '@solana/spl-token';
import bs58 from 'bs58';
import { invalidParams } from './solanaErrors';

export interface RawAccount {
  lamports: bigint;
  data: Uint8Array;
  owner: PublicKey;
  executable: boolean;
  rentEpoch: bigint;
}
export type AccountLookup = (address: PublicKey) => RawAccount | null;
export interface EncodeOpts {
  encoding?: string;
  dataSlice?: { offset: number; length: number };
}

const isTokenProgram = (owner: PublicKey): boolean => owner.equals(TOKEN_PROGRAM_ID) || owner.equals(TOKEN_2022_PROGRAM_ID);

/** Token amount with decimals, as the RPC prints it ("1000000", "0.5", "0"). */
export function uiAmountString(amount: bigint, decimals: number): string {
  if (decimals === 0) return amount.toString();
  const s = amount.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, -decimals);
  const frac = s.slice(-decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

export function tokenAmount(amount: bigint, decimals: number) {
  const ui = uiAmountString(amount, decimals);
  return { amount: amount.toString(), decimals, uiAmount: Number(ui), uiAmountString: ui };
}

function toInfo(acc: RawAccount): AccountInfo<Buffer> {
  return { data: Buffer.from(acc.data), owner: acc.owner, lamports: Number(acc.lamports), executable: acc.executable };
}

function extensionList(tlv: Buffer): { extension: string }[] | undefined {
  if (tlv.length === 0) return undefined;
  return getExtensionTypes(tlv).map((t) => {
    const name = ExtensionType[t] ?? `unknown${t}`;
    return { extension: name.charAt(0).toLowerCase() + name.slice(1) };
  });
}

/** Mint decimals of a token mint account (either token program), or null. */
export function mintDecimals(mint: PublicKey, lookup: AccountLookup): number | null {
  const acc = lookup(mint);
  if (!acc || !isTokenProgram(acc.owner)) return null;
  try {
    return unpackMint(mint, toInfo(acc), acc.owner).decimals;
  } catch {
    return null;
  }
}

/** A decoded SPL token account (either program), or null if `acc` is not one. */
export function decodeTokenAccount(address: PublicKey, acc: RawAccount) {
  if (!isTokenProgram(acc.owner)) return null;
  try {
    return unpackAccount(address, toInfo(acc), acc.owner);
  } catch {
    return null;
  }
}

/** The `parsed` object of jsonParsed for token accounts and mints; null when the account is neither. */
export function parseTokenData(address: PublicKey, acc: RawAccount, lookup: AccountLookup): object | null {
  if (!isTokenProgram(acc.owner)) return null;
  const program = acc.owner.equals(TOKEN_PROGRAM_ID) ? 'spl-token' : 'spl-token-2022';
  const wrap = (parsed: object) => ({ program, parsed, space: acc.data.length });
  const token = decodeTokenAccount(address, acc);
  if (token) {
    const decimals = mintDecimals(token.mint, lookup);
    if (decimals === null) return null;
    const info: Record<string, unknown> = {
      isNative: token.isNative,
      mint: token.mint.toBase58(),
      owner: token.owner.toBase58(),
      state: token.isFrozen ? 'frozen' : token.isInitialized ? 'initialized' : 'uninitialized',
      tokenAmount: tokenAmount(token.amount, decimals),
    };
    if (token.delegate) {
      info.delegate = token.delegate.toBase58();
      info.delegatedAmount = tokenAmount(token.delegatedAmount, decimals);
    }
    if (token.rentExemptReserve !== null) info.rentExemptReserve = tokenAmount(token.rentExemptReserve, decimals);
    if (token.closeAuthority) info.closeAuthority = token.closeAuthority.toBase58();
    const ext = extensionList(token.tlvData);
    if (ext) info.extensions = ext;
    return wrap({ info, type: 'account' });
  }
  try {
    const mint = unpackMint(address, toInfo(acc), acc.owner);
    const info: Record<string, unknown> = {
      decimals: mint.decimals,
      freezeAuthority: mint.freezeAuthority?.toBase58() ?? null,
      isInitialized: mint.isInitialized,
      mintAuthority: mint.mintAuthority?.toBase58() ?? null,
      supply: mint.supply.toString(),
    };
    const ext = extensionList(mint.tlvData);
    if (ext) info.extensions = ext;
    return wrap({ info, type: 'mint' });
  } catch {
    return null;
  }
}

/** UiAccount JSON for getAccountInfo & co. Default encoding is the legacy "binary" (plain base58 string). */
export function encodeAccount(address: PublicKey, acc: RawAccount, opts: EncodeOpts, lookup: AccountLookup): object {
  const encoding = opts.encoding ?? 'binary';
  let bytes = acc.data;
  if (opts.dataSlice && encoding !== 'jsonParsed') {
    bytes = bytes.slice(opts.dataSlice.offset, opts.dataSlice.offset + opts.dataSlice.length);
  }
  let data: unknown;
  switch (encoding) {
    case 'binary':
      data = bs58.encode(bytes);
      break;
    case 'base58':
      data = [bs58.encode(bytes), 'base58'];
      break;
    case 'base64':
      data = [Buffer.from(bytes).toString('base64'), 'base64'];
      break;
    case 'jsonParsed':
      data = parseTokenData(address, acc, lookup) ?? [Buffer.from(bytes).toString('base64'), 'base64'];
      break;
    default:
      throw invalidParams(`Invalid params: unsupported encoding: ${encoding}. Supported: binary, base58, base64, jsonParsed`);
  }
  return {
    data,
    executable: acc.executable,
    lamports: Number(acc.lamports),
    owner: acc.owner.toBase58(),
    rentEpoch: Number(acc.rentEpoch),
    space: acc.data.length,
  };
}

export function parsePubkey(value: unknown, what = 'address'): PublicKey {
  if (typeof value !== 'string') throw invalidParams(`Invalid params: ${what} must be a base58 string`);
  try {
    return new PublicKey(value);
  } catch {
    throw invalidParams(`Invalid param: Invalid ${what}: ${value}`);
  }
}
