// Our hand-encoded SPL instructions must equal @solana/spl-token's (the reference implementation).
import { describe, expect, it } from 'vitest';
import { Keypair, PublicKey } from '@solana/web3.js';
import {
  ACCOUNT_SIZE, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, ExtensionType, createAssociatedTokenAccountIdempotentInstruction,
  createTransferCheckedInstruction, getAccountLenForMint, getAssociatedTokenAddressSync,
  AccountType, MintLayout, TRANSFER_FEE_CONFIG_SIZE, TransferFeeConfigLayout, calculateEpochFee, createTransferCheckedWithFeeInstruction,
  getMintLen, getTransferFeeConfig, unpackMint,
} from '@solana/spl-token';
import {
  TOKEN_2022_ATA_SIZE, TOKEN_ACCOUNT_SIZE, associatedTokenAddress, createAtaIdempotentInstruction, decodeTokenAccountHead,
  mintDecimalsFromData, transferCheckedInstruction, transferCheckedWithFeeInstruction,
} from '../../../src/chains/solana/programs';
import { parseTransferFeeConfig, transferFeeFor } from '../../../src/chains/solana/mintExtensions';
import { parseMetaplexMetadata, parseToken2022Metadata } from '../../../src/chains/solana/tokenInfo';

const k = () => Keypair.generate().publicKey;
const norm = (ix: { programId: PublicKey; keys: { pubkey: PublicKey; isSigner: boolean; isWritable: boolean }[]; data: Uint8Array }) => ({
  programId: ix.programId.toBase58(), keys: ix.keys.map((x) => ({ ...x, pubkey: x.pubkey.toBase58() })), data: Buffer.from(ix.data).toString('hex'),
});

describe('SPL instructions (vs @solana/spl-token)', () => {
  for (const program of [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID]) {
    it(`ATA address, CreateIdempotent and TransferChecked match for ${program.toBase58().slice(0, 8)}`, () => {
      const [owner, mint, payer, to] = [k(), k(), k(), k()];
      const ata = associatedTokenAddress(owner, mint, program);
      expect(ata.toBase58()).toBe(getAssociatedTokenAddressSync(mint, owner, false, program).toBase58());
      expect(norm(createAtaIdempotentInstruction(payer, ata, owner, mint, program)))
        .toEqual(norm(createAssociatedTokenAccountIdempotentInstruction(payer, ata, owner, mint, program)));
      const dest = associatedTokenAddress(to, mint, program);
      expect(norm(transferCheckedInstruction(ata, mint, dest, owner, 18_446_744_073_709_551_615n, 6, program)))
        .toEqual(norm(createTransferCheckedInstruction(ata, mint, dest, owner, 18_446_744_073_709_551_615n, 6, [], program)));
    });
  }
  it('account sizes: SPL 165, Token-2022 ATA with ImmutableOwner 170', () => {
    expect(TOKEN_ACCOUNT_SIZE).toBe(ACCOUNT_SIZE);
    expect(TOKEN_2022_ATA_SIZE).toBe(getAccountLenForMint({ tlvData: Buffer.alloc(0) } as never) + 5);
    void ExtensionType;
  });
  it('decodes token-account heads and mint decimals', () => {
    const [mint, owner] = [k(), k()];
    const data = new Uint8Array(165);
    data.set(mint.toBytes(), 0);
    data.set(owner.toBytes(), 32);
    new DataView(data.buffer).setBigUint64(64, 123_456_789_012n, true);
    expect(decodeTokenAccountHead(data)).toEqual({ mint: mint.toBase58(), owner: owner.toBase58(), amount: 123_456_789_012n });
    expect(decodeTokenAccountHead(data.subarray(0, 71))).toBeNull();
    const m = new Uint8Array(82);
    m[44] = 9;
    expect(mintDecimalsFromData(m)).toBe(9);
    expect(mintDecimalsFromData(new Uint8Array(10))).toBeNull();
  });
});

describe('token metadata parsing', () => {
  const str = (s: string) => {
    const b = new TextEncoder().encode(s);
    const out = new Uint8Array(4 + b.length);
    new DataView(out.buffer).setUint32(0, b.length, true);
    out.set(b, 4);
    return out;
  };
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  it('reads Metaplex name/symbol (null-padded)', () => {
    const data = cat(new Uint8Array([4]), new Uint8Array(64), str('USD Coin\0\0\0\0'), str('USDC\0\0'), str('https://x'));
    expect(parseMetaplexMetadata(data)).toEqual({ name: 'USD Coin', symbol: 'USDC' });
  });
  it('reads the Token-2022 TokenMetadata extension', () => {
    const body = cat(new Uint8Array(64), str('PayPal USD'), str('PYUSD'), str('uri'));
    const tlv = cat(new Uint8Array([19, 0, body.length & 0xff, body.length >> 8]), body);
    const data = cat(new Uint8Array(165), new Uint8Array([1]), tlv);
    expect(parseToken2022Metadata(data)).toEqual({ name: 'PayPal USD', symbol: 'PYUSD' });
    expect(parseToken2022Metadata(new Uint8Array(82))).toBeNull();
  });
});

describe('Token-2022 transfer fee (vs @solana/spl-token)', () => {
  /** A mint account with the TransferFeeConfig extension, laid out by spl-token's own layouts. */
  function feeMintData(older: { epoch: bigint; maximumFee: bigint; transferFeeBasisPoints: number }, newer: typeof older): Uint8Array {
    const len = getMintLen([ExtensionType.TransferFeeConfig]);
    const data = Buffer.alloc(len);
    MintLayout.encode({ mintAuthorityOption: 0, mintAuthority: PublicKey.default, supply: 0n, decimals: 6, isInitialized: true, freezeAuthorityOption: 0, freezeAuthority: PublicKey.default }, data);
    data[ACCOUNT_SIZE] = AccountType.Mint;
    data.writeUInt16LE(ExtensionType.TransferFeeConfig, ACCOUNT_SIZE + 1);
    data.writeUInt16LE(TRANSFER_FEE_CONFIG_SIZE, ACCOUNT_SIZE + 3);
    TransferFeeConfigLayout.encode({
      transferFeeConfigAuthority: k(), withdrawWithheldAuthority: k(), withheldAmount: 7n, olderTransferFee: older, newerTransferFee: newer,
    }, data, ACCOUNT_SIZE + 5);
    return new Uint8Array(data);
  }

  it('reads the older and newer fee and computes the fee spl-token computes (ceil, capped, by epoch)', () => {
    const older = { epoch: 0n, maximumFee: 5_000n, transferFeeBasisPoints: 150 };
    const newer = { epoch: 10n, maximumFee: 1_000_000n, transferFeeBasisPoints: 10_000 };
    const data = feeMintData(older, newer);
    const config = parseTransferFeeConfig(data)!;
    expect(config).toEqual({ older: { epoch: 0n, maximumFee: 5_000n, basisPoints: 150 }, newer: { epoch: 10n, maximumFee: 1_000_000n, basisPoints: 10_000 } });
    const reference = getTransferFeeConfig(unpackMint(k(), { data: Buffer.from(data), owner: TOKEN_2022_PROGRAM_ID, lamports: 1, executable: false }, TOKEN_2022_PROGRAM_ID))!;
    for (const epoch of [0n, 9n, 10n, 11n]) {
      for (const amount of [0n, 1n, 66n, 67n, 100_000n, 333_334n, 1_000_000n, 18_446_744_073_709_551_615n]) {
        expect(transferFeeFor(config, epoch, amount), `epoch ${epoch}, amount ${amount}`).toBe(calculateEpochFee(reference, epoch, amount));
      }
    }
    expect(transferFeeFor(config, 0n, 100_000n)).toBe(1_500n); // 1.5 % of 0.1
    expect(transferFeeFor(config, 0n, 1_000_000n)).toBe(5_000n); // capped
  });

  it('finds no fee on a plain mint, and TransferCheckedWithFee matches spl-token', () => {
    expect(parseTransferFeeConfig(new Uint8Array(82))).toBeNull();
    const [source, mint, dest, owner] = [k(), k(), k(), k()];
    expect(norm(transferCheckedWithFeeInstruction(source, mint, dest, owner, 123_456_789n, 6, 1_852n)))
      .toEqual(norm(createTransferCheckedWithFeeInstruction(source, mint, dest, owner, 123_456_789n, 6, 1_852n, [], TOKEN_2022_PROGRAM_ID)));
  });
});
