/**
 * Coded errors shared by every context. Each class has a static `code`; errors travel as
 * `{ code, message, data }` and are rebuilt by `errorFromSerialized`, so the receiver sees the code the
 * background chose. Compare by `code`, not `instanceof`, across hops.
 */
export type SerializedError = { code: number; message: string; data?: unknown };

export class MeridianError extends Error {
  static code = -32603;
  readonly code: number;
  readonly data: unknown;
  constructor(message: string, data?: unknown) {
    super(message);
    this.code = (this.constructor as typeof MeridianError).code;
    this.name = this.constructor.name;
    this.data = data;
  }
  toJSON(): SerializedError {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

// EIP-1193 provider errors
export class UserRejectedError extends MeridianError { static override code = 4001; }
export class UnauthorizedError extends MeridianError { static override code = 4100; }
export class UnsupportedMethodError extends MeridianError { static override code = 4200; }
export class DisconnectedError extends MeridianError { static override code = 4900; }
export class ChainDisconnectedError extends MeridianError { static override code = 4901; }
export class UnknownChainError extends MeridianError { static override code = 4902; }
// JSON-RPC errors
export class InvalidParamsError extends MeridianError { static override code = -32602; }
export class InternalError extends MeridianError { static override code = -32603; }
export class MethodNotFoundError extends MeridianError { static override code = -32601; }
export class InvalidRequestError extends MeridianError { static override code = -32600; }
export class LimitExceededError extends MeridianError { static override code = -32005; }
// Wallet errors (popup channel). Range 1000-1099.
export class LockedError extends MeridianError { static override code = 1000; }
export class WrongPasswordError extends MeridianError { static override code = 1001; }
export class VaultCorruptError extends MeridianError { static override code = 1002; }
export class InvalidMnemonicError extends MeridianError { static override code = 1003; }
export class InvalidPrivateKeyError extends MeridianError { static override code = 1004; }
export class TooManyAttemptsError extends MeridianError { static override code = 1005; }
export class NoVaultError extends MeridianError { static override code = 1006; }
export class VaultExistsError extends MeridianError { static override code = 1007; }
export class WeakPasswordError extends MeridianError { static override code = 1008; }
export class DuplicateAccountError extends MeridianError { static override code = 1009; }
export class NotFoundError extends MeridianError { static override code = 1010; }
/** The browser refused a write: its storage for this extension is full. */
export class StorageFullError extends MeridianError { static override code = 1011; }
/** Passkey unlock: `data.reason` says why (no-prf, no-match, not-enrolled, stale, damaged, unknown-version, …). */
export class PasskeyError extends MeridianError { static override code = 1012; }

const registry: ReadonlyArray<typeof MeridianError> = [
  UserRejectedError, UnauthorizedError, UnsupportedMethodError, DisconnectedError, ChainDisconnectedError,
  UnknownChainError, InvalidParamsError, InternalError, MethodNotFoundError, InvalidRequestError,
  LimitExceededError, LockedError, WrongPasswordError, VaultCorruptError, InvalidMnemonicError,
  InvalidPrivateKeyError, TooManyAttemptsError, NoVaultError, VaultExistsError, WeakPasswordError,
  DuplicateAccountError, NotFoundError, StorageFullError, PasskeyError,
];
const byCode = new Map<number, typeof MeridianError>(registry.map((c) => [c.code, c]));

/** Serialize anything thrown into the wire shape; unknown errors become -32603 with a generic message. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof MeridianError) return error.toJSON();
  // Never forward arbitrary messages: they may carry input (and input may be a secret).
  return { code: InternalError.code, message: 'Internal error' };
}

/** Rebuild the coded error class on arrival. */
export function errorFromSerialized(e: SerializedError): MeridianError {
  const Cls = byCode.get(e.code);
  if (Cls) return new Cls(e.message, e.data);
  const err = new MeridianError(e.message, e.data);
  (err as { code: number }).code = e.code;
  return err;
}

export function isSerializedError(x: unknown): x is SerializedError {
  return typeof x === 'object' && x !== null && typeof (x as SerializedError).code === 'number'
    && typeof (x as SerializedError).message === 'string';
}
