/**
 * Coded errors of the chain layer (range 1100-1199). They extend MeridianError, so they serialize to
 * `{ code, message, data }` at every hop. Every check that refuses a send runs BEFORE the signer is called.
 */
import { MeridianError } from '../shared/errors';

/** Not an address of this chain family (bad hex/base58, EIP-55 checksum mismatch, off-curve ed25519 key). */
export class InvalidAddressError extends MeridianError { static override code = 1100; }
/** Zero, negative, non-numeric or too many decimals. */
export class InvalidAmountError extends MeridianError { static override code = 1101; }
/** Amount (plus fee, plus rent where needed) above what the account holds. */
export class InsufficientFundsError extends MeridianError { static override code = 1102; }
/** The request names another network than the adapter's, or the RPC answers with another chain. */
export class WrongNetworkError extends MeridianError { static override code = 1103; }
/** Every RPC URL of the network failed (timeout, refused, 429, 5xx, garbage). */
export class RpcUnavailableError extends MeridianError { static override code = 1104; }
/** The node answered with a JSON-RPC error. `data` carries `{ method, rpcCode }`. */
export class RpcResponseError extends MeridianError { static override code = 1105; }
/** A custom network's endpoint reports another chain id / genesis than the user gave. */
export class ChainIdMismatchError extends MeridianError { static override code = 1106; }
/** A custom network with this id already exists (built-in or saved). */
export class NetworkExistsError extends MeridianError { static override code = 1107; }
/** The signer returned something that is not a valid signature of the payload by the sending account. */
export class InvalidSignatureError extends MeridianError { static override code = 1108; }
/** Gas estimation / simulation says the transaction would fail. */
export class SimulationFailedError extends MeridianError { static override code = 1109; }
/** A token address/mint that is not a token contract / mint on this network. */
export class TokenNotFoundError extends MeridianError { static override code = 1110; }
/** Unknown network id, or a network of another chain family than the adapter. */
export class UnsupportedNetworkError extends MeridianError { static override code = 1111; }
/** The node refused the signed transaction. */
export class BroadcastError extends MeridianError { static override code = 1112; }
/** A custom network definition that is malformed (bad URL, bad chain id, ...). */
export class InvalidNetworkError extends MeridianError { static override code = 1113; }

/**
 * Confirm re-simulated the reviewed transfer on a newer block and what it does changed: nothing was signed; `data`
 * carries the new preview (`whatHappens`) and the blocks (`at`, `was`) to show before the user confirms again.
 */
export class PreviewChangedError extends MeridianError { static override code = 1114; }

export const CHAIN_ERROR_CLASSES: ReadonlyArray<typeof MeridianError> = [
  InvalidAddressError, InvalidAmountError, InsufficientFundsError, WrongNetworkError, RpcUnavailableError,
  RpcResponseError, ChainIdMismatchError, NetworkExistsError, InvalidSignatureError, SimulationFailedError,
  TokenNotFoundError, UnsupportedNetworkError, BroadcastError, InvalidNetworkError, PreviewChangedError,
];
