import './polyfills';
import browser from 'webextension-polyfill';
import { createCustomNetworkStore } from './stores/customNetworkStore';
import { serializeError } from '../shared/errors';
import { DAPP_PORT_NAME, POPUP_PORT_NAME, type DappEvent, type PopupEvent } from '../shared/protocol/envelope';
import { chromeAlarms, localArea, restrictStorageToTrustedContexts, sessionArea } from './chromeStorage';
import { createApprovals } from './dapp/approvals';
import { createNetworkSelection } from './dapp/networkSelection';
import { createPermissions } from './dapp/permissions';
import { createDappRouter, originOfSender } from './dapp/router';
import { dappEvmAccounts } from './handlers/dapp/evm';
import { connectedSolanaAccounts } from './handlers/dapp/solana';
import { solanaStandardChain } from './handlers/dapp/solana/util';
import type { DappContext } from './handlers/dapp/context';
import { createNonceTrackers } from '../chains/evm/nonceTracker';
import { dispatchPopup } from './handlers/popup';
import { createGuardedStorage } from './guardedStorage';
import { isOwnExtensionPage } from './senderCheck';
import { ACTIVITY_ALARM } from './portfolio/activity';
import { createWalletUi } from './portfolio/createWalletUi';
import { withRpcOverrides } from './portfolio/networkRegistry';
import { AUTOLOCK_ALARM, createWallet } from './wallet';
import { BUNDLED_LIST_FILE, createPhishingGuard, handlePhishingMessage, PHISHING_PORT_NAME, PHISHING_UPDATE_ALARM, WARNING_PAGE_FILE } from './phishing';
import { readUiSettings } from './portfolio/uiSettings';

// Wiring only: everything with logic lives in pure modules tested in Node.
void restrictStorageToTrustedContexts().catch((e: unknown) => console.error('Meridian: could not restrict storage access', e instanceof Error ? e.message : e));
const now = () => Date.now();
// Damaged non-vault entries read as their valid part (the raw value kept); a full quota is a readable error.
const local = createGuardedStorage(localArea(), now);
const session = sessionArea();
const popupPorts = new Set<browser.Runtime.Port>();
const dappPorts = new Map<string, Set<browser.Runtime.Port>>();

const wallet = createWallet({
  local, session, alarms: chromeAlarms, now,
  onChange: () => {
    const ev: PopupEvent = { event: 'stateChanged' };
    for (const p of popupPorts) p.postMessage(ev);
    void syncDappAccounts();
    // A lock withdraws the waiting requests; an account or permission that went withdraws the ones that need it.
    void approvals.onWalletChanged({ wallet, permissions });
  },
});
const permissions = createPermissions(local, now);
// The user's RPC URL edits (Settings → Networks) apply to every consumer.
const customNetworks = withRpcOverrides(createCustomNetworkStore(local), local);
const networks = createNetworkSelection(local, customNetworks);
// While requests wait in the approval window the worker must not stop (Chrome stops an idle worker after 30 s and the
// requests would die with it): an extension API call every 20 s resets the idle timer. The worker's own timer, not the
// window's: a hidden window's timers are throttled to once a minute. It stops when the queue is empty (the window
// closed, everything decided, or a lock withdrew them).
let keepAlive: ReturnType<typeof setInterval> | undefined;
const approvals = createApprovals({
  session,
  async openWindow() {
    const w = await browser.windows.create({ url: browser.runtime.getURL('popup.html?approval=queue'), type: 'popup', width: 380, height: 640, focused: true });
    return w.id ?? -1;
  },
  async closeWindow(windowId) {
    await browser.windows.remove(windowId);
  },
  onChange(pending) {
    const ev: PopupEvent = { event: 'approvalsChanged' };
    for (const p of popupPorts) try { p.postMessage(ev); } catch { /* closed */ }
    if (pending > 0 && keepAlive === undefined) keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
    if (pending === 0 && keepAlive !== undefined) { clearInterval(keepAlive); keepAlive = undefined; }
  },
});
const route = createDappRouter({ now, isBlockedOrigin: (origin) => phishing.isPhishingOrigin(origin) });
// One EVM nonce tracker per chain for the wallet's own sends and dapp sends alike.
const nonces = createNonceTrackers(now);
const ui = createWalletUi({
  wallet, local, customNetworks, now, alarms: chromeAlarms, nonces,
  clearStorage: async () => { await browser.storage.local.clear(); await browser.storage.session.clear(); await phishing.afterStorageCleared().catch(() => undefined); },
});
void approvals.closeOrphans();
// Phishing: the list in force, the one navigation rule (installed when its inputs changed), updates only from a
// URL the user set (none by default).
const phishing = createPhishingGuard({
  local, now, alarms: chromeAlarms,
  fetch: (url, init) => fetch(url, init),
  loadBundled: async () => (await fetch(browser.runtime.getURL(BUNDLED_LIST_FILE))).json(),
  warningPageUrl: browser.runtime.getURL(WARNING_PAGE_FILE),
  dnr: {
    ruleIds: async () => (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id),
    replace: (id, rule) => chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [id], addRules: rule ? [rule as chrome.declarativeNetRequest.Rule] : [] }),
  },
});
void phishing.start().catch((e) => console.error('phishing rule', e));

function emit(origin: string, ev: DappEvent): void {
  // A connect or revoke tells the page its accounts too: record it, so the next sync (lock, unlock) compares with it.
  if (ev.event === 'evm:accountsChanged') lastSent.set(`evm|${origin}`, JSON.stringify(ev.data));
  if (ev.event === 'solana:accountsChanged') lastSent.set(`sol|${origin}`, JSON.stringify(ev.data));
  for (const p of dappPorts.get(origin) ?? []) try { p.postMessage(ev); } catch { /* page gone */ }
}

const contextFor = (origin: string): DappContext => ({
  origin, wallet, permissions, approvals, networks, customNetworks, local, now, emit, nonces, activity: ui.activity,
  // wallet_showCallsStatus: the wallet's Activity, showing the batch's transactions.
  async showActivity(txIds) {
    await browser.windows.create({ url: browser.runtime.getURL(`popup.html?calls=${encodeURIComponent(txIds.join(','))}`), type: 'popup', width: 380, height: 640, focused: true });
  },
  async emitConnected(family, make) {
    for (const o of dappPorts.keys()) {
      if (family === 'evm' || (await permissions.get(o, family))) {
        const ev = make(o);
        if (ev) emit(o, ev);
      }
    }
  },
});

/** After lock/unlock/account changes: tell each open connected origin what it may see now (only if it changed). */
const lastSent = new Map<string, string>();
async function syncDappAccounts(): Promise<void> {
  for (const origin of dappPorts.keys()) {
    const ctx = contextFor(origin);
    const evm = await dappEvmAccounts(ctx).catch(() => []); // lower case, as eth_accounts
    const sol = await connectedSolanaAccounts(ctx).catch(() => []);
    for (const [key, ev] of [[`evm|${origin}`, { event: 'evm:accountsChanged', data: evm }], [`sol|${origin}`, { event: 'solana:accountsChanged', data: sol }]] as const) {
      const sig = JSON.stringify(ev.data);
      if (lastSent.has(key) && lastSent.get(key) !== sig) emit(origin, ev as DappEvent);
      lastSent.set(key, sig);
    }
  }
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === POPUP_PORT_NAME) {
    if (!isOwnExtensionPage(port.sender, browser.runtime.id, browser.runtime.getURL(''))) { port.disconnect(); return; }
    popupPorts.add(port);
    port.onDisconnect.addListener(() => popupPorts.delete(port));
    port.onMessage.addListener(async (msg: unknown) => {
      let response;
      try {
        response = await dispatchPopup(msg, {
          wallet, approvals, permissions, local, networks, customNetworks, now, ui,
          onDappNetworkChanged: (n) => {
            const ctx = contextFor('');
            if (n.family === 'evm') void ctx.emitConnected('evm', () => ({ event: 'evm:chainChanged', data: `0x${n.chainId.toString(16)}` }));
            else void ctx.emitConnected('solana', () => ({ event: 'solana:chainChanged', data: solanaStandardChain(n) }));
          },
          onRevoked: (origin, families) => {
            if (families.includes('evm')) emit(origin, { event: 'evm:accountsChanged', data: [] });
            if (families.includes('solana')) emit(origin, { event: 'solana:accountsChanged', data: [] });
          },
        });
        if (response && !('error' in response)) await wallet.touch();
      } catch (e) {
        response = { id: (msg as { id?: number })?.id ?? 0, error: serializeError(e) };
      }
      if (response) try { port.postMessage(response); } catch { /* popup closed */ }
    });
    return;
  }
  if (port.name === PHISHING_PORT_NAME) {
    if (!isOwnExtensionPage(port.sender, browser.runtime.id, browser.runtime.getURL(''))) { port.disconnect(); return; }
    port.onMessage.addListener(async (msg: unknown) => {
      const response = await handlePhishingMessage(msg, {
        language: async () => (await readUiSettings(local)).language,
        continueTo: (url) => phishing.continueTo(url),
      });
      if (response) try { port.postMessage(response); } catch { /* page gone */ }
    });
    return;
  }
  if (port.name === DAPP_PORT_NAME) {
    // The origin is the browser's word for the frame that opened the port (an iframe is its own origin).
    const origin = originOfSender(port.sender);
    if (!origin || port.sender?.id !== browser.runtime.id) { port.disconnect(); return; }
    const set = dappPorts.get(origin) ?? new Set();
    set.add(port);
    dappPorts.set(origin, set);
    port.onDisconnect.addListener(() => {
      set.delete(port);
      if (set.size === 0) dappPorts.delete(origin);
    });
    const ctx = contextFor(origin);
    // EIP-1193 `connect`: the provider can serve this chain now.
    void networks.evm().then((n) => { try { port.postMessage({ event: 'evm:connect', data: { chainId: `0x${n.chainId.toString(16)}` } }); } catch { /* gone */ } });
    void syncDappAccounts();
    port.onMessage.addListener(async (msg: unknown) => {
      const response = await route(msg, ctx);
      if (response) try { port.postMessage(response); } catch { /* page gone */ }
    });
  }
});

browser.windows.onRemoved.addListener((windowId) => approvals.onWindowRemoved(windowId));

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTOLOCK_ALARM) void wallet.onAutoLockAlarm();
  if (alarm.name === ACTIVITY_ALARM) void ui.activity.pollPending();
  if (alarm.name === PHISHING_UPDATE_ALARM) void phishing.update();
});

browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('popup.html#/onboarding') });
});
