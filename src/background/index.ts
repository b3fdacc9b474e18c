import './polyfills';
import browser from 'webextension-polyfill';
import { createCustomNetworkStore } from '../chains/customNetworkStore';
import { serializeError } from '../shared/errors';
import { DAPP_PORT_NAME, POPUP_PORT_NAME, type DappEvent, type PopupEvent } from '../shared/protocol/envelope';
import { chromeAlarms, localArea, sessionArea } from './chromeStorage';
import { createApprovals } from './dapp/approvals';
import { createNetworkSelection } from './dapp/networkSelection';
import { createPermissions } from './dapp/permissions';
import { createDappRouter, originOfSender } from './dapp/router';
import { connectedEvmAccounts } from './handlers/dapp/evm';
import { connectedSolanaAccounts } from './handlers/dapp/solana';
import type { DappContext } from './handlers/dapp/context';
import { createNonceTrackers } from '../chains/evm/nonceTracker';
import { dispatchPopup } from './handlers/popup';
import { createGuardedStorage } from './guardedStorage';
import { isOwnExtensionPage } from './senderCheck';
import { ACTIVITY_ALARM } from './portfolio/activity';
import { createWalletUi } from './portfolio/createWalletUi';
import { withRpcOverrides } from './portfolio/networkRegistry';
import { AUTOLOCK_ALARM, createWallet } from './wallet';

// Wiring only: everything with logic lives in pure modules tested in Node.
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
  },
});
const permissions = createPermissions(local, now);
// The user's RPC URL edits (Settings → Networks) apply to every consumer.
const customNetworks = withRpcOverrides(createCustomNetworkStore(local), local);
const networks = createNetworkSelection(local, customNetworks);
const approvals = createApprovals({
  session,
  async openWindow(id) {
    const w = await browser.windows.create({ url: browser.runtime.getURL(`popup.html?approval=${encodeURIComponent(id)}`), type: 'popup', width: 380, height: 640, focused: true });
    return w.id ?? -1;
  },
  async closeWindow(windowId) {
    await browser.windows.remove(windowId);
  },
});
const route = createDappRouter({ now });
// One EVM nonce tracker per chain for the wallet's own sends and dapp sends alike.
const nonces = createNonceTrackers(now);
const ui = createWalletUi({
  wallet, local, customNetworks, now, alarms: chromeAlarms, nonces,
  clearStorage: async () => { await browser.storage.local.clear(); await browser.storage.session.clear(); },
});
void approvals.closeOrphans();

function emit(origin: string, ev: DappEvent): void {
  for (const p of dappPorts.get(origin) ?? []) try { p.postMessage(ev); } catch { /* page gone */ }
}

const contextFor = (origin: string): DappContext => ({
  origin, wallet, permissions, approvals, networks, customNetworks, local, now, emit, nonces,
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
    const evm = await connectedEvmAccounts(ctx).catch(() => []);
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
    if (!isOwnExtensionPage(port.sender, browser.runtime.id)) { port.disconnect(); return; }
    popupPorts.add(port);
    port.onDisconnect.addListener(() => popupPorts.delete(port));
    port.onMessage.addListener(async (msg: unknown) => {
      let response;
      try {
        response = await dispatchPopup(msg, {
          wallet, approvals, permissions, local, networks, customNetworks, now, ui,
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
});

browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('popup.html#/onboarding') });
});
