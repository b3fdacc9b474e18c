export { previewEvmTransaction, DEFAULT_PREVIEW_BUDGET_MS } from './previewEvmTransaction';
export { createSimulateV1Memo, isMethodUnsupported, type SimulateV1Memo, type SimulateV1MemoPersistence } from './simulateV1Memo';
export { decodeRevert, PANIC_MEANINGS } from './decodeRevert';
export { summarizeLogs, TOPICS, type LogSummary } from './logs';
export type {
  ApprovalGrant, AssetChange, EvmPreview, EvmPreviewDeps, EvmPreviewInput, KnownToken, PreviewEngine, RevertInfo, RevertKind,
} from './types';
