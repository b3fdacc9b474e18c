/**
 * End to end in Debian Chromium with the built extension: onboarding (create with backup check, import
 * English and Chinese phrases), exact addresses, lock/unlock, wrong password, worker restart, auto-lock,
 * a tampered vault, and secret probes of chrome.storage and of every message the popup received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import derivations from '../vectors/derivation_known.json' with { type: 'json' };
import bip39Vectors from '../vectors/bip39.json' with { type: 'json' };
import bs58 from 'bs58';
import { DEMO_EVM, DEMO_PHRASE, DEMO_SOLANA } from '../fixtures/demo';
import { importPhrase as importPhraseUi, popupCall } from '../fixtures/popup';
import { refEvm, refSolana } from '../fixtures/referenceDerivation';
import { expectNoSecrets as expectNoSecretsIn, walletSecretNeedles, type WalletSecrets } from '../fixtures/secretScan';
import { RECORD_PORT_MESSAGES, currentWorker, killServiceWorker, launchWithExtension, readStorage, receivedMessages, type Harness } from './helpers/extension';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const PASSWORD = 'correct horse battery 9!';
const CHINESE = bip39Vectors.vectors.filter((v) => v.language === 'chinese_simplified').at(-1)!.mnemonic;
// Keys of another phrase, imported into the demo wallet: EVM as hex, Solana as the JSON byte array of solana-keygen.
const IMPORT_EVM = derivations.vectors.find((v) => v.id === 'evm-generated-24-word')!.accounts![3] as { address: string; private_key: string };
const IMPORT_SOL = derivations.vectors.find((v) => v.id === 'solana-generated-24-word-4-level')!.accounts![2] as { address: string; secret_key_64_base58: string };

let h: Harness;
let page: Page | undefined;

async function openPopup(): Promise<Page> {
  const p = await h.context.newPage();
  await p.addInitScript(RECORD_PORT_MESSAGES);
  await p.goto(h.popupUrl);
  return p;
}

/** The popup (with the message recorder) on an empty wallet: every test starts here, so each runs alone. */
async function freshPopup(): Promise<Page> {
  if (!page || page.isClosed()) page = await openPopup();
  const p = page;
  // Lock (the keys leave the worker's memory), then erase everything: the state of a first install.
  if ((await popupCall<{ status: string }>(p, 'getState')).status === 'unlocked') await popupCall(p, 'lock');
  await p.evaluate(async () => { await chrome.storage.local.clear(); await chrome.storage.session.clear(); });
  await p.reload();
  await p.getByRole('button', { name: 'Create a new wallet' }).waitFor();
  return p;
}

/** The popup on an unlocked wallet of `phrase` (set up through the popup channel; the import UI has its own tests). */
async function walletOf(phrase: string): Promise<Page> {
  const p = await freshPopup();
  await popupCall(p, 'setupWallet', { phrase, password: PASSWORD });
  await p.reload(); // a clean message record for the test
  await p.getByRole('button', { name: 'Receive' }).waitFor();
  return p;
}

/**
 * No secret of the wallet (its phrase, the keys of its first 10 accounts of each family, imported keys, the
 * password) in chrome.storage.local/session or in anything the popup received, except messages containing
 * `allowInMessages` (the password-gated reveal answer).
 */
async function expectNoSecrets(p: Page, secrets: WalletSecrets, opts: { allowInMessages?: string } = {}) {
  const needles = walletSecretNeedles({ passwords: [PASSWORD], accounts: 10, ...secrets });
  const { local, session } = await readStorage(p);
  expectNoSecretsIn('chrome.storage.local', JSON.stringify(local), needles);
  expectNoSecretsIn('chrome.storage.session', JSON.stringify(session), needles);
  const all = await receivedMessages(p);
  expect(all.length).toBeGreaterThan(0); // the recorder is installed, so this probe can fail
  const allow = opts.allowInMessages;
  const messages = all.filter((m) => allow === undefined || !m.includes(allow));
  expectNoSecretsIn('messages to the popup', messages.join('\n'), needles);
}

async function receiveAddresses(p: Page): Promise<{ evm: string; solana: string }> {
  await p.getByRole('button', { name: 'Receive' }).click();
  const evm = (await p.getByTestId('receive-evm').textContent())!.trim();
  const solana = (await p.getByTestId('receive-solana').textContent())!.trim();
  await p.getByRole('button', { name: 'Back' }).click();
  return { evm, solana };
}

/** "Add account" lives in the account switcher's menu; waits until the new account is the selected one. */
async function addAccount(p: Page, n: number): Promise<void> {
  await p.getByTestId('account-switcher').click();
  await p.getByRole('button', { name: 'Add account' }).click();
  await expect.poll(() => p.getByTestId('account-name').textContent()).toBe(`Account ${n}`);
}

async function unlock(p: Page, password: string): Promise<void> {
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Unlock', exact: true }).click();
}
const sessionKeys = async (p: Page) => Object.keys((await readStorage(p)).session);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await launchWithExtension();
});
afterAll(async () => { await h?.close(); });

describe('onboarding', () => {
  it('opens onboarding in a tab on first install', async () => {
    const tab = h.context.pages().find((p) => p.url().includes('popup.html#/onboarding'))
      ?? (await h.context.waitForEvent('page', { predicate: (p) => p.url().includes('popup.html#/onboarding') }));
    await tab.getByRole('button', { name: 'Create a new wallet' }).waitFor();
    await tab.close();
  });

  it('creates a wallet only after the backup check, with addresses independent code derives', async () => {
    const p = await freshPopup();
    await p.getByRole('button', { name: 'Create a new wallet' }).click();
    await p.getByRole('button', { name: '12 words' }).click();
    const list = p.getByTestId('new-phrase').locator('li');
    await expect.poll(() => list.count()).toBe(12);
    const words = await list.allTextContents();
    const mnemonic = words.join(' ');
    await p.getByRole('button', { name: 'I wrote it down' }).click();
    const groups = p.getByRole('group');
    await expect.poll(() => groups.count()).toBe(3);
    // A wrong pick blocks the way.
    const first = groups.nth(0);
    const firstPos = Number((await first.getAttribute('aria-label'))!.replace(/\D/g, '')) - 1;
    const wrong = (await first.getByRole('button').allTextContents()).find((w) => w !== words[firstPos])!;
    await first.getByRole('button', { name: wrong, exact: true }).click();
    await p.getByText('That is not the right word').waitFor();
    await expect.poll(() => p.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    for (let g = 0; g < 3; g++) {
      const group = groups.nth(g);
      const pos = Number((await group.getAttribute('aria-label'))!.replace(/\D/g, '')) - 1;
      await group.getByRole('button', { name: words[pos]!, exact: true }).click();
    }
    await p.getByRole('button', { name: 'Next' }).click();
    await p.getByLabel('Password', { exact: true }).fill('short');
    await p.getByText('At least 8 characters.').waitFor();
    await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await p.getByText(/Strength:/).waitFor();
    await p.getByLabel('Confirm password').fill(PASSWORD + 'x');
    await p.getByText('The passwords do not match.').waitFor();
    await expect.poll(() => p.getByRole('button', { name: 'Create wallet' }).isDisabled()).toBe(true);
    await p.getByLabel('Confirm password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Create wallet' }).click();
    const addrs = await receiveAddresses(p);
    expect(addrs).toEqual({ evm: refEvm(mnemonic, 0).address, solana: refSolana(mnemonic, 0).address });
    await expectNoSecrets(p, { mnemonics: [mnemonic] });
  });

  it('imports the known English phrase and shows the exact addresses of accounts 1–3', async () => {
    const p = await freshPopup();
    await importPhraseUi(p, `  TEST test\ntest test  test test test test test test test   JUNK `, PASSWORD);
    for (let i = 0; i < 3; i++) {
      if (i > 0) await addAccount(p, i + 1);
      await expect.poll(() => p.getByTestId('account-name').textContent()).toBe(`Account ${i + 1}`);
      expect(await receiveAddresses(p)).toEqual({ evm: DEMO_EVM[i], solana: DEMO_SOLANA[i] });
    }
    await p.screenshot({ path: resolve(SHOTS, 'home-en.png') });
    await expectNoSecrets(p, { mnemonics: [DEMO_PHRASE] });
  });

  it('imports a Chinese phrase and shows the addresses independent code derives', async () => {
    const p = await freshPopup();
    await importPhraseUi(p, CHINESE, PASSWORD);
    for (let i = 0; i < 3; i++) {
      if (i > 0) await addAccount(p, i + 1);
      await expect.poll(() => p.getByTestId('account-name').textContent()).toBe(`Account ${i + 1}`);
      expect(await receiveAddresses(p)).toEqual({ evm: refEvm(CHINESE, i).address, solana: refSolana(CHINESE, i).address });
    }
    await expectNoSecrets(p, { mnemonics: [CHINESE] });
  });

  it('renames the selected account through the switcher; an empty name cannot be saved', async () => {
    const p = await walletOf(CHINESE);
    await popupCall(p, 'addAccount');
    await popupCall(p, 'addAccount');
    await popupCall(p, 'selectAccount', { id: 'hd:2' });
    await expect.poll(() => p.getByTestId('account-name').textContent()).toBe('Account 3');
    await p.getByTestId('account-switcher').click();
    await p.getByRole('button', { name: 'Rename Account 3' }).click();
    const field = p.getByLabel('Account name');
    await field.fill('   ');
    await expect.poll(() => p.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await field.fill('  Savings 储蓄 ');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => p.getByTestId('account-name').textContent()).toBe('Savings 储蓄');
    const stored = (await readStorage(p)).local.accounts as { accounts: Array<{ name: string; evm?: string }> };
    expect(stored.accounts.map((a) => a.name)).toEqual(['Account 1', 'Account 2', 'Savings 储蓄']);
    expect(stored.accounts[2]!.evm).toBe(refEvm(CHINESE, 2).address);
    await p.keyboard.press('Escape');
    await p.getByRole('button', { name: 'Rename Savings 储蓄' }).waitFor({ state: 'detached' });
  });

  it('names the unknown word and its suggestion, and says when the checksum fails; nothing is stored', async () => {
    const p = await freshPopup();
    await p.getByRole('button', { name: 'Import an existing wallet' }).click();
    const field = p.getByLabel('Secret Recovery Phrase');
    const error = p.getByTestId('phrase-error');
    await field.fill('test test test test tets test test test test test test junk');
    await expect.poll(() => error.textContent()).toContain('Word 5');
    expect(await error.textContent()).toContain('Did you mean "test"?');
    await field.fill('test test test test test test test test test test test test');
    await expect.poll(() => error.textContent()).toContain('checksum');
    await field.fill('test test test');
    await expect.poll(() => error.textContent()).toContain('this one has 3');
    await expect.poll(() => p.getByRole('button', { name: 'Import wallet' }).isDisabled()).toBe(true);
    expect((await readStorage(p)).local.vault).toBeUndefined();
  });
});

describe('lock, unlock and restarts', () => {
  it('locks and unlocks; a wrong password is refused and changes nothing', async () => {
    const p = await freshPopup();
    await importPhraseUi(p, DEMO_PHRASE, PASSWORD);
    await p.getByRole('button', { name: 'Lock', exact: true }).click();
    await p.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await expect.poll(() => sessionKeys(p)).toEqual([]);
    const before = JSON.stringify((await readStorage(p)).local.vault);
    await unlock(p, 'wrong password!');
    await p.getByText('Incorrect password.').waitFor();
    expect(JSON.stringify((await readStorage(p)).local.vault)).toBe(before);
    expect(await sessionKeys(p)).toEqual([]);
    await unlock(p, PASSWORD);
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    await expect.poll(() => sessionKeys(p)).toEqual(['session']);
    await expectNoSecrets(p, { mnemonics: [DEMO_PHRASE] });
  });

  it('imports an EVM key (hex) and a Solana key (solana-keygen byte array); no key reaches storage or the popup', async () => {
    const p = await walletOf(DEMO_PHRASE);
    const solanaKeygenJson = JSON.stringify(Array.from(bs58.decode(IMPORT_SOL.secret_key_64_base58)));
    await p.getByRole('button', { name: 'Settings' }).click();
    for (const [family, key] of [['evm', IMPORT_EVM.private_key], ['solana', solanaKeygenJson]] as const) {
      await p.getByRole('button', { name: 'Import private key' }).click();
      await p.getByLabel('Network', { exact: true }).selectOption(family);
      await p.getByLabel('Private key').fill(key);
      await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await p.getByRole('button', { name: 'Import key' }).click();
      await p.getByRole('button', { name: 'Import key' }).waitFor({ state: 'detached' });
    }
    await expect.poll(async () => (await popupCall<{ accounts: Array<{ name: string; evm?: string; solana?: string }> }>(p, 'getState')).accounts
      .map((a) => [a.name, a.evm ?? null, a.solana ?? null])).toEqual([
      ['Account 1', DEMO_EVM[0], DEMO_SOLANA[0]], ['Imported 1', IMPORT_EVM.address, null], ['Imported 2', null, IMPORT_SOL.address],
    ]);
    const secrets: WalletSecrets = { mnemonics: [DEMO_PHRASE], imported: [{ family: 'evm', key: IMPORT_EVM.private_key }, { family: 'solana', key: IMPORT_SOL.secret_key_64_base58 }] };
    await expectNoSecrets(p, secrets);
    // Lock and unlock (the keyring is re-read from the vault): still nothing in storage or messages.
    await p.getByRole('button', { name: 'Back' }).click();
    await p.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(p, PASSWORD);
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    await expectNoSecrets(p, secrets);
  });

  it('stays unlocked after the service worker is killed', async () => {
    const p = await walletOf(DEMO_PHRASE);
    await (await currentWorker(h.context)).evaluate(() => { (globalThis as { __beforeKill?: boolean }).__beforeKill = true; });
    await killServiceWorker(h.context, p);
    await p.reload();
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    // A new worker answered (the marker set in the old one is gone), and it is still unlocked.
    expect(await (await currentWorker(h.context)).evaluate(() => (globalThis as { __beforeKill?: boolean }).__beforeKill)).toBeUndefined();
    expect(await receiveAddresses(p)).toEqual({ evm: DEMO_EVM[0], solana: DEMO_SOLANA[0] });
    await expectNoSecrets(p, { mnemonics: [DEMO_PHRASE] });
  });

  it('auto-locks from the chrome.alarms alarm after the idle time, and the key leaves session storage', async () => {
    const p = await walletOf(DEMO_PHRASE);
    // Every answered popup call counts as activity: let the home screen's refresh finish, then leave the popup, so
    // nothing touches the wallet after the idle time is faked below.
    await p.locator('[data-testid="network-card"]').first().waitFor();
    await p.locator('[data-testid="refreshing"]').first().waitFor({ state: 'detached', timeout: 30_000 });
    await p.goto('about:blank');
    const worker = await currentWorker(h.context);
    // Pretend the last activity was 16 minutes ago, then let the real alarm fire now.
    await worker.evaluate(async () => {
      const { session } = await chrome.storage.session.get('session') as { session: { lastActivity: number } };
      await chrome.storage.session.set({ session: { ...session, lastActivity: Date.now() - 16 * 60_000 } });
      await chrome.alarms.create('meridian-autolock', { when: Date.now() + 50 });
    });
    await expect.poll(() => worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)))).toEqual([]);
    await p.goto(h.popupUrl);
    await p.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
  });

  it('reveals the phrase only with the password', async () => {
    const p = await walletOf(DEMO_PHRASE);
    await p.getByRole('button', { name: 'Settings' }).click();
    await p.getByRole('button', { name: 'Reveal Secret Recovery Phrase' }).click();
    await p.getByLabel('Password', { exact: true }).fill('not my password');
    await p.getByRole('button', { name: 'Reveal', exact: true }).click();
    await p.getByText('Incorrect password.').waitFor();
    await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await p.getByRole('button', { name: 'Reveal', exact: true }).click();
    await p.getByTestId('revealed-phrase').waitFor();
    const words = await p.getByTestId('revealed-phrase').locator('li').allTextContents();
    expect(words.join(' ')).toBe(DEMO_PHRASE);
    // The only message that may carry the phrase is the revealPhrase answer (and the recorder sees it).
    expect((await receivedMessages(p)).filter((m) => m.includes(DEMO_PHRASE))).toHaveLength(1);
    await expectNoSecrets(p, { mnemonics: [DEMO_PHRASE] }, { allowInMessages: DEMO_PHRASE });
    await p.getByRole('button', { name: 'Done' }).click();
    await p.getByTestId('revealed-phrase').waitFor({ state: 'detached' });
  });

  it('changes the password: the old one stops working, the new one unlocks', async () => {
    const NEW = 'another long passphrase 2';
    const p = await walletOf(DEMO_PHRASE);
    await p.getByRole('button', { name: 'Settings' }).click();
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByLabel('Current password').fill(PASSWORD);
    await p.getByLabel('New password', { exact: true }).fill(NEW);
    await p.getByLabel('Confirm new password').fill(NEW);
    await p.getByRole('button', { name: 'Change password' }).last().click();
    await p.getByText('Password changed.').waitFor();
    await p.getByRole('button', { name: 'Back' }).click();
    await p.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(p, PASSWORD);
    await p.getByText('Incorrect password.').waitFor();
    await unlock(p, NEW);
    await p.getByRole('button', { name: 'Receive' }).waitFor();
    await expectNoSecrets(p, { mnemonics: [DEMO_PHRASE], passwords: [PASSWORD, NEW] });
  });
});

describe('a tampered vault', () => {
  it('reports the damage, offers restore, and leaves the stored vault byte-identical', async () => {
    const p = await walletOf(DEMO_PHRASE);
    await p.getByRole('button', { name: 'Lock', exact: true }).click();
    await p.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    const tampered = await p.evaluate(async () => {
      const { vault } = await chrome.storage.local.get('vault') as { vault: { ciphertext: string } };
      const bytes = Uint8Array.from(atob(vault.ciphertext), (c) => c.charCodeAt(0));
      bytes[5] = (bytes[5] ?? 0) ^ 0x01;
      const next = { ...vault, ciphertext: btoa(String.fromCharCode(...bytes)) };
      await chrome.storage.local.set({ vault: next });
      return JSON.stringify(next);
    });
    await unlock(p, PASSWORD);
    await p.getByText(/vault is damaged/).waitFor();
    await p.getByRole('button', { name: 'Restore from Secret Recovery Phrase' }).waitFor();
    expect(JSON.stringify((await readStorage(p)).local.vault)).toBe(tampered);
    expect(await sessionKeys(p)).toEqual([]);
    // Damaged header (edited KDF parameters): reported as soon as the popup opens.
    const headerTampered = await p.evaluate(async () => {
      const { vault } = await chrome.storage.local.get('vault') as { vault: { kdf: { iterations: number } } };
      const next = { ...vault, kdf: { ...vault.kdf, iterations: vault.kdf.iterations + 1 } };
      await chrome.storage.local.set({ vault: next });
      return JSON.stringify(next);
    });
    await p.reload();
    await p.getByText('Your wallet vault cannot be read').waitFor();
    expect(JSON.stringify((await readStorage(p)).local.vault)).toBe(headerTampered);
    // Restore keeps the damaged vault as a backup, byte-identical.
    await p.getByRole('button', { name: 'Restore from Secret Recovery Phrase' }).click();
    await importPhraseUi(p, DEMO_PHRASE, PASSWORD, { restore: true });
    const { local } = await readStorage(p);
    expect(JSON.stringify((local.vaultBackups as Array<{ vault: unknown }>).at(-1)!.vault)).toBe(headerTampered);
    expect(await receiveAddresses(p)).toEqual({ evm: DEMO_EVM[0], solana: DEMO_SOLANA[0] });
    await p.screenshot({ path: resolve(SHOTS, 'after-restore.png') });
  });
});
