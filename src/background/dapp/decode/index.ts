/** Decoders for what a dapp asks the user to sign; the approval window shows their JSON output. */
export type { Warning } from '../../../shared/approval';
export { decodePersonalMessage, isHexMessage, personalSignPayload, type DecodedPersonalMessage } from './personalMessage';
export {
  buildSiwsMessage, parseSiwe, parseSiws, siweWarnings, siwsWarnings,
  type SiweMessage, type SiweWarningContext, type SiwsInput, type SiwsMessage, type SiwsWarningContext,
} from './siwe';
export { decodeTypedData, typedDataWarnings, type DecodedTypedData, type Tree, type TypedDataWarningContext } from './typedData';
export {
  decodeEvmTransaction, evmTransactionWarnings, UNLIMITED_THRESHOLD,
  type DecodedEvmTransaction, type EvmDecodeContext, type EvmTransactionInput, type EvmTransactionKind,
} from './evmTransaction';
export {
  decodeSolanaTransaction, estimateSolanaFee, solanaTransactionWarnings,
  type DecodedSolanaInstruction, type DecodedSolanaTransaction, type SolanaProgramName,
} from './solanaTransaction';
