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
import { findSecrets, refEvm, refSolana, secretNeedles } from '../fixtures/referenceDerivation';
import { RECORD_PORT_MESSAGES, currentWorker, killServiceWorker, launchWithExtension, readStorage, receivedMessages, type Harness } from './helpers/extension';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const PASSWORD = 'correct horse battery 9!';
const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
const evmKnown = derivations.vectors.find((v) => v.id === 'evm-hardhat-anvil-default-accounts')!.accounts!;
const solKnown = derivations.vectors.find((v) => v.id === 'solana-test-mnemonic-4-level')!.accounts!;
const CHINESE = bip39Vectors.vectors.filter((v) => v.language === 'chinese_simplified').at(-1)!.mnemonic;

let h: Harness;
let page: Page;

async function openPopup(): Promise<Page> {
  const p = await h.context.newPage();
  await p.addInitScript(RECORD_PORT_MESSAGES);
  await p.goto(h.popupUrl);
  return p;
}

/** No secret of `mnemonic`/`password` in chrome.storage.local/session or in anything the popup received. */
async function expectNoSecrets(p: Page, mnemonic: string, opts: { allowInMessages?: string[] } = {}) {
  const needles = secretNeedles({ mnemonic, password: PASSWORD, accounts: 3 });
  const storage = JSON.stringify(await readStorage(p));
  expect(findSecrets(storage, needles)).toEqual([]);
  const all = await receivedMessages(p);
  expect(all.length).toBeGreaterThan(0); // the recorder is installed, so this probe can fail
  const messages = all.filter((m) => !(opts.allowInMessages ?? []).some((a) => m.includes(a)));
  expect(findSecrets(messages.join('\n'), needles)).toEqual([]);
}

async function importPhrase(p: Page, phrase: string, opts: { restore?: boolean } = {}) {
  if (!opts.restore) await p.getByRole('button', { name: 'Import an existing wallet' }).click();
  await p.getByLabel('Secret Recovery Phrase').fill(phrase);
  await p.getByText(/checksum valid/).waitFor();
  await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await p.getByLabel('Confirm password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Import wallet' }).click();
  await p.getByRole('button', { name: 'Receive' }).waitFor();
}

async function receiveAddresses(p: Page): Promise<{ evm: string; solana: string }> {
  await p.getByRole('button', { name: 'Receive' }).click();
  const evm = (await p.getByTestId('receive-evm').textContent())!.trim();
  const solana = (await p.getByTestId('receive-solana').textContent())!.trim();
  await p.getByRole('button', { name: 'Back' }).click();
  return { evm, solana };
}

async function resetWallet(p: Page) {
  await p.evaluate(async () => { await chrome.storage.local.clear(); await chrome.storage.session.clear(); });
  await p.reload();
  await p.getByRole('button', { name: 'Create a new wallet' }).waitFor();
}

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
    page = await openPopup();
    await page.getByRole('button', { name: 'Create a new wallet' }).click();
    await page.getByRole('button', { name: '12 words' }).click();
    const words = await page.getByTestId('new-phrase').locator('li').allTextContents();
    expect(words).toHaveLength(12);
    const mnemonic = words.join(' ');
    await page.getByRole('button', { name: 'I wrote it down' }).click();
    const groups = page.getByRole('group');
    expect(await groups.count()).toBe(3);
    // A wrong pick blocks the way.
    const first = groups.nth(0);
    const firstPos = Number((await first.getAttribute('aria-label'))!.replace(/\D/g, '')) - 1;
    const wrong = (await first.getByRole('button').allTextContents()).find((w) => w !== words[firstPos])!;
    await first.getByRole('button', { name: wrong, exact: true }).click();
    await page.getByText('That is not the right word').waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    for (let g = 0; g < 3; g++) {
      const group = groups.nth(g);
      const pos = Number((await group.getAttribute('aria-label'))!.replace(/\D/g, '')) - 1;
      await group.getByRole('button', { name: words[pos]!, exact: true }).click();
    }
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByText('At least 8 characters.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByText(/Strength:/).waitFor();
    await page.getByLabel('Confirm password').fill(PASSWORD + 'x');
    await page.getByText('The passwords do not match.').waitFor();
    expect(await page.getByRole('button', { name: 'Create wallet' }).isDisabled()).toBe(true);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create wallet' }).click();
    const addrs = await receiveAddresses(page);
    expect(addrs).toEqual({ evm: refEvm(mnemonic, 0).address, solana: refSolana(mnemonic, 0).address });
    await expectNoSecrets(page, mnemonic);
  });

  it('imports the known English phrase and shows the exact addresses of accounts 1–3', async () => {
    await resetWallet(page);
    await importPhrase(page, `  TEST test\ntest test  test test test test test test test   JUNK `);
    for (let i = 0; i < 3; i++) {
      if (i > 0) await addAccount(page);
      await expect.poll(() => page.getByTestId('account-name').textContent()).toBe(`Account ${i + 1}`);
      expect(await receiveAddresses(page)).toEqual({ evm: evmKnown[i]!.address, solana: solKnown[i]!.address });
    }
    await page.screenshot({ path: resolve(SHOTS, 'home-en.png') });
    await expectNoSecrets(page, TEST_MNEMONIC);
  });

  it('imports a Chinese phrase and shows the addresses independent code derives', async () => {
    await resetWallet(page);
    await importPhrase(page, CHINESE);
    for (let i = 0; i < 3; i++) {
      if (i > 0) await addAccount(page);
      await expect.poll(() => page.getByTestId('account-name').textContent()).toBe(`Account ${i + 1}`);
      expect(await receiveAddresses(page)).toEqual({ evm: refEvm(CHINESE, i).address, solana: refSolana(CHINESE, i).address });
    }
    await expectNoSecrets(page, CHINESE);
  });

  it('renames the selected account through the switcher; an empty name cannot be saved', async () => {
    // Continues from the Chinese import: Account 3 is selected.
    await page.getByTestId('account-switcher').click();
    await page.getByRole('button', { name: 'Rename Account 3' }).click();
    const field = page.getByLabel('Account name');
    await field.fill('   ');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await field.fill('  Savings 储蓄 ');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Savings 储蓄');
    const stored = (await readStorage(page)).local.accounts as { accounts: Array<{ name: string; evm?: string }> };
    expect(stored.accounts.map((a) => a.name)).toEqual(['Account 1', 'Account 2', 'Savings 储蓄']);
    expect(stored.accounts[2]!.evm).toBe(refEvm(CHINESE, 2).address);
    await page.keyboard.press('Escape');
  });

  it('names the unknown word and its suggestion, and says when the checksum fails; nothing is stored', async () => {
    await resetWallet(page);
    await page.getByRole('button', { name: 'Import an existing wallet' }).click();
    const field = page.getByLabel('Secret Recovery Phrase');
    await field.fill('test test test test tets test test test test test test junk');
    await expect.poll(() => page.getByTestId('phrase-error').textContent()).toContain('Word 5');
    expect(await page.getByTestId('phrase-error').textContent()).toContain('Did you mean "test"?');
    await field.fill('test test test test test test test test test test test test');
    await expect.poll(() => page.getByTestId('phrase-error').textContent()).toContain('checksum');
    await field.fill('test test test');
    await expect.poll(() => page.getByTestId('phrase-error').textContent()).toContain('this one has 3');
    expect(await page.getByRole('button', { name: 'Import wallet' }).isDisabled()).toBe(true);
    expect((await readStorage(page)).local.vault).toBeUndefined();
  });
});

describe('lock, unlock and restarts', () => {
  it('locks and unlocks; a wrong password is refused and changes nothing', async () => {
    await page.getByRole('button', { name: 'Back' }).click();
    await importPhrase(page, TEST_MNEMONIC);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect((await readStorage(page)).session).toEqual({});
    const before = JSON.stringify((await readStorage(page)).local.vault);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Incorrect password.').waitFor();
    expect(JSON.stringify((await readStorage(page)).local.vault)).toBe(before);
    expect((await readStorage(page)).session).toEqual({});
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Receive' }).waitFor();
    expect(Object.keys((await readStorage(page)).session)).toEqual(['session']);
    await expectNoSecrets(page, TEST_MNEMONIC);
  });

  it('stays unlocked after the service worker is killed', async () => {
    await (await currentWorker(h.context)).evaluate(() => { (globalThis as { __beforeKill?: boolean }).__beforeKill = true; });
    await killServiceWorker(h.context, page);
    await page.reload();
    await page.getByRole('button', { name: 'Receive' }).waitFor();
    // A new worker answered (the marker set in the old one is gone), and it is still unlocked.
    expect(await (await currentWorker(h.context)).evaluate(() => (globalThis as { __beforeKill?: boolean }).__beforeKill)).toBeUndefined();
    expect(await receiveAddresses(page)).toEqual({ evm: evmKnown[0]!.address, solana: solKnown[0]!.address });
    await expectNoSecrets(page, TEST_MNEMONIC);
  });

  it('auto-locks from the chrome.alarms alarm after the idle time, and the key leaves session storage', async () => {
    const worker = await currentWorker(h.context);
    // Pretend the last activity was 16 minutes ago, then let the real alarm fire now.
    await worker.evaluate(async () => {
      const { session } = await chrome.storage.session.get('session') as { session: { lastActivity: number } };
      await chrome.storage.session.set({ session: { ...session, lastActivity: Date.now() - 16 * 60_000 } });
      await chrome.alarms.create('meridian-autolock', { when: Date.now() + 50 });
    });
    await page.getByRole('button', { name: 'Unlock' }).waitFor({ timeout: 30_000 });
    expect((await readStorage(page)).session).toEqual({});
  });

  it('reveals the phrase only with the password', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Reveal Secret Recovery Phrase' }).click();
    await page.getByLabel('Password', { exact: true }).fill('not my password');
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    await page.getByText('Incorrect password.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    await page.getByTestId('revealed-phrase').waitFor();
    const words = await page.getByTestId('revealed-phrase').locator('li').allTextContents();
    expect(words.join(' ')).toBe(TEST_MNEMONIC);
    // The only message that may carry the phrase is the revealPhrase answer (and the recorder sees it).
    expect((await receivedMessages(page)).filter((m) => m.includes(TEST_MNEMONIC))).toHaveLength(1);
    await expectNoSecrets(page, TEST_MNEMONIC, { allowInMessages: [TEST_MNEMONIC] });
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('changes the password: the old one stops working, the new one unlocks', async () => {
    const NEW = 'another long passphrase 2';
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('Confirm new password').fill(NEW);
    await page.getByRole('button', { name: 'Change password' }).last().click();
    await page.getByText('Password changed.').waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Incorrect password.').waitFor();
    await page.getByLabel('Password').fill(NEW);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Receive' }).waitFor();
    // Back to the shared password for the next tests.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill(NEW);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).last().click();
    await page.getByText('Password changed.').waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    const needles = [...secretNeedles({ mnemonic: TEST_MNEMONIC, accounts: 3 }), NEW];
    expect(findSecrets(JSON.stringify(await readStorage(page)), needles)).toEqual([]);
  });
});

describe('a tampered vault', () => {
  it('reports the damage, offers restore, and leaves the stored vault byte-identical', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    const tampered = await page.evaluate(async () => {
      const { vault } = await chrome.storage.local.get('vault') as { vault: { ciphertext: string } };
      const bytes = Uint8Array.from(atob(vault.ciphertext), (c) => c.charCodeAt(0));
      bytes[5] = (bytes[5] ?? 0) ^ 0x01;
      const next = { ...vault, ciphertext: btoa(String.fromCharCode(...bytes)) };
      await chrome.storage.local.set({ vault: next });
      return JSON.stringify(next);
    });
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText(/vault is damaged/).waitFor();
    await page.getByRole('button', { name: 'Restore from Secret Recovery Phrase' }).waitFor();
    expect(JSON.stringify((await readStorage(page)).local.vault)).toBe(tampered);
    expect((await readStorage(page)).session).toEqual({});
    // Damaged header (edited KDF parameters): reported as soon as the popup opens.
    const headerTampered = await page.evaluate(async () => {
      const { vault } = await chrome.storage.local.get('vault') as { vault: { kdf: { iterations: number } } };
      const next = { ...vault, kdf: { ...vault.kdf, iterations: vault.kdf.iterations + 1 } };
      await chrome.storage.local.set({ vault: next });
      return JSON.stringify(next);
    });
    await page.reload();
    await page.getByText('Your wallet vault cannot be read').waitFor();
    expect(JSON.stringify((await readStorage(page)).local.vault)).toBe(headerTampered);
    // Restore keeps the damaged vault as a backup, byte-identical.
    await page.getByRole('button', { name: 'Restore from Secret Recovery Phrase' }).click();
    await importPhrase(page, TEST_MNEMONIC, { restore: true });
    const { local } = await readStorage(page);
    expect(JSON.stringify((local.vaultBackups as Array<{ vault: unknown }>).at(-1)!.vault)).toBe(headerTampered);
    expect(await receiveAddresses(page)).toEqual({ evm: evmKnown[0]!.address, solana: solKnown[0]!.address });
    await page.screenshot({ path: resolve(SHOTS, 'after-restore.png') });
  });
});

/** "Add account" lives in the account switcher's menu. */
async function addAccount(page: Page): Promise<void> {
  await page.getByTestId('account-switcher').click();
  await page.getByRole('button', { name: 'Add account' }).click();
}
