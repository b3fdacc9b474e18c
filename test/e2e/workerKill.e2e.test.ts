/**
 * The worker-kill matrix (issue 9), end to end in Chromium with the built extension and the dev chains: the service
 * worker is stopped through CDP at a precise point of create, import, add account, change password, the popup send
 * (review, signed but not yet delivered, delivered but not answered, pending on chain) and the dapp connect and
 * personal_sign approvals. After each restart: the vault is there exactly once and opens with the right password, the
 * account list, the activity and the permissions are exact (nothing lost, nothing twice), the chain holds exactly the
 * transactions the wallet shows, the popup shows what storage holds, and a dapp got an answer or a coded error.
 *
 * Kill points are conditions, never sleeps: "in flight" is the request leaving the page (the page's port recorder)
 * while the Argon2id KDF (~0.3–1 s per derivation) runs in the worker, killed through a CDP session armed beforehand
 * (one command, a few ms); "between two writes" of the background is a hold that the test puts into the worker's own
 * `chrome.storage` (the write before it has happened, the one it holds never does); "on the wire" is a JSON-RPC proxy
 * that holds `eth_sendRawTransaction` (before or after the node got it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { createPublicClient, http, keccak256, toHex, verifyMessage, type Address, type Hex, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { DEMO_EVM, DEMO_PHRASE, DEMO_SOLANA } from '../fixtures/demo';
import { importPhrase, popupCall as popupCallIn } from '../fixtures/popup';
import { refEvm, refSolana } from '../fixtures/referenceDerivation';
import { jsonRpc } from '../fixtures/jsonRpc';
import { RECORD_PORT_MESSAGES, readStorage, sentMethods, type Harness } from './helpers/extension';
import { decide, errorOf, ok, openDapp, request, startDappRig, withApproval, withNoWindow, type DappRig } from './dapp/rig';

const PASSWORD = 'worker kill password 1';
const NEW_PASSWORD = 'worker kill password 2';
const EVM_NET = 'eip155:31337';
const SOL_NET = 'solana:localnet';
const ME = DEMO_EVM[0] as Address;
const RESTARTED = 'The wallet restarted; please try again.';
/** What the send review says when the worker stopped during Confirm (it may have been sent: no invitation to pay again). */
const SEND_INTERRUPTED = 'The wallet restarted while sending. This transfer may have been sent: check Activity before you send again.';
const DAPP_4900 = { code: 4900, message: 'The wallet disconnected (it restarted); please retry.' };

let rig: DappRig;
let h: Harness;
let p: Page; // the popup under test (with the port recorder)
let evm: PublicClient;
let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
const popupCall = <T = unknown>(method: string, params: unknown = {}) => popupCallIn<T>(p, method, params);

// ───────────── Killing the worker ─────────────

/**
 * A CDP session with the ServiceWorker domain enabled beforehand, so the kill itself is one command (a few ms): it
 * lands while the KDF that the user's action started is still running. Resolves once the worker reports `stopped`.
 */
async function armKill(page: Page = p): Promise<() => Promise<void>> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const stopped = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('service worker did not stop')), 10_000);
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => { if (e.versions.some((v) => v.runningStatus === 'stopped')) resolve(); });
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped.finally(() => clearTimeout(timer));
    await cdp.detach();
  };
}
const kill = async (page: Page = p) => (await armKill(page))();

/** The running service worker (Playwright may still list the one just killed for a moment). */
async function liveWorker(): Promise<Worker> {
  for (const w of [...h.context.serviceWorkers()].reverse()) {
    if (await w.evaluate(() => true).catch(() => false)) return w;
  }
  return h.context.waitForEvent('serviceworker');
}
/** Marks the running worker, so a test can prove that a new one answers after the kill. */
async function markWorker(): Promise<void> {
  await (await liveWorker()).evaluate(() => { (globalThis as { __old?: boolean }).__old = true; });
}
async function expectNewWorker(): Promise<void> {
  await expect.poll(async () => (await liveWorker()).evaluate(() => (globalThis as { __old?: boolean }).__old ?? false)).toBe(false);
}

/**
 * In the running worker: let the next write of `key` to chrome.storage.<area> never happen (its promise never settles),
 * and record that it was reached. The background's writes before it have happened; the test then kills the worker
 * at exactly that point. (The background calls chrome.storage through webextension-polyfill, which looks the method
 * up on chrome.storage.<area> at every call.) For `session`, only a write of a new session key is held (one whose
 * `vaultIv` differs from the stored one): the activity stamp after every popup call rewrites the same key.
 */
async function holdWrite(area: 'local' | 'session', key: string): Promise<void> {
  await (await liveWorker()).evaluate(async ([a, k]) => {
    const target = chrome.storage[a as 'local' | 'session'] as unknown as Record<string, (...args: unknown[]) => unknown>;
    const ivOf = (v: unknown) => (v as { vaultIv?: string } | undefined)?.vaultIv;
    const storedIv = ivOf((await chrome.storage.session.get('session')).session);
    const orig = target.set!.bind(target);
    target.set = (items: unknown, ...rest: unknown[]) => {
      const value = items && typeof items === 'object' && k! in items ? (items as Record<string, unknown>)[k!] : undefined;
      if (value !== undefined && (a !== 'session' || ivOf(value) !== storedIv)) {
        (globalThis as { __held?: string }).__held = k;
        return new Promise(() => undefined);
      }
      return orig(items, ...rest);
    };
  }, [area, key] as const);
}
const heldWrite = async () => (await liveWorker()).evaluate(() => (globalThis as { __held?: string }).__held ?? null);

// ───────────── A JSON-RPC proxy that can hold eth_sendRawTransaction ─────────────

type HoldMode = 'pass' | 'drop' | 'no-answer';
/**
 * Forwards JSON-RPC to `target`. `drop`: a request carrying eth_sendRawTransaction is never forwarded and never
 * answered (signed, not delivered). `no-answer`: it is forwarded, the node accepts it, the answer is never sent
 * (delivered, not confirmed). Every held raw transaction is recorded.
 */
async function startHoldingProxy(target: string) {
  const state = { mode: 'pass' as HoldMode, raws: [] as Hex[], delivered: 0 };
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type' };
  const server: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      type Call = { method?: string; params?: unknown[] };
      let calls: Call[] = [];
      try { const parsed = JSON.parse(body.toString()) as Call | Call[]; calls = Array.isArray(parsed) ? parsed : [parsed]; } catch { /* forwarded as is */ }
      const raw = calls.find((c) => c.method === 'eth_sendRawTransaction')?.params?.[0] as Hex | undefined;
      const forward = () => fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (raw && state.mode !== 'pass') {
        state.raws.push(raw);
        if (state.mode === 'no-answer') void forward().then(() => { state.delivered++; }, () => undefined);
        return; // never answered
      }
      forward()
        .then(async (r) => res.writeHead(r.status, { ...cors, 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())))
        .catch(() => { if (!res.headersSent) res.writeHead(502, cors).end(); });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`, state,
    stop: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

// ───────────── Wallet states ─────────────

/** The popup on an empty wallet (a first install): locked first (keys leave memory), then storage erased. */
async function fresh(): Promise<void> {
  if ((await popupCall<{ status: string }>('getState')).status === 'unlocked') await popupCall('lock');
  await p.evaluate(async () => { await chrome.storage.local.clear(); await chrome.storage.session.clear(); sessionStorage.clear(); });
  await p.reload();
  await p.getByRole('button', { name: 'Create a new wallet' }).waitFor();
}

/** The demo wallet, unlocked, with `accounts` HD accounts (account 1 selected), the Localnets on this run's chains. */
async function demoWallet(accounts = 1): Promise<void> {
  await fresh();
  await popupCall('setupWallet', { phrase: DEMO_PHRASE, password: PASSWORD });
  for (let i = 1; i < accounts; i++) await popupCall('addAccount');
  await popupCall('selectAccount', { id: 'hd:0' });
  await popupCall('setNetworkRpcUrls', { networkId: EVM_NET, rpcUrls: [proxy.url] });
  await popupCall('setNetworkRpcUrls', { networkId: SOL_NET, rpcUrls: [rig.chains!.solana.url] });
  await popupCall('updateUiSettings', { language: 'en' });
  await p.reload();
  await p.getByRole('button', { name: 'Send', exact: true }).waitFor();
}

const local = async () => (await readStorage(p)).local;
type StoredAccount = { id: string; name: string; kind: string; index?: number; evm?: string; solana?: string };
const storedAccounts = async () => (await local()).accounts as { accounts: StoredAccount[]; selectedId: string | null } | undefined;
const accountRows = (accounts: StoredAccount[]) => accounts.map((a) => [a.id, a.name, a.evm ?? null, a.solana ?? null]);
const hdRow = (i: number, evmAddr: string = DEMO_EVM[i]!, solAddr: string = DEMO_SOLANA[i]!) => [`hd:${i}`, `Account ${i + 1}`, evmAddr, solAddr];

/** Exactly one vault in storage and no backup of another (nothing was replaced). */
async function expectOneVault(): Promise<string> {
  const l = await local();
  expect(Object.keys(l).filter((k) => /vault/i.test(k))).toEqual(['vault']);
  return JSON.stringify(l.vault);
}

/** What the popup shows: the selected account's name and, in the switcher, every account's EVM address in order. */
async function shownAccounts(): Promise<{ selected: string; evm: string[] }> {
  await p.getByTestId('account-switcher').click();
  const evmShown = await p.getByTestId('evm-short').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  await p.keyboard.press('Escape');
  await p.getByTestId('evm-short').first().waitFor({ state: 'detached' });
  return { selected: (await p.getByTestId('account-name').textContent())!, evm: evmShown as string[] };
}
/** The popup shows exactly the stored account list and the stored selection. */
async function expectUiMatchesStorage(): Promise<void> {
  const stored = (await storedAccounts())!;
  const selected = stored.accounts.find((a) => a.id === stored.selectedId)!;
  expect(await shownAccounts()).toEqual({ selected: selected.name, evm: stored.accounts.map((a) => a.evm) });
}

/** Lock through the UI, then: `wrong` is refused ("Incorrect password.") and `right` unlocks to the home screen. */
async function expectPasswords(right: string, wrong: string): Promise<void> {
  await p.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlockWith(wrong);
  await p.getByText('Incorrect password.').waitFor();
  await unlockWith(right);
  await p.getByRole('button', { name: 'Receive' }).waitFor();
}
async function unlockWith(password: string): Promise<void> {
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** Create through the UI up to the last step (phrase shown, backup quiz passed, password typed); returns the phrase. */
async function createUpToSubmit(): Promise<string> {
  await p.getByRole('button', { name: 'Create a new wallet' }).click();
  await p.getByRole('button', { name: '12 words' }).click();
  const list = p.getByTestId('new-phrase').locator('li');
  await expect.poll(() => list.count()).toBe(12);
  const words = await list.allTextContents();
  await p.getByRole('button', { name: 'I wrote it down' }).click();
  const groups = p.getByRole('group');
  await expect.poll(() => groups.count()).toBe(3);
  for (let g = 0; g < 3; g++) {
    const group = groups.nth(g);
    const pos = Number((await group.getAttribute('aria-label'))!.replace(/\D/g, '')) - 1;
    await group.getByRole('button', { name: words[pos]!, exact: true }).click();
  }
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await p.getByLabel('Confirm password').fill(PASSWORD);
  return words.join(' ');
}

/**
 * Click `button`, wait until the page has sent `method` (the request is in flight), and kill the worker at once.
 * `held`: a write the request makes after its KDF (the vault), held as a safety net: on a machine so loaded that the
 * kill only lands after the KDF finished, the state is still exactly "killed before that write" (never half a state
 * the test did not choose). On 2 cores the kill lands while the KDF runs (it takes 0.3–1.5 s; the kill a few ms).
 */
async function clickAndKillInFlight(button: ReturnType<Page['getByRole']>, method: string, held?: ['local' | 'session', string]): Promise<void> {
  if (held) await holdWrite(...held);
  const fire = await armKill();
  const before = (await sentMethods(p)).filter((m) => m === method).length;
  await button.click();
  await expect.poll(async () => (await sentMethods(p)).filter((m) => m === method).length, { timeout: 5_000, interval: 5 }).toBe(before + 1);
  await fire();
}

beforeAll(async () => {
  rig = await startDappRig({ chains: true });
  h = rig.h;
  proxy = await startHoldingProxy(rig.chains!.evm.url);
  evm = createPublicClient({ transport: http(rig.chains!.evm.url) });
  p = await h.context.newPage();
  await p.addInitScript(RECORD_PORT_MESSAGES);
  await p.goto(h.popupUrl);
  await p.bringToFront(); // a hidden page gets throttled animation frames (slow clicks)
});
afterAll(async () => {
  await rig?.stop();
  await proxy?.stop();
});

// ───────────── Vault: create, import, add account, change password ─────────────

describe('create', () => {
  it('killed while the KDF runs: no vault, the form says the wallet restarted; the retry creates exactly one wallet', async () => {
    await fresh();
    const phrase = await createUpToSubmit();
    await markWorker();
    await clickAndKillInFlight(p.getByRole('button', { name: 'Create wallet' }), 'setupWallet', ['local', 'vault']);
    // The answer never came: the form says so and offers the button again; nothing was stored.
    await p.getByText(RESTARTED).waitFor();
    await expectNewWorker();
    expect((await popupCall<{ status: string }>('getState')).status).toBe('uninitialized');
    const l = await local();
    expect([l.vault, l.accounts, l.vaultBackups]).toEqual([undefined, undefined, undefined]);
    expect((await readStorage(p)).session.session).toBeUndefined();
    // The same phrase (still on screen) is created on the retry, once.
    await p.getByRole('button', { name: 'Create wallet' }).click();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    await expectOneVault();
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0, refEvm(phrase, 0).address, refSolana(phrase, 0).address)]);
    await expectUiMatchesStorage();
  });

  it('killed right after it completed: still unlocked, one vault, one account; the password opens it', async () => {
    await fresh();
    const phrase = await createUpToSubmit();
    await p.getByRole('button', { name: 'Create wallet' }).click();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    const vault = await expectOneVault();
    await markWorker();
    await kill();
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor(); // unlocked: the key is in session storage
    await expectNewWorker();
    expect(await expectOneVault()).toBe(vault);
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0, refEvm(phrase, 0).address, refSolana(phrase, 0).address)]);
    await expectUiMatchesStorage();
    await expectPasswords(PASSWORD, NEW_PASSWORD);
  });

  it('killed between the vault write and the account list: locked, the password opens it, the list is rebuilt once', async () => {
    await fresh();
    const phrase = await createUpToSubmit();
    await holdWrite('local', 'accounts');
    await p.getByRole('button', { name: 'Create wallet' }).click();
    await expect.poll(heldWrite).toBe('accounts');
    await kill();
    await p.getByText(RESTARTED).waitFor();
    const vault = await expectOneVault();
    expect((await local()).accounts).toBeUndefined();
    expect((await readStorage(p)).session.session).toBeUndefined();
    // "Create wallet" again does not make a second wallet: it says one exists, and the stored one is untouched.
    await p.getByRole('button', { name: 'Create wallet' }).click();
    await p.getByText('A wallet already exists on this device.').waitFor();
    expect(await expectOneVault()).toBe(vault);
    // Reopened, the popup shows the truth: a wallet exists and is locked; its password opens it.
    await p.reload();
    await unlockWith(PASSWORD);
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0, refEvm(phrase, 0).address, refSolana(phrase, 0).address)]);
    expect(await expectOneVault()).toBe(vault);
    await expectUiMatchesStorage();
  });
});

describe('import', () => {
  async function fillImport(): Promise<void> {
    await p.getByRole('button', { name: 'Import an existing wallet' }).click();
    await p.getByLabel('Secret Recovery Phrase').fill(DEMO_PHRASE);
    await p.getByText(/checksum valid/).waitFor();
    await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await p.getByLabel('Confirm password').fill(PASSWORD);
  }

  it('killed while the KDF runs: no vault, the form says the wallet restarted; the retry imports exactly once', async () => {
    await fresh();
    await fillImport();
    await markWorker();
    await clickAndKillInFlight(p.getByRole('button', { name: 'Import wallet' }), 'setupWallet', ['local', 'vault']);
    await p.getByText(RESTARTED).waitFor();
    await expectNewWorker();
    expect((await popupCall<{ status: string }>('getState')).status).toBe('uninitialized');
    const l = await local();
    expect([l.vault, l.accounts, l.vaultBackups]).toEqual([undefined, undefined, undefined]);
    await p.getByRole('button', { name: 'Import wallet' }).click();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    await expectOneVault();
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0)]);
    await expectUiMatchesStorage();
  });

  it('killed right after it completed: still unlocked, one vault, the demo account; the password opens it', async () => {
    await fresh();
    await importPhrase(p, DEMO_PHRASE, PASSWORD);
    const vault = await expectOneVault();
    await kill();
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    expect(await expectOneVault()).toBe(vault);
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0)]);
    await expectUiMatchesStorage();
    await expectPasswords(PASSWORD, NEW_PASSWORD);
  });
});

describe('add account', () => {
  it('killed as Add account is sent: the list is the old one or has the new account once; the next add continues it', async () => {
    await demoWallet();
    const vault = await expectOneVault();
    await p.getByTestId('account-switcher').click();
    await clickAndKillInFlight(p.getByRole('button', { name: 'Add account' }), 'addAccount');
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    const after = (await storedAccounts())!;
    // Either the write happened or it did not: never a duplicate, never a gap.
    const n = after.accounts.length;
    expect(accountRows(after.accounts)).toEqual(n === 1 ? [hdRow(0)] : [hdRow(0), hdRow(1)]);
    await expectUiMatchesStorage();
    await p.getByTestId('account-switcher').click();
    await p.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => p.getByTestId('account-name').textContent()).toBe(`Account ${n + 1}`);
    expect(accountRows((await storedAccounts())!.accounts)).toEqual(Array.from({ length: n + 1 }, (_, i) => hdRow(i)));
    expect(await expectOneVault()).toBe(vault); // adding an HD account never rewrites the vault
  });

  it('killed right after it completed: the new account is there once and selected, in storage and in the popup', async () => {
    await demoWallet();
    await p.getByTestId('account-switcher').click();
    await p.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => p.getByTestId('account-name').textContent()).toBe('Account 2');
    await kill();
    await p.reload();
    await expect.poll(() => p.getByTestId('account-name').textContent()).toBe('Account 2');
    expect(await storedAccounts()).toEqual({ accounts: expect.any(Array), selectedId: 'hd:1' });
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0), hdRow(1)]);
    await expectUiMatchesStorage();
    await expectOneVault();
  });
});

describe('change password', () => {
  async function openChangePassword(): Promise<void> {
    await p.getByRole('button', { name: 'Settings' }).click();
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByLabel('Current password').fill(PASSWORD);
    await p.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  }
  const submit = () => p.getByRole('button', { name: 'Change password' }).last();

  it('killed while the KDF runs: the vault is byte-identical, still unlocked, the old password opens it and the new one does not', async () => {
    await demoWallet(2);
    const vault = await expectOneVault();
    await openChangePassword();
    await markWorker();
    await clickAndKillInFlight(submit(), 'changePassword', ['local', 'vault']);
    await p.getByText(RESTARTED).waitFor();
    await expectNewWorker();
    expect(await expectOneVault()).toBe(vault);
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor(); // the session still belongs to the stored vault
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0), hdRow(1)]);
    await expectUiMatchesStorage();
    await expectPasswords(PASSWORD, NEW_PASSWORD);
  });

  it('killed between the new vault and its session key: locked (not damaged), the new password opens it and the old one does not', async () => {
    await demoWallet(2);
    const vault = await expectOneVault();
    await openChangePassword();
    await holdWrite('session', 'session');
    await submit().click();
    await expect.poll(heldWrite).toBe('session');
    const written = await expectOneVault();
    expect(written).not.toBe(vault); // the new vault is stored; its session key never was
    await kill();
    await p.getByText(RESTARTED).waitFor();
    await p.reload();
    await p.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    expect((await popupCall<{ status: string }>('getState')).status).toBe('locked');
    await unlockWith(PASSWORD);
    await p.getByText('Incorrect password.').waitFor();
    await unlockWith(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    expect(await expectOneVault()).toBe(written);
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0), hdRow(1)]);
    await expectUiMatchesStorage();
  });

  it('killed right after it completed: still unlocked, the new password opens it and the old one does not', async () => {
    await demoWallet(2);
    await openChangePassword();
    await submit().click();
    await p.getByText('Password changed.').waitFor();
    const vault = await expectOneVault();
    await kill();
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    expect(await expectOneVault()).toBe(vault);
    expect(accountRows((await storedAccounts())!.accounts)).toEqual([hdRow(0), hdRow(1)]);
    await expectUiMatchesStorage();
    await expectPasswords(NEW_PASSWORD, PASSWORD);
  });
});

// ───────────── Popup send (ETH on the dev chain) ─────────────

describe('popup send', () => {
  const freshEvm = () => privateKeyToAddress(generatePrivateKey());
  const AMOUNT = 123_000_000_000_000_000n; // 0.123 ETH
  const nonceOf = () => evm.getTransactionCount({ address: ME, blockTag: 'pending' });
  type Rec = { id: string; status: string; nonce?: number; raw?: string; amount: string; to: string };
  const activityOf = async () => ((await local())[`chains:activity:${EVM_NET}:${ME}`] as Rec[] | undefined) ?? [];
  const pendingQueue = async () => ((await local())['portfolio:pending'] as Array<{ id: string }> | undefined) ?? [];

  async function toReview(to: Address): Promise<void> {
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await p.getByLabel('Asset').selectOption(`${EVM_NET}|`);
    await p.getByLabel('Recipient').fill(to);
    await p.getByLabel(/^Amount/).fill('0.123');
    await p.locator('[data-testid="review-button"]:not([disabled])').waitFor({ timeout: 30_000 });
    await p.getByTestId('review-button').click();
    expect(await p.getByTestId('review-to').textContent()).toBe(to);
  }
  const confirm = () => p.getByRole('button', { name: 'Confirm', exact: true });
  /** The Activity view lists exactly `ids` (data-txid) among the wallet's own sends, and each with `status`. */
  async function activityShows(ids: string[], status: string): Promise<void> {
    const items = p.locator('[data-testid="activity-item"][data-source="wallet"]');
    await expect.poll(() => items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-txid'), e.getAttribute('data-status')])), { timeout: 30_000 })
      .toEqual(ids.map((id) => [id, status]));
  }
  async function openActivity(): Promise<void> {
    await p.reload();
    await p.getByRole('button', { name: 'Activity' }).click();
  }
  /** On chain: the tx is ours with `nonce`, exactly one tx of ours came after `nonce - 1`, the recipient got exactly AMOUNT. */
  async function expectLandedOnce(id: Hex, nonce: number, to: Address): Promise<void> {
    const tx = await evm.getTransaction({ hash: id });
    expect([tx.from.toLowerCase(), tx.nonce, tx.to, tx.value]).toEqual([ME.toLowerCase(), nonce, to.toLowerCase(), AMOUNT]);
    expect((await evm.getTransactionReceipt({ hash: id })).status).toBe('success');
    expect(await evm.getTransactionCount({ address: ME, blockTag: 'pending' })).toBe(nonce + 1);
    expect(await evm.getBalance({ address: to })).toBe(AMOUNT);
  }

  it('killed on the review screen: Confirm says the review expired and nothing is signed; a new review lands once', async () => {
    await demoWallet();
    proxy.state.mode = 'pass';
    const to = freshEvm();
    const nonce = await nonceOf();
    await toReview(to);
    await kill();
    await confirm().click();
    await p.getByText('This review has expired. Review the transfer again.').waitFor();
    expect(await nonceOf()).toBe(nonce);
    expect([await activityOf(), await pendingQueue()]).toEqual([[], []]);
    // Back builds the transfer again with the new worker (the spent draft is not reused); that review lands once.
    await p.getByRole('button', { name: 'Back' }).click();
    await p.locator('[data-testid="review-button"]:not([disabled])').waitFor({ timeout: 30_000 });
    await p.getByTestId('review-button').click();
    expect(await p.getByTestId('review-to').textContent()).toBe(to);
    await confirm().click();
    await p.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    const id = (await p.getByTestId('tx-id').textContent()) as Hex;
    await expectLandedOnce(id, nonce, to);
    expect((await activityOf()).map((r) => [r.id, r.status, r.nonce])).toEqual([[id, 'confirmed', nonce]]);
    await openActivity();
    await activityShows([id], 'confirmed');
  });

  it('killed after signing, before the node got it: one pending entry with Retry; Retry sends the same bytes, which land once', async () => {
    await demoWallet();
    const to = freshEvm();
    const nonce = await nonceOf();
    await toReview(to);
    proxy.state.mode = 'drop';
    proxy.state.raws = [];
    await confirm().click();
    await expect.poll(() => proxy.state.raws.length).toBe(1); // signed, recorded, on its way; the node never sees it
    await kill();
    await p.getByText(SEND_INTERRUPTED).waitFor(); // the review's answer never came: it points to Activity
    expect(await confirm().isDisabled()).toBe(true); // no second Confirm on this review
    proxy.state.mode = 'pass';
    const id = keccak256(proxy.state.raws[0]!);
    expect(await nonceOf()).toBe(nonce);
    expect((await activityOf()).map((r) => [r.id, r.status, r.nonce, r.raw, r.amount, r.to.toLowerCase()]))
      .toEqual([[id, 'pending', nonce, proxy.state.raws[0], AMOUNT.toString(), to.toLowerCase()]]);
    expect((await pendingQueue()).map((x) => x.id)).toEqual([id]);
    expect(proxy.state.raws).toHaveLength(1);
    await openActivity();
    await activityShows([id], 'pending');
    await p.getByTestId('retry-send').click();
    await activityShows([id], 'confirmed');
    await expectLandedOnce(id, nonce, to);
    expect((await activityOf()).map((r) => [r.id, r.status])).toEqual([[id, 'confirmed']]);
  });

  it('killed after the node accepted it but before the answer: one entry, confirmed once on chain', async () => {
    await demoWallet();
    const to = freshEvm();
    const nonce = await nonceOf();
    await toReview(to);
    proxy.state.mode = 'no-answer';
    proxy.state.raws = [];
    proxy.state.delivered = 0;
    await confirm().click();
    await expect.poll(() => proxy.state.delivered).toBe(1); // the node has it; the wallet never heard back
    await kill();
    proxy.state.mode = 'pass';
    await p.getByText(SEND_INTERRUPTED).waitFor();
    expect(await confirm().isDisabled()).toBe(true);
    const id = keccak256(proxy.state.raws[0]!);
    await expectLandedOnce(id, nonce, to);
    await openActivity();
    await activityShows([id], 'confirmed');
    expect((await activityOf()).map((r) => [r.id, r.status, r.nonce])).toEqual([[id, 'confirmed', nonce]]);
    expect(await nonceOf()).toBe(nonce + 1);
  });

  it('killed after the broadcast while the tx is pending: Activity shows it once, pending, then confirmed once mined', async () => {
    await demoWallet();
    proxy.state.mode = 'pass';
    const node = (method: string, params: unknown[] = []) => jsonRpc(rig.chains!.evm.url, method, params);
    const to = freshEvm();
    const nonce = await nonceOf();
    await node('evm_setAutomine', [false]);
    try {
      await toReview(to);
      await confirm().click();
      await p.locator('[data-testid="tx-status"][data-status="pending"]').waitFor();
      const id = (await p.getByTestId('tx-id').textContent()) as Hex;
      await kill();
      await openActivity();
      await activityShows([id], 'pending');
      expect((await activityOf()).map((r) => [r.id, r.status, r.nonce])).toEqual([[id, 'pending', nonce]]);
      await node('evm_mine');
      await activityShows([id], 'confirmed');
      await expectLandedOnce(id, nonce, to);
      expect((await activityOf()).map((r) => [r.id, r.status])).toEqual([[id, 'confirmed']]);
    } finally {
      await node('evm_setAutomine', [true]);
    }
  });
});

// ───────────── Dapp approvals ─────────────

describe('dapp approvals', () => {
  const approvalWindows = () => h.context.pages().filter((x) => !x.isClosed() && x.url().includes('approval='));
  const permissionsNow = async () => (await local()).dappPermissions as Record<string, { evm?: { accounts: string[] } }> | undefined;

  /** Start `fn` in the page, wait for its approval window to show the request, kill; the dapp gets 4900, the window goes. */
  async function killWithWindowOpen(page: Page, start: () => Promise<unknown>): Promise<unknown> {
    await expect.poll(() => approvalWindows().length).toBe(0);
    const opened = h.context.waitForEvent('page', { predicate: (x) => x.url().includes('approval=') });
    const outcome = start();
    const w = await opened;
    await w.getByTestId('approval-origin').waitFor();
    const closed = w.waitForEvent('close');
    await kill();
    const out = await outcome;
    await closed; // the restarted worker closes the window of the request that died with the old one
    await expect.poll(() => approvalWindows().length).toBe(0);
    return out;
  }

  it('connect: killed with the window open → 4900, no window, no permission; a fresh connect works; killed after it, the grant stays exactly', async () => {
    await demoWallet();
    const origin = rig.servers[0]!.url;
    const dapp = await openDapp(h, `${origin}/index.html`);
    const out = await killWithWindowOpen(dapp, () => request(dapp, 'eth_requestAccounts'));
    expect(errorOf(out as never)).toEqual(DAPP_4900);
    expect(await permissionsNow()).toBeUndefined();
    expect(ok(await request(dapp, 'eth_accounts'))).toEqual([]);
    // A fresh request afterwards: one window, connected with account 1.
    expect(ok(await withApproval(h, dapp, 'request', ['eth_requestAccounts'], (w) => decide(w, 'Connect')))).toEqual([ME.toLowerCase()]);
    const granted = await permissionsNow();
    expect(Object.keys(granted!)).toEqual([origin]);
    expect(granted![origin]!.evm!.accounts).toEqual([ME]);
    expect(await popupCall<Array<{ origin: string }>>('listConnectedSites')).toEqual([expect.objectContaining({ origin })]);
    // Killed once the user clicked Connect but before the grant was stored: 4900, the window gone, still no grant.
    await popupCall('revokeSite', { origin });
    expect(await permissionsNow()).toEqual({});
    await holdWrite('local', 'dappPermissions');
    const held = withApproval(h, dapp, 'request', ['eth_requestAccounts'], async (w) => {
      await decide(w, 'Connect');
      await expect.poll(heldWrite).toBe('dappPermissions');
      await kill();
    });
    expect(errorOf(await held)).toEqual(DAPP_4900);
    expect(await permissionsNow()).toEqual({});
    expect(approvalWindows()).toEqual([]);
    expect(ok(await request(dapp, 'eth_accounts'))).toEqual([]);
    expect(ok(await withApproval(h, dapp, 'request', ['eth_requestAccounts'], (w) => decide(w, 'Connect')))).toEqual([ME.toLowerCase()]);
    const regranted = await permissionsNow();
    expect(Object.keys(regranted!)).toEqual([origin]);
    expect(regranted![origin]!.evm!.accounts).toEqual([ME]);
    // Killed after it completed: the grant is kept as it was, and the site sees its account with no window.
    await kill();
    expect(await withNoWindow(h, async () => ok(await request(dapp, 'eth_accounts')))).toEqual([ME.toLowerCase()]);
    expect(await withNoWindow(h, async () => ok(await request(dapp, 'eth_requestAccounts')))).toEqual([ME.toLowerCase()]);
    expect(await permissionsNow()).toEqual(regranted);
    expect(approvalWindows()).toEqual([]);
    await dapp.close();
  });

  it('personal_sign: killed with the window open → 4900 and the window goes; a fresh request signs once; the grant is unchanged', async () => {
    await demoWallet();
    const origin = rig.servers[0]!.url;
    const dapp = await openDapp(h, `${origin}/index.html`);
    expect(ok(await withApproval(h, dapp, 'evmRequestAddresses', [], (w) => decide(w, 'Connect')))).toEqual([ME]);
    const granted = await permissionsNow();
    const out = await killWithWindowOpen(dapp, () => request(dapp, 'personal_sign', [toHex('signed before the kill'), ME]));
    expect(errorOf(out as never)).toEqual(DAPP_4900);
    const signed = ok(await withApproval(h, dapp, 'evmSignMessage', ['signed after the restart', ME], (w) => decide(w, 'Sign')));
    expect(await verifyMessage({ address: ME, message: 'signed after the restart', signature: signed.signature })).toBe(true);
    expect(await permissionsNow()).toEqual(granted);
    await expect.poll(() => approvalWindows().length).toBe(0);
    await dapp.close();
  });
});
