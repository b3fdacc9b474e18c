/**
 * Signs a built EVM transfer through the keyring's callback and checks the result: the signature, applied to THIS
 * transaction, must recover to `from` (so a signer that signed anything else is refused, nothing is broadcast).
 */
import { keccak256, parseSignature, parseTransaction, recoverTransactionAddress, serializeTransaction, type Hex } from 'viem';
import type { EvmSigner } from '../ChainAdapter';
import { InvalidSignatureError } from '../errors';
import type { EvmBuiltTransfer } from './transfer';

export interface EvmSignedTransfer { built: EvmBuiltTransfer; serialized: Hex; hash: Hex }

function extractSignature(out: Hex): { r: Hex; s: Hex; yParity: number } {
  if (/^0x[0-9a-fA-F]{130}$/.test(out)) {
    const { r, s, yParity } = parseSignature(out);
    return { r, s, yParity };
  }
  const parsed = parseTransaction(out);
  const { r, s } = parsed;
  let yParity = parsed.yParity;
  if (yParity === undefined && parsed.v !== undefined) {
    const v = parsed.v;
    yParity = v === 27n || v === 28n ? Number(v - 27n) : Number((v - 35n) % 2n);
  }
  if (!r || !s || yParity === undefined) throw new InvalidSignatureError('The signer returned an unsigned transaction');
  return { r, s, yParity };
}

export async function signEvmTransfer(built: EvmBuiltTransfer, signer: EvmSigner): Promise<EvmSignedTransfer> {
  const unsigned = serializeTransaction(built.tx);
  const out = await signer({ family: 'evm', from: built.from, chainId: built.chainId, unsignedSerialized: unsigned, hash: keccak256(unsigned) });
  if (typeof out !== 'string' || !/^0x[0-9a-fA-F]+$/.test(out)) throw new InvalidSignatureError('The signer returned no hex signature');
  let serialized: Hex;
  let recovered: string;
  try {
    serialized = serializeTransaction(built.tx, extractSignature(out));
    recovered = await recoverTransactionAddress({ serializedTransaction: serialized as Parameters<typeof recoverTransactionAddress>[0]['serializedTransaction'] });
  } catch (e) {
    if (e instanceof InvalidSignatureError) throw e;
    throw new InvalidSignatureError(`The signer returned an unusable signature: ${(e as Error).message}`);
  }
  if (recovered.toLowerCase() !== built.from.toLowerCase()) {
    throw new InvalidSignatureError('The signature is not from the sending account for this transaction', { expected: built.from, recovered });
  }
  return { built, serialized, hash: keccak256(serialized) };
}
