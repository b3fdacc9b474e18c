/**
 * Token-2022 mint extensions the wallet reads: the TLV entries after the 165-byte base and the account-type byte,
 * and the TransferFeeConfig extension, whose fee the token program withholds from what the recipient receives.
 */

/** Extension types (spl-token-2022 ExtensionType). */
export const TRANSFER_FEE_CONFIG_EXTENSION = 1;
export const TOKEN_METADATA_EXTENSION = 19;

const TLV_START = 166;

/** The body of the mint's extension of `type`, or null when the mint has none. */
export function mintExtension(data: Uint8Array, type: number): Uint8Array | null {
  if (data.length <= TLV_START) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let off = TLV_START;
  while (off + 4 <= data.length) {
    const t = view.getUint16(off, true);
    const len = view.getUint16(off + 2, true);
    if (t === type) return off + 4 + len <= data.length ? data.subarray(off + 4, off + 4 + len) : null;
    if (t === 0) break;
    off += 4 + len;
  }
  return null;
}

export interface TransferFee { epoch: bigint; maximumFee: bigint; basisPoints: number }
export interface TransferFeeConfig { older: TransferFee; newer: TransferFee }

/**
 * TransferFeeConfig: config authority (32), withdraw authority (32), withheld amount (u64), then the older and the
 * newer fee, each { epoch u64, maximum_fee u64, basis points u16 }.
 */
export function parseTransferFeeConfig(mintData: Uint8Array): TransferFeeConfig | null {
  const body = mintExtension(mintData, TRANSFER_FEE_CONFIG_EXTENSION);
  if (!body || body.length < 108) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const fee = (o: number): TransferFee => ({ epoch: view.getBigUint64(o, true), maximumFee: view.getBigUint64(o + 8, true), basisPoints: view.getUint16(o + 16, true) });
  return { older: fee(72), newer: fee(90) };
}

/** The fee the token program withholds for `amount` in `epoch`: ceil(amount × bps / 10 000), at most the maximum. */
export function transferFeeFor(config: TransferFeeConfig, epoch: bigint, amount: bigint): bigint {
  const f = epoch >= config.newer.epoch ? config.newer : config.older;
  if (f.basisPoints === 0 || amount === 0n) return 0n;
  const raw = (amount * BigInt(f.basisPoints) + 9_999n) / 10_000n;
  return raw < f.maximumFee ? raw : f.maximumFee;
}
