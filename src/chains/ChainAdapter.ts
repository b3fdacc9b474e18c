/**
 * The contract every chain family implements (DESIGN.md "Chains"). Exact integers (bigint) everywhere; no key
 * material ever enters an adapter: signing goes through a `Signer` callback supplied by the keyring.
 *
 * Flow of a send: buildTransfer (validates everything, reads chain state, refuses BEFORE signing) → describe
 * (what the UI shows) → sign(built, signer) → broadcast → track (poll until final).
 */

export type ChainFamily = 'evm' | 'solana';
export type FeeTier = 'slow' | 'normal' | 'fast';
export const FEE_TIERS: readonly FeeTier[] = ['slow', 'normal', 'fast'];

export interface NativeCurrency { name: string; symbol: string; decimals: number }

interface NetworkBase {
  /** CAIP-2 for EVM (`eip155:1`); Wallet Standard chain for Solana (`solana:mainnet`, custom: `solana:<genesis>`). */
  id: string;
  name: string;
  nativeCurrency: NativeCurrency;
  /** Tried in order; a failing URL (timeout, 429, 5xx, refused) is backed off and the next one is used. */
  rpcUrls: string[];
  blockExplorer?: { name: string; url: string };
  testnet: boolean;
  custom?: boolean;
}
export interface EvmNetwork extends NetworkBase {
  family: 'evm';
  chainId: number;
  /** Multicall3 address when the chain has it (balances then cost one eth_call). */
  multicall3?: `0x${string}`;
}
export interface SolanaNetwork extends NetworkBase {
  family: 'solana';
  cluster: 'mainnet' | 'devnet' | 'testnet' | 'localnet' | 'custom';
  /** Expected getGenesisHash answer (known clusters; custom networks are keyed by it). */
  genesisHash?: string;
}
export type Network = EvmNetwork | SolanaNetwork;

/** A fungible token: ERC-20 contract or SPL / Token-2022 mint. */
export interface Token {
  /** ERC-20 contract address (checksummed) or base58 mint. */
  address: string;
  symbol: string;
  name?: string;
  decimals: number;
  /** Solana only: owning token program (SPL Token or Token-2022). */
  programId?: string;
}

export interface BalanceRequest { accounts: string[]; tokens: Token[] }
export interface AccountBalances {
  native: bigint;
  /** token address → base units; null when the read failed (not a token, reverted) — never breaks the batch. */
  tokens: Record<string, bigint | null>;
}
export interface BalanceSnapshot {
  networkId: string;
  /** Milliseconds since epoch (injected clock). */
  at: number;
  accounts: Record<string, AccountBalances>;
}

export interface TransferRequest {
  networkId: string;
  from: string;
  to: string;
  /** Decimal string in display units ("1.25") or base units (bigint). */
  amount: string | bigint;
  /** Omitted for the native currency. */
  token?: Token;
  /** Default 'normal'. */
  feeTier?: FeeTier;
}

export interface FeeOption {
  tier: FeeTier;
  /** Worst-case fee in native base units (what the balance check uses). */
  maxFee: bigint;
  /** Family-specific parameters (EVM: gas limit and prices; Solana: CU limit and price). */
  params: Record<string, bigint>;
}
export interface FeeEstimate { networkId: string; tiers: Record<FeeTier, FeeOption> }

export interface AmountLine { symbol: string; decimals: number; amount: bigint; formatted: string }
/** Everything the confirmation screen shows. */
export interface TransferDescription {
  networkId: string;
  networkName: string;
  from: string;
  to: string;
  amount: AmountLine;
  token?: { address: string; symbol: string; decimals: number };
  fee: AmountLine;
  feeTier: FeeTier;
  /** Debits per currency: one line for a native send (amount + fee), two for a token send. */
  total: AmountLine[];
  /** Solana: the recipient's token account is created by this transaction (its rent is in `total`). */
  createsRecipientAccount?: boolean;
  /** Solana Token-2022: the transfer fee the token withholds, and what the recipient receives after it. */
  tokenTransferFee?: AmountLine;
  recipientReceives?: AmountLine;
}

export type TxStatus = 'pending' | 'confirmed' | 'failed' | 'expired' | 'replaced' | 'dropped';

/** What the adapter needs to keep polling a transaction (JSON-safe: bigints as decimal strings). */
export interface TrackHandle {
  networkId: string;
  id: string;
  from: string;
  submittedAt: number;
  /** EVM */
  nonce?: number;
  /** Solana */
  lastValidBlockHeight?: number;
}
/**
 * What a broadcast learned. `delivery: 'unconfirmed'`: no RPC answered (timeout, connection lost), so the node may
 * or may not have the transaction; it is recorded as pending and tracked, and a retry re-sends the same bytes.
 */
export type BroadcastHandle = TrackHandle & { delivery?: 'unconfirmed' };

export interface TrackResult {
  status: TxStatus;
  /** Fee actually paid (EVM gasUsed × effectiveGasPrice; Solana meta fee or signature/priority fee), when known. */
  fee?: bigint;
  blockNumber?: bigint;
  error?: string;
}

/** Signer callbacks, supplied by the keyring. They get a payload to sign and return only a signature. */
export interface EvmSignPayload {
  family: 'evm';
  from: `0x${string}`;
  chainId: number;
  /** The serialized unsigned transaction (EIP-2718 typed envelope or legacy RLP with EIP-155 fields). */
  unsignedSerialized: `0x${string}`;
  /** keccak256(unsignedSerialized): the digest to sign with secp256k1. */
  hash: `0x${string}`;
}
export interface SolanaSignPayload {
  family: 'solana';
  from: string;
  /** The serialized transaction message: the bytes to sign with ed25519. */
  message: Uint8Array;
}
/**
 * EVM: returns a 65-byte signature (r‖s‖v hex) of `hash`, or the whole signed serialized transaction (what
 * viem's `account.signTransaction` gives); the adapter checks that it is this transaction, signed by `from`.
 */
export type EvmSigner = (payload: EvmSignPayload) => Promise<`0x${string}`>;
/** Solana: returns the 64-byte ed25519 signature of `message`; the adapter verifies it against `from`. */
export type SolanaSigner = (payload: SolanaSignPayload) => Promise<Uint8Array>;

export interface ChainAdapter<N extends Network, Built, Signer, Signed> {
  readonly family: N['family'];
  readonly network: N;
  /** True when `address` is a valid address of this family (checksum / on-curve checks included). */
  isValidAddress(address: string): boolean;
  /** Canonical form of `address`, or InvalidAddressError. */
  validateAddress(address: string): string;
  /** Native + token balances of many accounts in one round trip per refresh. */
  getBalances(request: BalanceRequest): Promise<BalanceSnapshot>;
  /** Fee tiers for a transfer (slow/normal/fast). */
  estimateFees(request: TransferRequest): Promise<FeeEstimate>;
  /** Validates and builds; throws a coded error (nothing signed) for any bad input or insufficient funds. */
  buildTransfer(request: TransferRequest): Promise<Built>;
  describe(built: Built): TransferDescription;
  sign(built: Built, signer: Signer): Promise<Signed>;
  /**
   * Records the transaction as pending (under its hash, known before sending), then sends it. A node's refusal
   * removes the record and throws BroadcastError; no answer at all keeps it pending with `delivery: 'unconfirmed'`.
   */
  broadcast(signed: Signed): Promise<BroadcastHandle>;
  /**
   * Sends the same signed bytes again (never a new signature). Resolves when a node accepted them or already has
   * them; RpcUnavailableError when none answered; BroadcastError when a node refused them.
   */
  rebroadcast(id: string, raw: string): Promise<void>;
  /** One poll of the transaction's state. */
  track(handle: TrackHandle): Promise<TrackResult>;
  /** Custom token: symbol/decimals read from the chain. */
  readToken(address: string): Promise<Token>;
}
