/** Non-secret shapes shared by the popup and the background. */
import type { WhatHappensView } from './preview';
export type ChainFamily = 'evm' | 'solana';

export type AccountView = {
  id: string;
  name: string;
  kind: 'hd' | 'imported';
  /** HD index for kind 'hd'. */
  index?: number;
  evm?: string;
  solana?: string;
};

export type WalletStatus = 'uninitialized' | 'locked' | 'unlocked' | 'corrupt';

export type Settings = {
  autoLockMinutes: number;
  /** "Use Meridian as the default wallet": take window.ethereum even when another wallet set it. */
  defaultWallet: boolean;
  /** "Appear as MetaMask to sites that only work with MetaMask": `isMetaMask: true` on the provider of pages loaded after. */
  appearAsMetaMask: boolean;
};

export type WalletState = {
  status: WalletStatus;
  accounts: AccountView[];
  selectedAccountId: string | null;
  settings: Settings;
  /** When the last wrong passwords require a wait before the next try. */
  retryAfterMs: number;
  /** Why the vault could not be read, when status is 'corrupt'. */
  corruptReason?: string;
  hasMnemonic: boolean;
  /** Passkey unlock is set up for the stored vault (locked or unlocked): the public parts WebAuthn get() needs. */
  passkey?: PasskeyInfo;
  /** Why a passkey enrolment stopped working (the vault was re-encrypted), until a new enrolment or dismissal. */
  passkeyRemoved?: PasskeyRemovedReason;
};

/** Base64 credential id and PRF salt: public (no secret), stored next to the wrapped vault key. */
export type PasskeyInfo = { credentialId: string; prfSalt: string };
export type PasskeyRemovedReason = 'password-changed' | 'key-imported' | 'vault-changed';

export type ConnectedSite = { origin: string; evm?: { accounts: string[]; grantedAt: number }; solana?: { accounts: string[]; grantedAt: number } };

// ───────────── Wallet UI (portfolio, send, activity, networks, tokens, settings) ─────────────
/** One holding on one network. Amounts are base units as decimal strings (exact). */
export type AssetView = {
  networkId: string;
  /** Token contract / mint; absent for the native currency. */
  token?: string;
  symbol: string;
  name: string;
  decimals: number;
  /** null when the balance is unknown (never read, or the token read failed). */
  amount: string | null;
  /** USD price of one whole unit, when prices are on and known. */
  priceUsd?: number;
  /** One of the network's default tokens (it gets the bundled icon; a token the user added gets its identicon). */
  builtin?: boolean;
};

export type NetworkPortfolio = {
  networkId: string;
  name: string;
  family: ChainFamily;
  testnet: boolean;
  address: string;
  /** When the balances shown were read (ms since epoch); null when never. */
  at: number | null;
  /** The last refresh failed: a coded, short reason (the balances shown are the last known ones). */
  error?: { code: number; message: string };
  assets: AssetView[];
};

export type PortfolioView = {
  accountId: string;
  networks: NetworkPortfolio[];
  prices: { enabled: boolean; at: number | null };
};

/**
 * Each account's total in USD from the cached balances and prices (no request): the priced mainnet assets only;
 * `usd` is absent (and `priced` false) when none of the account's assets has a price, or prices are off.
 */
export type AccountTotalsView = { accounts: { accountId: string; usd?: number; priced: boolean }[] };

export type NetworkView = {
  id: string;
  name: string;
  family: ChainFamily;
  chainId?: number;
  nativeSymbol: string;
  rpcUrls: string[];
  /** The URLs the network ships with (built-in) or was added with (custom). */
  defaultRpcUrls: string[];
  explorerUrl?: string;
  testnet: boolean;
  custom: boolean;
  enabled: boolean;
};

export type TokenView = {
  address: string;
  symbol: string;
  name?: string;
  decimals: number;
  programId?: string;
  hidden: boolean;
  custom: boolean;
};

export type AmountLineView = { symbol: string; decimals: number; amount: string };
export type FeeTierName = 'slow' | 'normal' | 'fast';

export type SendPreview = {
  draftId: string;
  networkId: string;
  networkName: string;
  from: string;
  to: string;
  token?: string;
  amount: AmountLineView;
  fee: AmountLineView;
  feeTier: FeeTierName;
  /** Worst-case fee per tier (native base units). */
  tiers: Record<FeeTierName, string>;
  total: AmountLineView[];
  createsRecipientAccount: boolean;
  /** Token-2022 transfer fee withheld by the token, and what the recipient receives after it. */
  tokenTransferFee?: AmountLineView;
  recipientReceives?: AmountLineView;
  expiresAt: number;
  /** The transfer simulated on the network's RPC before anything is signed. */
  whatHappens?: WhatHappensView;
  /** Monthly budgets this send would take past their limit. */
  budgetWarnings?: BudgetWarning[];
};

export type TxStatusName = 'pending' | 'confirmed' | 'failed' | 'expired' | 'replaced' | 'dropped';

export type ActivityView = {
  id: string;
  networkId: string;
  networkName: string;
  from: string;
  to: string;
  amount: string;
  symbol: string;
  decimals: number;
  token?: string;
  fee: string;
  feeSymbol: string;
  feeDecimals: number;
  status: TxStatusName;
  createdAt: number;
  updatedAt: number;
  error?: string;
  explorerUrl?: string;
  /** No RPC confirmed it received the transaction; it may or may not have landed (tracked until known). */
  delivery?: 'unconfirmed';
  /** The recorded signed bytes can be sent again ("Retry"): same nonce / signature, never a second payment. */
  canRetry?: boolean;
  /** The site that asked for it (dapp transactions). */
  origin?: string;
  /** Unique per row: the hash for the wallet's own sends, `<hash>:<movement>` for records found on chain. */
  key: string;
  direction: 'in' | 'out' | 'self';
  /** The other side (recipient of a send, sender of a receipt); '' when the chain does not say. */
  counterparty: string;
  /** 'wallet': sent from this wallet (tracked from its broadcast); 'chain': found on chain by the records sync. */
  source: 'wallet' | 'chain';
  /** Block number (EVM) or slot (Solana) of a record found on chain. */
  block?: number;
  /** A token not in the wallet's list: its symbol is only what the contract claims. */
  unlisted?: boolean;
  /** A zero-value or dust transfer with a look-alike of a known address: possible address poisoning. */
  poisoning?: boolean;
};

// ───────────── Spending overview and budgets (issue 11, item 2) ─────────────
export interface AssetTotals {
  /** networkId|token (lower case) or networkId|native. */
  key: string;
  networkId: string;
  networkName: string;
  symbol: string;
  decimals: number;
  token?: string;
  /** Base units, decimal strings. */
  sent: string;
  received: string;
  fees: string;
  /** At today's price, when the asset has one (never for test networks). */
  usd?: { sent: number; received: number; fees: number };
}

export interface CounterpartyTotals { address: string; networkId: string; count: number; sentUsd?: number; receivedUsd?: number }

export interface MonthOverview {
  month: string;
  assets: AssetTotals[];
  /** Sums of the priced assets only; `unpriced` counts the assets without a price. */
  usd: { sent: number; received: number; fees: number; unpriced: number };
  counterparties: CounterpartyTotals[];
}

export type Budget =
  | { id: string; kind: 'asset'; networkId: string; token?: string; symbol: string; decimals: number; /** Base units. */ limit: string }
  | { id: string; kind: 'usd'; /** Whole US dollars and cents, e.g. "250.00". */ limit: string };

export interface BudgetStatus { budget: Budget; /** Base units (asset) or USD (usd) spent this month. */ spent: string; remaining: string; over: boolean }

export interface BudgetWarning { budget: Budget; /** Spent this month before this send, and after it (base units or USD). */ spent: string; after: string; limit: string }

export type OverviewView = Omit<MonthOverview, 'counterparties'> & {
  /** Months with records, newest first (the current one always). */
  months: string[];
  counterparties: (CounterpartyTotals & { name?: string })[];
  holdings: {
    byChain: { networkId: string; name: string; testnet: boolean; usd?: number }[];
    byAsset: { key: string; networkId: string; networkName: string; symbol: string; decimals: number; amount: string; usd?: number }[];
    /** When the balances were read (the oldest network's); null when never. */
    at: number | null;
  };
  budgets: BudgetStatus[];
  /** EVM networks whose incoming coin cannot be listed without an indexer (the totals say so). */
  nativeIncomingUnknown: string[];
};

/** How far the records sync of one network has read (issue 11). */
export interface HistorySyncStatus {
  networkId: string;
  networkName: string;
  /** EVM: coin received leaves no log, so incoming native transfers cannot be listed from a plain RPC. */
  nativeIncomingUnknown?: boolean;
  /** Everything back to the chain's start has been read (or the cap reached). */
  complete: boolean;
  capped?: boolean;
  syncedFromBlock?: number;
  syncedAt?: number;
  /** The last pass failed (RPC trouble); what was read before is kept. */
  error?: string;
}

export type AddressBookEntry = { id: string; name: string; address: string; family: ChainFamily };

export type UiLanguage = 'auto' | 'en' | 'zh_CN';
export type UiSettings = { language: UiLanguage; pricesEnabled: boolean; priceApiUrl: string };

/** A risk finding as the popup shows it (from background/risk): severity, both languages, what it asks of the user. */
export type RecipientFinding = { code: string; severity: 'info' | 'warning' | 'danger'; message: { en: string; zh_CN: string }; confirm?: 'checked-whole-address' };
export type RecipientCheck = { ok: true; address: string; findings?: RecipientFinding[] } | { ok: false; reason: 'format' | 'checksum' | 'off-curve' | 'family' };
