/**
 * The few SPL instructions a wallet needs, encoded here (small, audited against @solana/spl-token in the unit
 * tests) so the service worker bundle does not carry the whole spl-token package.
 */
import { Buffer } from 'buffer';
import { PublicKey, SystemProgram, TransactionInstruction } from '@solana/web3.js';
import { SPL_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID } from '../tokens';

export const TOKEN_PROGRAM = new PublicKey(SPL_TOKEN_PROGRAM_ID);
export const TOKEN_2022_PROGRAM = new PublicKey(TOKEN_2022_PROGRAM_ID);
export const ASSOCIATED_TOKEN_PROGRAM = new PublicKey('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');
/** Token account sizes: SPL 165 bytes; Token-2022 ATAs carry the ImmutableOwner extension (170 bytes). */
export const TOKEN_ACCOUNT_SIZE = 165;
export const TOKEN_2022_ATA_SIZE = 170;

export function isTokenProgram(programId: string): boolean {
  return programId === SPL_TOKEN_PROGRAM_ID || programId === TOKEN_2022_PROGRAM_ID;
}

export function associatedTokenAddress(owner: PublicKey, mint: PublicKey, tokenProgram: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync([owner.toBuffer(), tokenProgram.toBuffer(), mint.toBuffer()], ASSOCIATED_TOKEN_PROGRAM)[0];
}

/** CreateIdempotent (ATA program instruction 1): creates `ata` if missing, succeeds if it exists. */
export function createAtaIdempotentInstruction(payer: PublicKey, ata: PublicKey, owner: PublicKey, mint: PublicKey, tokenProgram: PublicKey): TransactionInstruction {
  return new TransactionInstruction({
    programId: ASSOCIATED_TOKEN_PROGRAM,
    keys: [
      { pubkey: payer, isSigner: true, isWritable: true },
      { pubkey: ata, isSigner: false, isWritable: true },
      { pubkey: owner, isSigner: false, isWritable: false },
      { pubkey: mint, isSigner: false, isWritable: false },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: tokenProgram, isSigner: false, isWritable: false },
    ],
    data: Buffer.from([1]),
  });
}

/** Accounts of TransferChecked and TransferCheckedWithFee: source, mint, destination, owner (signer). */
const transferKeys = (source: PublicKey, mint: PublicKey, destination: PublicKey, owner: PublicKey) => [
  { pubkey: source, isSigner: false, isWritable: true },
  { pubkey: mint, isSigner: false, isWritable: false },
  { pubkey: destination, isSigner: false, isWritable: true },
  { pubkey: owner, isSigner: true, isWritable: false },
];

/** TransferChecked (token instruction 12): amount u64 LE, decimals u8. Same layout for SPL Token and Token-2022. */
export function transferCheckedInstruction(
  source: PublicKey, mint: PublicKey, destination: PublicKey, owner: PublicKey, amount: bigint, decimals: number, tokenProgram: PublicKey,
): TransactionInstruction {
  const data = Buffer.alloc(10);
  data.writeUInt8(12, 0);
  data.writeBigUInt64LE(amount, 1);
  data.writeUInt8(decimals, 9);
  return new TransactionInstruction({
    programId: tokenProgram,
    keys: transferKeys(source, mint, destination, owner),
    data,
  });
}

/** Decimals of a mint account's data (both programs share the 82-byte base layout), or null. */
export function mintDecimalsFromData(data: Uint8Array): number | null {
  return data.length >= 82 ? (data[44] ?? null) : null;
}

/** { mint, owner, amount } of a token account's data (the first 72 bytes of both programs' layout), or null. */
export function decodeTokenAccountHead(data: Uint8Array): { mint: string; owner: string; amount: bigint } | null {
  if (data.length < 72) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    mint: new PublicKey(data.subarray(0, 32)).toBase58(),
    owner: new PublicKey(data.subarray(32, 64)).toBase58(),
    amount: view.getBigUint64(64, true),
  };
}

/**
 * Token-2022 TransferCheckedWithFee (TransferFeeExtension 26, sub-instruction 1): amount u64, decimals u8, fee u64.
 * The program refuses the transfer unless the fee it withholds is exactly `fee`, so the recipient gets what the
 * review showed or nothing moves.
 */
export function transferCheckedWithFeeInstruction(
  source: PublicKey, mint: PublicKey, destination: PublicKey, owner: PublicKey, amount: bigint, decimals: number, fee: bigint,
): TransactionInstruction {
  const data = Buffer.alloc(19);
  data.writeUInt8(26, 0);
  data.writeUInt8(1, 1);
  data.writeBigUInt64LE(amount, 2);
  data.writeUInt8(decimals, 10);
  data.writeBigUInt64LE(fee, 11);
  return new TransactionInstruction({
    programId: TOKEN_2022_PROGRAM,
    keys: transferKeys(source, mint, destination, owner),
    data,
  });
}
