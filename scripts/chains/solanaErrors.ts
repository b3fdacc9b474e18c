// litesvm transaction errors → the JSON shape and message a real Agave RPC node uses.
import {
  InstructionErrorBorshIo, InstructionErrorCustom, TransactionErrorDuplicateInstruction, TransactionErrorInstructionError,
  TransactionErrorInsufficientFundsForRent, TransactionErrorProgramExecutionTemporarilyRestricted,
  type FailedTransactionMetadata,
} from 'litesvm/dist/internal.js';

/** TransactionError as serialized by the Solana RPC (serde externally tagged enum). */
export type TxErrorJson = string | Record<string, unknown>;

const TX_ERRORS = ['AccountInUse', 'AccountLoadedTwice', 'AccountNotFound', 'ProgramAccountNotFound',
  'InsufficientFundsForFee', 'InvalidAccountForFee', 'AlreadyProcessed', 'BlockhashNotFound', 'CallChainTooDeep',
  'MissingSignatureForFee', 'InvalidAccountIndex', 'SignatureFailure', 'InvalidProgramForExecution', 'SanitizeFailure',
  'ClusterMaintenance', 'AccountBorrowOutstanding', 'WouldExceedMaxBlockCostLimit', 'UnsupportedVersion',
  'InvalidWritableAccount', 'WouldExceedMaxAccountCostLimit', 'WouldExceedAccountDataBlockLimit', 'TooManyAccountLocks',
  'AddressLookupTableNotFound', 'InvalidAddressLookupTableOwner', 'InvalidAddressLookupTableData',
  'InvalidAddressLookupTableIndex', 'InvalidRentPayingAccount', 'WouldExceedMaxVoteCostLimit',
  'WouldExceedAccountDataTotalLimit', 'MaxLoadedAccountsDataSizeExceeded', 'ResanitizationNeeded',
  'InvalidLoadedAccountsDataSizeLimit', 'UnbalancedTransaction', 'ProgramCacheHitMaxLimit', 'CommitCancelled'] as const;

const IX_ERRORS = ['GenericError', 'InvalidArgument', 'InvalidInstructionData', 'InvalidAccountData',
  'AccountDataTooSmall', 'InsufficientFunds', 'IncorrectProgramId', 'MissingRequiredSignature',
  'AccountAlreadyInitialized', 'UninitializedAccount', 'UnbalancedInstruction', 'ModifiedProgramId',
  'ExternalAccountLamportSpend', 'ExternalAccountDataModified', 'ReadonlyLamportChange', 'ReadonlyDataModified',
  'DuplicateAccountIndex', 'ExecutableModified', 'RentEpochModified', 'NotEnoughAccountKeys', 'AccountDataSizeChanged',
  'AccountNotExecutable', 'AccountBorrowFailed', 'AccountBorrowOutstanding', 'DuplicateAccountOutOfSync', 'InvalidError',
  'ExecutableDataModified', 'ExecutableLamportChange', 'ExecutableAccountNotRentExempt', 'UnsupportedProgramId',
  'CallDepth', 'MissingAccount', 'ReentrancyNotAllowed', 'MaxSeedLengthExceeded', 'InvalidSeeds', 'InvalidRealloc',
  'ComputationalBudgetExceeded', 'PrivilegeEscalation', 'ProgramEnvironmentSetupFailure', 'ProgramFailedToComplete',
  'ProgramFailedToCompile', 'Immutable', 'IncorrectAuthority', 'AccountNotRentExempt', 'InvalidAccountOwner',
  'ArithmeticOverflow', 'UnsupportedSysvar', 'IllegalOwner', 'MaxAccountsDataAllocationsExceeded', 'MaxAccountsExceeded',
  'MaxInstructionTraceLengthExceeded', 'BuiltinProgramsMustConsumeComputeUnits', 'BorshIoError'] as const;

/** Display strings of the common errors (agave `TransactionError` Display); others fall back to the variant name. */
const TX_MESSAGES: Record<string, string> = {
  AccountNotFound: 'Attempt to debit an account but found no record of a prior credit.',
  AlreadyProcessed: 'This transaction has already been processed',
  BlockhashNotFound: 'Blockhash not found',
  InsufficientFundsForFee: 'Insufficient funds for fee',
  SignatureFailure: 'Transaction did not pass signature verification',
  ProgramAccountNotFound: 'Attempt to load a program that does not exist',
};
const IX_MESSAGES: Record<string, string> = {
  InsufficientFunds: 'insufficient funds for instruction',
  InvalidAccountData: 'invalid account data for instruction',
  InvalidInstructionData: 'invalid instruction data',
  MissingRequiredSignature: 'missing required signature for instruction',
  AccountAlreadyInitialized: 'instruction requires an uninitialized account',
  UninitializedAccount: 'instruction requires an initialized account',
  IncorrectProgramId: 'incorrect program id for instruction',
};

export const txErrorName = (code: number): string => TX_ERRORS[code] ?? `TransactionError${code}`;

/** JSON form, e.g. "BlockhashNotFound" or {"InstructionError":[0,{"Custom":1}]}. */
export function txErrorJson(failed: FailedTransactionMetadata): TxErrorJson {
  const e = failed.err();
  if (typeof e === 'number') return txErrorName(e);
  if (e instanceof TransactionErrorInstructionError) {
    const inner = e.err();
    let ix: unknown;
    if (typeof inner === 'number') ix = IX_ERRORS[inner] ?? `InstructionError${inner}`;
    else if (inner instanceof InstructionErrorCustom) ix = { Custom: inner.code };
    else if (inner instanceof InstructionErrorBorshIo) ix = { BorshIoError: inner.msg };
    else ix = String(inner);
    return { InstructionError: [e.index, ix] };
  }
  if (e instanceof TransactionErrorDuplicateInstruction) return { DuplicateInstruction: e.index };
  if (e instanceof TransactionErrorInsufficientFundsForRent) return { InsufficientFundsForRent: { account_index: e.accountIndex } };
  if (e instanceof TransactionErrorProgramExecutionTemporarilyRestricted) {
    return { ProgramExecutionTemporarilyRestricted: { account_index: e.accountIndex } };
  }
  return String(e);
}

/** Human message like agave's: "Error processing Instruction 0: custom program error: 0x1". */
export function txErrorMessage(err: TxErrorJson): string {
  if (typeof err === 'string') return TX_MESSAGES[err] ?? err;
  const ixErr = err.InstructionError;
  if (Array.isArray(ixErr)) {
    const [index, inner] = ixErr as [number, unknown];
    let text: string;
    if (typeof inner === 'string') text = IX_MESSAGES[inner] ?? inner;
    else if (inner && typeof inner === 'object' && 'Custom' in inner) text = `custom program error: 0x${Number((inner as { Custom: number }).Custom).toString(16)}`;
    else text = JSON.stringify(inner);
    return `Error processing Instruction ${index}: ${text}`;
  }
  if ('InsufficientFundsForRent' in err) {
    const idx = (err.InsufficientFundsForRent as { account_index: number }).account_index;
    return `Transaction results in an account (${idx}) with insufficient funds for rent`;
  }
  return JSON.stringify(err);
}

/** JSON-RPC error objects with the codes of a real node. */
export class RpcError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
  }
}
export const invalidParams = (msg: string): RpcError => new RpcError(-32602, msg);
