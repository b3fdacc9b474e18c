/** Composes the wallet UI services of the background (portfolio, networks, tokens, send, activity, address book). */
import { createActivityStore } from '../stores/activityStore';
import type { CustomNetworkStore } from '../stores/customNetworkStore';
import type { FetchLike } from '../../chains/rpcTransport';
import { LockedError } from '../../shared/errors';
import type { AccountView } from '../../shared/types';
import type { AlarmScheduler, StorageArea } from '../storageArea';
import type { Wallet } from '../wallet';
import { createActivity, type HistorySource } from './activity';
import { createHistoryStore } from '../stores/historyStore';
import { createHistory } from './history';
import { createBudgetStore } from '../stores/budgetStore';
import { createOverview } from './overviewService';
import type { NonceTrackers } from '../../chains/evm/nonceTracker';
import { createAdapterCache } from './adapters';
import { createAddressBook } from './addressBook';
import { createNetworkRegistry } from './networkRegistry';
import { createPortfolio, selectedAccount } from './portfolio';
import { createPriceService } from './prices';
import { createSendService } from './send';
import { createTokenList } from './tokenList';

export interface WalletUiDeps {
  wallet: Pick<Wallet, 'getState' | 'privateKeyFor' | 'addresses' | 'lock'>;
  local: StorageArea;
  customNetworks: CustomNetworkStore;
  now: () => number;
  fetch?: FetchLike;
  /** GET a JSON document (price API). Default: globalThis.fetch. */
  fetchJson?: (url: string) => Promise<unknown>;
  alarms?: AlarmScheduler;
  /** Clears chrome.storage.local and .session (Reset wallet). */
  clearStorage?: () => Promise<void>;
  newId?: () => string;
  /** EVM nonce trackers shared with dapp sends (one per chain id). */
  nonces?: NonceTrackers;
}

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
const defaultFetchJson = async (url: string): Promise<unknown> => {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 8000);
  try {
    const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
};

export function createWalletUi(deps: WalletUiDeps) {
  const { local, now } = deps;
  const newId = deps.newId ?? randomId;
  const registry = createNetworkRegistry(local, deps.customNetworks, deps.fetch ? { fetch: deps.fetch } : {});
  const tokens = createTokenList(local);
  const store = createActivityStore(local);
  const adapters = createAdapterCache({ activity: store, now, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.nonces ? { nonces: deps.nonces } : {}) });
  const prices = createPriceService(local, now, deps.fetchJson ?? defaultFetchJson);
  const account = async (): Promise<AccountView> => {
    const state = await deps.wallet.getState();
    if (state.status !== 'unlocked') throw new LockedError('The wallet is locked.');
    return selectedAccount(state);
  };
  const accounts = async (): Promise<AccountView[]> => {
    const state = await deps.wallet.getState();
    if (state.status !== 'unlocked') throw new LockedError('The wallet is locked.');
    return state.accounts;
  };
  const portfolio = createPortfolio({ local, now, registry, tokens, adapters, prices, account, accounts });
  const activity = createActivity({ local, now, store, registry, adapters, ...(deps.alarms ? { alarms: deps.alarms } : {}) });
  const send = createSendService({
    now, newId, registry, tokens, adapters, activity,
    budgetCheck: (x) => overview.checkSend(x),
    keyFor: (family, address) => deps.wallet.privateKeyFor(family, address),
    ownsAddress: async (family, address) => (await deps.wallet.addresses(family)).addresses.includes(address),
    ownAddresses: async (family) => (await deps.wallet.addresses(family)).addresses,
    knownRecipients: async (networkId) => {
      const n = await registry.get(networkId);
      const own = (await deps.wallet.addresses(n.family)).addresses;
      const sent = (await Promise.all(own.map((a) => store.list(networkId, a)))).flat().map((r) => r.to);
      return { addressBook: (await addressBook.list()).map((e) => e.address), pastCounterparties: [...new Set(sent)] };
    },
  });
  const addressBook = createAddressBook(local, newId);
  const history = createHistory({ store: createHistoryStore(local), registry, adapters, tokens, now });
  /** The records found on chain, and the addresses a poisoning look-alike imitates (own accounts, address book). */
  const historySource: HistorySource = {
    entries: (networkId, address) => history.entries(networkId, address),
    knownAddresses: async (family) => [...(await deps.wallet.addresses(family)).addresses,
      ...(await addressBook.list()).filter((e) => e.family === family).map((e) => e.address)],
  };
  const overview = createOverview({
    local, now, newId, registry, tokens, activity, history: historySource, addressBook, budgets: createBudgetStore(local), account,
    // The holdings cover every account of the wallet (one refresh reads them all).
    portfolio: () => portfolio.cachedCombined(),
  });
  return {
    registry, tokens, adapters, portfolio, activity, send, addressBook, account, accounts, history, historySource, overview,
    /**
     * Locks, forgets everything in memory, clears both storage areas, and keeps the vaults: the earlier backups and
     * the vault being reset go (byte-identical) under `vaultBackups`, so nothing the user owned is lost to a reset.
     * The caller checks the password first.
     */
    async reset(): Promise<void> {
      const vault = await local.get('vault');
      const backups = (await local.get<unknown[]>('vaultBackups')) ?? [];
      await deps.wallet.lock();
      send.clear();
      adapters.clear();
      await deps.clearStorage?.();
      const keep = [...(Array.isArray(backups) ? backups : [backups]), ...(vault === undefined ? [] : [{ savedAt: now(), vault, reason: 'reset' }])];
      if (keep.length > 0) await local.set({ vaultBackups: keep });
    },
  };
}
export type WalletUi = ReturnType<typeof createWalletUi>;
