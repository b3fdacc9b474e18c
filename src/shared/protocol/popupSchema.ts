import { z } from 'zod';
import type {
  AccountTotalsView, AccountView, ActivityView, AddressBookEntry, Budget, HistorySyncStatus, OverviewView, ConnectedSite, NetworkView, PortfolioView, RecipientCheck, SendPreview, Settings,
  TokenView, UiSettings, WalletState,
} from '../types';
import type { ApprovalQueueView } from '../approval';

/**
 * The popup ⇄ background channel: each method's params validator and result type. The background's dispatch
 * table is `Record<PopupMethod, Handler>`, and the popup client is typed from the same entries.
 */
const family = z.enum(['evm', 'solana']);
const secretText = z.string().max(4096);
const password = z.string().max(1024);
const result = <T>() => undefined as unknown as T;
const netId = z.string().min(1).max(120);
const url = z.string().max(2048);
const b64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const PopupSchema = {
  getState: { params: z.object({}).strict(), result: result<WalletState>() },
  validatePhrase: { params: z.object({ phrase: secretText }).strict(), result: result<{ wordCount: number; language: string }>() },
  setupWallet: {
    params: z.object({ phrase: secretText, password, replaceExisting: z.boolean().optional() }).strict(),
    result: result<null>(),
  },
  unlock: { params: z.object({ password }).strict(), result: result<null>() },
  lock: { params: z.object({}).strict(), result: result<null>() },
  addAccount: { params: z.object({}).strict(), result: result<AccountView>() },
  renameAccount: { params: z.object({ id: z.string().max(200), name: z.string().max(200) }).strict(), result: result<null>() },
  selectAccount: { params: z.object({ id: z.string().max(200) }).strict(), result: result<null>() },
  importPrivateKey: {
    params: z.object({ family, privateKey: secretText, password, name: z.string().max(200).optional() }).strict(),
    result: result<AccountView>(),
  },
  revealPhrase: { params: z.object({ password }).strict(), result: result<{ phrase: string }>() },
  exportPrivateKey: {
    params: z.object({ accountId: z.string().max(200), family, password }).strict(),
    result: result<{ privateKey: string }>(),
  },
  changePassword: { params: z.object({ oldPassword: password, newPassword: password }).strict(), result: result<null>() },
  /** Passkey unlock (WebAuthn PRF): the PRF output is computed in the page and sent once; base64 fields. */
  enrolPasskey: { params: z.object({ password, credentialId: b64(1400), prfSalt: b64(44), prf: b64(44) }).strict(), result: result<null>() },
  unlockWithPasskey: { params: z.object({ credentialId: b64(1400), prf: b64(44) }).strict(), result: result<null>() },
  removePasskey: { params: z.object({}).strict(), result: result<null>() },
  updateSettings: {
    params: z.object({ autoLockMinutes: z.number().int().min(1).max(24 * 60).optional(), defaultWallet: z.boolean().optional(), appearAsMetaMask: z.boolean().optional() }).strict(),
    result: result<Settings>(),
  },
  getApprovalQueue: { params: z.object({}).strict(), result: result<ApprovalQueueView>() },
  resolveApproval: {
    params: z.object({ id: z.string().max(64), approved: z.boolean(), accounts: z.array(z.string().max(64)).max(100).optional() }).strict(),
    result: result<null>(),
  },
  rejectAllApprovals: { params: z.object({}).strict(), result: result<null>() },
  listConnectedSites: { params: z.object({}).strict(), result: result<ConnectedSite[]>() },
  revokeSite: { params: z.object({ origin: z.string().max(300) }).strict(), result: result<null>() },
  /** The EVM network and the Solana cluster sites use (wallet_switchEthereumChain changes the first too). */
  getDappNetworks: { params: z.object({}).strict(), result: result<{ evm: string; solana: string }>() },
  selectDappNetwork: { params: z.object({ networkId: netId }).strict(), result: result<{ evm: string; solana: string }>() },
  // ───────────── Wallet UI (issue #5): portfolio, networks, tokens, send, activity, address book, settings ─────────────
  getPortfolio: { params: z.object({}).strict(), result: result<PortfolioView>() },
  getAccountTotals: { params: z.object({}).strict(), result: result<AccountTotalsView>() },
  refreshPortfolio: { params: z.object({ networkIds: z.array(netId).max(100).optional() }).strict(), result: result<PortfolioView>() },
  listNetworks: { params: z.object({}).strict(), result: result<NetworkView[]>() },
  setNetworkEnabled: { params: z.object({ networkId: netId, enabled: z.boolean() }).strict(), result: result<null>() },
  setNetworkRpcUrls: { params: z.object({ networkId: netId, rpcUrls: z.array(url).max(5) }).strict(), result: result<NetworkView>() },
  addCustomNetwork: {
    params: z.object({
      family, name: z.string().max(64), rpcUrls: z.array(url).min(1).max(5), chainId: z.number().int().positive().optional(),
      symbol: z.string().max(12).optional(), blockExplorerUrl: url.optional(),
    }).strict(),
    result: result<NetworkView>(),
  },
  removeCustomNetwork: { params: z.object({ networkId: netId }).strict(), result: result<null>() },
  listTokens: { params: z.object({ networkId: netId }).strict(), result: result<TokenView[]>() },
  addToken: { params: z.object({ networkId: netId, address: z.string().max(100) }).strict(), result: result<TokenView>() },
  setTokenHidden: { params: z.object({ networkId: netId, address: z.string().max(100), hidden: z.boolean() }).strict(), result: result<null>() },
  validateRecipient: { params: z.object({ networkId: netId, address: z.string().max(200) }).strict(), result: result<RecipientCheck>() },
  prepareSend: {
    params: z.object({
      networkId: netId, from: z.string().max(100), to: z.string().max(200), token: z.string().max(100).optional(),
      amount: z.string().max(100).optional(), max: z.boolean().optional(), feeTier: z.enum(['slow', 'normal', 'fast']),
    }).strict(),
    result: result<SendPreview>(),
  },
  confirmSend: { params: z.object({ draftId: z.string().max(64) }).strict(), result: result<ActivityView>() },
  cancelSend: { params: z.object({ draftId: z.string().max(64) }).strict(), result: result<null>() },
  trackTransaction: { params: z.object({ networkId: netId, id: z.string().max(200), from: z.string().max(100) }).strict(), result: result<ActivityView>() },
  retryTransaction: { params: z.object({ networkId: netId, id: z.string().max(200), from: z.string().max(100) }).strict(), result: result<ActivityView>() },
  listActivity: { params: z.object({ poll: z.boolean().optional() }).strict(), result: result<ActivityView[]>() },
  /** One pass of the records sync on every enabled network (with `status`: only what is stored, no request). */
  syncActivity: { params: z.object({ status: z.boolean().optional() }).strict(), result: result<HistorySyncStatus[]>() },
  /** The Overview tab: a month's totals (default: this month), holdings, budgets. */
  getOverview: { params: z.object({ month: z.string().max(7).optional() }).strict(), result: result<OverviewView>() },
  saveBudget: {
    params: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('usd'), limit: z.string().max(40) }).strict(),
      z.object({ kind: z.literal('asset'), networkId: netId, token: z.string().max(100).optional(), limit: z.string().max(80) }).strict(),
    ]),
    result: result<Budget[]>(),
  },
  removeBudget: { params: z.object({ id: z.string().max(64) }).strict(), result: result<Budget[]>() },
  /** Activity of the selected account as CSV (RFC 4180, UTF-8 with BOM), with a file name. */
  exportActivityCsv: { params: z.object({}).strict(), result: result<{ csv: string; filename: string }>() },
  listAddressBook: { params: z.object({}).strict(), result: result<AddressBookEntry[]>() },
  saveAddressBookEntry: {
    params: z.object({ id: z.string().max(64).optional(), name: z.string().max(64), address: z.string().max(200) }).strict(),
    result: result<AddressBookEntry>(),
  },
  removeAddressBookEntry: { params: z.object({ id: z.string().max(64) }).strict(), result: result<null>() },
  getUiSettings: { params: z.object({}).strict(), result: result<UiSettings>() },
  updateUiSettings: {
    params: z.object({ language: z.enum(['auto', 'en', 'zh_CN']).optional(), pricesEnabled: z.boolean().optional(), priceApiUrl: url.optional() }).strict(),
    result: result<UiSettings>(),
  },
  resetWallet: { params: z.object({ confirm: z.literal(true), password: z.string().max(1024) }).strict(), result: result<null>() },
} as const;

export type PopupMethod = keyof typeof PopupSchema;
export type PopupParams<M extends PopupMethod> = z.input<(typeof PopupSchema)[M]['params']>;
export type PopupResult<M extends PopupMethod> = (typeof PopupSchema)[M]['result'];

/** Methods whose result carries a secret, by design and only after the password check. */
export const SECRET_RESULT_METHODS: ReadonlySet<PopupMethod> = new Set(['revealPhrase', 'exportPrivateKey']);

export type { RpcRequest, RpcResponse, PopupEvent } from './envelope';
export { POPUP_PORT_NAME } from './envelope';
