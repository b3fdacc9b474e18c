/**
 * Passkey unlock end to end in Debian Chromium, against a CDP virtual authenticator on the popup page
 * (WebAuthn.addVirtualAuthenticator, ctap2.1, internal transport, user verification, PRF on or off):
 * enrol in Settings (the password is asked), lock, unlock with the passkey alone and see the exact first address;
 * the password still unlocks; removal takes the passkey off the unlock screen; an authenticator without PRF is
 * refused with the clear message and nothing is stored; the PRF output is never in storage or in any message the
 * popup received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { DEMO_EVM, DEMO_PHRASE } from '../fixtures/demo';
import { popupCall } from '../fixtures/popup';
import { expectNoSecrets, keyNeedles, walletSecretNeedles } from '../fixtures/secretScan';
import { RECORD_PORT_MESSAGES, launchWithExtension, readStorage, receivedMessages, sentMethods, type Harness } from './helpers/extension';

const PASSWORD = 'passkey test password 7!';
const NO_PRF_MESSAGE = 'This passkey or authenticator does not support the PRF extension, which Meridian needs to unlock with a passkey securely. Nothing was saved. Try another authenticator, or keep using your password.';
const WRAP_KEYS = ['credentialId', 'iv', 'prfSalt', 'vaultSalt', 'version', 'wrappedKey'];

let h: Harness;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string | null = null;

async function useAuthenticator(hasPrf: boolean): Promise<void> {
  if (authenticatorId) await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, hasPrf, automaticPresenceSimulation: true,
    },
  }));
}

const btn = (name: string) => page.getByRole('button', { name, exact: true });
const state = () => popupCall<{ status: string; passkey?: { credentialId: string; prfSalt: string }; passkeyRemoved?: string }>(page, 'getState');
const storedLocal = async () => (await readStorage(page)).local;

/** A fresh wallet of the demo phrase, unlocked, on the home screen, with a clean message record. */
async function freshWallet(): Promise<void> {
  if ((await state()).status === 'unlocked') await popupCall(page, 'lock');
  await page.evaluate(async () => { await chrome.storage.local.clear(); await chrome.storage.session.clear(); sessionStorage.clear(); });
  await popupCall(page, 'setupWallet', { phrase: DEMO_PHRASE, password: PASSWORD });
  await page.reload();
  await btn('Receive').waitFor();
}

async function openSettings(): Promise<void> {
  await btn('Settings').click();
  await page.getByRole('heading', { name: 'Unlock with a passkey' }).waitFor();
}

/** Settings → Set up a passkey → the password → Continue (the authenticator answers by itself). */
async function enrolInSettings(password = PASSWORD): Promise<void> {
  await openSettings();
  const panel = page.getByTestId('passkey-settings');
  await panel.getByRole('button', { name: 'Set up a passkey' }).click();
  await panel.getByLabel('Password').fill(password);
  await panel.getByRole('button', { name: 'Continue with passkey' }).click();
}

async function lockFromHome(): Promise<void> {
  await btn('Back').last().click();
  await btn('Lock').click();
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
}

async function firstEvmAddress(): Promise<string> {
  await btn('Receive').click();
  const evm = (await page.getByTestId('receive-evm').textContent())!.trim();
  await btn('Back').click();
  return evm;
}

/** The PRF output of the enrolled credential, computed here in the page with the stored id and salt (test-only). */
async function prfOutputOf(info: { credentialId: string; prfSalt: string }): Promise<Uint8Array> {
  const bytes = await page.evaluate(async ({ credentialId, prfSalt }) => {
    const dec = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const cred = await navigator.credentials.get({ publicKey: {
      challenge: new Uint8Array(32), allowCredentials: [{ type: 'public-key', id: dec(credentialId) }], userVerification: 'required',
      extensions: { prf: { eval: { first: dec(prfSalt) } } } as AuthenticationExtensionsClientInputs,
    } }) as PublicKeyCredential;
    const first = (cred.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } }).prf?.results?.first;
    return first ? Array.from(new Uint8Array(first)) : [];
  }, info);
  return Uint8Array.from(bytes);
}

beforeAll(async () => {
  h = await launchWithExtension();
  // WebAuthn needs the page to have focus: the onboarding tab that opens on install (and the blank first tab) go.
  const onboarding = h.context.pages().find((p) => p.url().includes('#/onboarding'))
    ?? await h.context.waitForEvent('page', { predicate: (p) => p.url().includes('#/onboarding') });
  await onboarding.close();
  page = await h.context.newPage();
  for (const other of h.context.pages()) if (other !== page) await other.close();
  await page.addInitScript(RECORD_PORT_MESSAGES);
  await page.goto(h.popupUrl);
  await page.bringToFront();
  cdp = await h.context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await cdp.send('WebAuthn.enable', { enableUI: false });
});
afterAll(async () => { await h?.close(); });

describe('passkey unlock (WebAuthn PRF)', () => {
  it('enrol in Settings with the password, lock, unlock with the passkey alone → the exact first address; the password still unlocks', async () => {
    await useAuthenticator(true);
    await freshWallet();
    expect(await firstEvmAddress()).toBe(DEMO_EVM[0]);

    // A wrong password is refused and nothing is stored.
    await enrolInSettings('not the password 1');
    await page.getByRole('alert').filter({ hasText: 'Incorrect password.' }).waitFor();
    expect((await storedLocal()).passkey).toBeUndefined();
    await page.getByTestId('passkey-settings').getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('passkey-settings').getByRole('button', { name: 'Continue with passkey' }).click();
    await page.getByText('Passkey set up. Next time you can unlock with it.').waitFor();
    const record = (await storedLocal()).passkey as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(WRAP_KEYS);
    expect(record.version).toBe(1);
    await btn('Remove passkey').waitFor();

    await lockFromHome();
    const sentBefore = (await sentMethods(page)).length;
    await btn('Unlock with passkey').click();
    await btn('Receive').waitFor();
    expect(await firstEvmAddress()).toBe(DEMO_EVM[0]);
    const sent = (await sentMethods(page)).slice(sentBefore);
    expect(sent).toContain('unlockWithPasskey');
    expect(sent).not.toContain('unlock'); // no password was sent
    expect((await state()).status).toBe('unlocked');

    // The PRF output (and the password, the phrase, the keys) is nowhere in storage or in what the popup received.
    const info = (await state()).passkey!;
    const prf = await prfOutputOf(info);
    expect(prf).toHaveLength(32);
    const needles = [...keyNeedles(prf, 'PRF output'), ...walletSecretNeedles({ mnemonics: [DEMO_PHRASE], passwords: [PASSWORD], accounts: 3 })];
    const { local, session } = await readStorage(page);
    expect(Object.keys(local.passkey as object).sort()).toEqual(WRAP_KEYS);
    expectNoSecrets('chrome.storage.local', JSON.stringify(local), needles);
    expectNoSecrets('chrome.storage.session', JSON.stringify(session), needles);
    const messages = await receivedMessages(page);
    expect(messages.length).toBeGreaterThan(0);
    expectNoSecrets('messages to the popup', messages.join('\n'), needles);

    // Lock again: the password form is still there and works.
    await btn('Lock').click();
    await btn('Unlock with passkey').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await btn('Unlock').click();
    await btn('Receive').waitFor();
    expect(await firstEvmAddress()).toBe(DEMO_EVM[0]);
  });

  it('remove the passkey: the wrap is deleted and the unlock screen no longer offers it', async () => {
    await useAuthenticator(true);
    await freshWallet();
    await enrolInSettings();
    await btn('Remove passkey').click();
    await page.getByText('Passkey removed. Unlock with your password.').waitFor();
    expect((await storedLocal()).passkey).toBeUndefined();
    await btn('Set up a passkey').waitFor();
    await lockFromHome();
    await page.getByLabel('Password').waitFor();
    expect(await btn('Unlock with passkey').count()).toBe(0);
    expect((await state()).passkey).toBeUndefined();
  });

  it('an authenticator without PRF is refused with the clear message and nothing is stored', async () => {
    await useAuthenticator(false);
    await freshWallet();
    const before = await storedLocal();
    await enrolInSettings();
    await page.getByRole('alert').filter({ hasText: NO_PRF_MESSAGE }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(NO_PRF_MESSAGE);
    const after = await storedLocal();
    // Nothing of a passkey was stored, and the vault and accounts are as they were (portfolio caches come and go).
    expect(Object.keys(after).filter((k) => /passkey/i.test(k))).toEqual([]);
    expect(after.vault).toEqual(before.vault);
    expect(after.accounts).toEqual(before.accounts);
    expect((await state()).passkey).toBeUndefined();
    expect(await sentMethods(page)).not.toContain('enrolPasskey');
    await lockFromHome();
    expect(await btn('Unlock with passkey').count()).toBe(0);
  });
});
