/** Envelope shapes and channel names shared by every context (no runtime dependencies). */
/** Wire envelope for both channels. */
export type RpcRequest = { id: number | string; method: string; params?: unknown };
export type RpcResponse = { id: number | string; result: unknown } | { id: number | string; error: { code: number; message: string; data?: unknown } };
/** Pushed by the background on the popup port (`approvalsChanged`: the approval queue changed). */
export type PopupEvent = { event: 'stateChanged' } | { event: 'approvalsChanged' };

export const POPUP_PORT_NAME = 'meridian-popup';

/**
 * The dapp channel. inpage (MAIN world) ⇄ content bridge over window.postMessage, every message wrapped as
 * `{ channel: DAPP_CHANNEL, target, payload }`; content bridge ⇄ background over a runtime Port named
 * DAPP_PORT_NAME carrying the bare payloads.
 */
export const DAPP_CHANNEL = 'meridian:dapp:v1';
export const DAPP_PORT_NAME = 'meridian-dapp';
export type DappFamily = 'evm' | 'solana';
/** inpage → background. `id` is chosen by the inpage script (string, ≤ 64 chars). */
export type DappRequest = { id: string; family: DappFamily; method: string; params?: unknown };
/** background → inpage: an answer, or an event pushed to every page of an origin. */
export type DappResponse = { id: string; result: unknown } | { id: string; error: { code: number; message: string; data?: unknown } };
export type DappEvent =
  | { event: 'evm:accountsChanged'; data: string[] }
  | { event: 'evm:chainChanged'; data: `0x${string}` }
  | { event: 'evm:connect'; data: { chainId: `0x${string}` } }
  | { event: 'evm:disconnect'; data: { code: number; message: string } }
  /** Solana Wallet Standard `change` event: the accounts this origin may see now (base58). */
  | { event: 'solana:accountsChanged'; data: string[] }
  /** The cluster the wallet signs for changed (Wallet Standard chain id, e.g. `solana:devnet`). */
  | { event: 'solana:chainChanged'; data: string };
export type WindowMessage =
  | { channel: typeof DAPP_CHANNEL; target: 'content'; payload: DappRequest }
  | { channel: typeof DAPP_CHANNEL; target: 'inpage'; payload: DappResponse | DappEvent };
