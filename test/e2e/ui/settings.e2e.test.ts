/**
 * Settings end to end through the UI against the dev chains: custom networks (refused on a wrong or duplicate chain
 * id, an unreachable URL or another chain; a second EVM network served by a chain-id proxy added, used, edited and
 * removed), tokens (a custom ERC-20 read from the chain, hide/show, non-token addresses refused), the address book
 * and the Send picker, auto-lock, private key export (and no key left in storage), no overflow at 360 px in 简体中文
 * and for a 24-word phrase, and Reset wallet behind its typed confirmation (then a 24-word re-import).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import type { Page } from 'playwright-core';
import bip39Vectors from '../../vectors/bip39.json' with { type: 'json' };
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, EVM_DEMO_WETH, MULTICALL3_ADDRESS, SOLANA_DEMO_ACCOUNTS } from '../../../scripts/chains/index';
import { getFreePort } from '../../../scripts/chains/util';
import { findSecrets, secretNeedles } from '../../fixtures/referenceDerivation';
import { readStorage } from '../helpers/extension';
import type { AddressBookEntry, NetworkView, TokenView, WalletState } from '../../../src/shared/types';
import { DEMO_PHRASE, PASSWORD, popupCall, shownBalance, startChainIdProxy } from './helpers';
import { EVM_NET, SOL_NET, homeSettled, startUiRig, type UiRig } from './setup';

const CUSTOM_ID = 1337;
const CUSTOM_NET = `eip155:${CUSTOM_ID}`;
const CUSTOM_NAME = 'Second Dev Chain';
const ME = EVM_DEMO_ACCOUNTS[0] as Address;
const PHRASE_24 = bip39Vectors.vectors.find((v) => v.language === 'english' && v.mnemonic.endsWith(' art'))!.mnemonic;

let rig: UiRig;
let evm: ReturnType<typeof createPublicClient>;
let proxyA: Awaited<ReturnType<typeof startChainIdProxy>>;
let proxyB: Awaited<ReturnType<typeof startChainIdProxy>>;
let deadUrl: string;
const page = (): Page => rig.page;

beforeAll(async () => {
  rig = await startUiRig();
  rig.page.setDefaultTimeout(15_000);
  evm = createPublicClient({ transport: http(rig.chains.evm.url) });
  // The dev chain seen as chain 1337 (twice, for a second valid RPC URL), and a port nothing listens on.
  proxyA = await startChainIdProxy(rig.chains.evm.url, CUSTOM_ID);
  proxyB = await startChainIdProxy(rig.chains.evm.url, CUSTOM_ID);
  deadUrl = `http://127.0.0.1:${await getFreePort()}`;
});
afterAll(async () => {
  await rig?.stop();
  await Promise.all([proxyA?.stop(), proxyB?.stop()]);
});

const btn = (name: string) => page().getByRole('button', { name, exact: true });
const alerts = () => page().getByRole('alert');
const networks = () => popupCall<NetworkView[]>(page(), 'listNetworks', {});
const state = () => popupCall<WalletState>(page(), 'getState', {});
const erc20 = (token: Address) => evm.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [ME] });
async function noOverflow(): Promise<void> {
  expect(await page().evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}
async function openSettings(): Promise<void> {
  await btn('Settings').click();
  await page().getByRole('heading', { name: 'Settings' }).waitFor();
}
async function openPanel(name: 'Networks' | 'Tokens' | 'Address book'): Promise<void> {
  await openSettings();
  await btn(name).click();
  await page().getByRole('heading', { name }).waitFor();
}
/** From a sub-panel, Settings or the Send form (whatever a failed test left open) back to a settled home screen. */
async function backHome(): Promise<void> {
  for (let i = 0; i < 4 && await btn('Settings').count() === 0; i++) {
    await page().getByRole('button', { name: /^(Back|Cancel)$/ }).last().click();
  }
  await homeSettled(page());
}
async function expectAlert(text: string): Promise<void> {
  await alerts().filter({ hasText: text }).waitFor();
  expect(await alerts().allTextContents()).toContain(text);
}

describe('networks', () => {
  let before: NetworkView[];

  async function fillAddNetwork(p: { family?: 'evm' | 'solana'; name: string; chainId?: string; url: string }): Promise<void> {
    if (await page().getByLabel('Network name').count() === 0) await btn('Add network').click();
    await page().getByLabel('Network', { exact: true }).selectOption(p.family ?? 'evm');
    await page().getByLabel('Network name').fill(p.name);
    if (p.chainId !== undefined) await page().getByLabel('Chain ID').fill(p.chainId);
    await page().getByLabel('RPC URL', { exact: true }).fill(p.url);
    await btn('Add network').click();
  }
  async function expectNothingSaved(): Promise<void> {
    expect(await networks()).toEqual(before);
    expect(await page().getByTestId('network-row').count()).toBe(before.length);
  }

  it('refuses an EVM network whose RPC URL serves another chain id, and saves nothing', async () => {
    await homeSettled(page());
    await openPanel('Networks');
    await page().getByTestId('network-row').first().waitFor();
    before = await networks();
    await fillAddNetwork({ name: CUSTOM_NAME, chainId: '4242', url: rig.chains.evm.url });
    await expectAlert('This RPC URL serves chain ID 31337, not 4242.');
    await expectNothingSaved();
  });

  it('refuses the dev chain again under its own chain id: Localnet already has 31337', async () => {
    await fillAddNetwork({ name: CUSTOM_NAME, chainId: '31337', url: rig.chains.evm.url });
    await expectAlert('This chain is already in the list as Localnet. Edit its RPC URLs instead.');
    await expectNothingSaved();
  });

  it('refuses a Solana network whose endpoint is unreachable, and saves nothing', async () => {
    await fillAddNetwork({ family: 'solana', name: 'Dead Solana', url: deadUrl });
    await expectAlert(`Cannot reach ${deadUrl}.`);
    await expectNothingSaved();
    await btn('Cancel').click();
  });

  it('adds a second EVM network (chain 1337): listed, shown on home and in the network filter with exact balances', async () => {
    await fillAddNetwork({ name: CUSTOM_NAME, chainId: String(CUSTOM_ID), url: proxyA.url });
    const row = page().locator(`[data-testid="network-row"][data-network="${CUSTOM_NET}"]`);
    await row.waitFor();
    expect(await page().getByTestId('network-row').count()).toBe(before.length + 1);
    expect(await row.getByRole('checkbox', { name: CUSTOM_NAME, exact: true }).isChecked()).toBe(true);
    expect(await row.getByText('Custom', { exact: true }).count()).toBe(1);
    const added = (await networks()).find((n) => n.id === CUSTOM_NET);
    expect(added).toMatchObject({ name: CUSTOM_NAME, family: 'evm', chainId: CUSTOM_ID, rpcUrls: [proxyA.url], custom: true, enabled: true, nativeSymbol: 'ETH' });
    // The same chain id a second time (through another URL of it) is refused and names the saved network.
    const withIt = await networks();
    await fillAddNetwork({ name: 'Again', chainId: String(CUSTOM_ID), url: proxyB.url });
    await expectAlert(`This chain is already in the list as ${CUSTOM_NAME}. Edit its RPC URLs instead.`);
    expect(await networks()).toEqual(withIt);
    await btn('Cancel').click();
    await backHome();
    const filter = page().getByLabel('Show', { exact: true });
    expect(await filter.locator(`option[value="${CUSTOM_NET}"]`).textContent()).toBe(CUSTOM_NAME);
    await filter.selectOption(CUSTOM_NET);
    expect(await page().getByTestId('network-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-network')))).toEqual([CUSTOM_NET]);
    expect(await shownBalance(page(), CUSTOM_NET, 'ETH')).toBe(await evm.getBalance({ address: ME }));
    await filter.selectOption('all');
  });

  it('adds a custom token by address on it: symbol, name and decimals come from the chain, exact balance on home', async () => {
    await openPanel('Tokens');
    await page().getByLabel('Network', { exact: true }).selectOption(CUSTOM_NET);
    await page().getByLabel('Token contract address or mint').fill(EVM_DEMO_WETH.address.toLowerCase());
    await btn('Add token').click();
    const row = page().getByTestId('token-row').filter({ hasText: 'mWETH' });
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ').trim()).toBe('mWETH Meridian Demo WETH Custom');
    const tokens = await popupCall<TokenView[]>(page(), 'listTokens', { networkId: CUSTOM_NET });
    expect(tokens).toEqual([{ address: EVM_DEMO_WETH.address, symbol: 'mWETH', name: 'Meridian Demo WETH', decimals: 18, hidden: false, custom: true }]);
    await backHome();
    expect(await shownBalance(page(), CUSTOM_NET, 'mWETH')).toBe(await erc20(EVM_DEMO_WETH.address));
  });

  it('edits its RPC URLs: an unreachable URL or another chain is refused (nothing changes); a second URL of the chain is saved', async () => {
    await openPanel('Networks');
    const row = page().locator(`[data-testid="network-row"][data-network="${CUSTOM_NET}"]`);
    const saved = await networks();
    const urls = row.getByLabel(`RPC URLs of ${CUSTOM_NAME} (one per line)`);
    for (const [extra, msg] of [[deadUrl, `Cannot reach ${deadUrl}.`], [rig.chains.evm.url, `This RPC URL serves chain ID 31337, not ${CUSTOM_ID}.`]] as const) {
      if (await urls.count() === 0) await row.getByRole('button', { name: `Edit RPC URLs ${CUSTOM_NAME}` }).click();
      await urls.fill(`${proxyA.url}\n${extra}`);
      await row.getByRole('button', { name: 'Save', exact: true }).click();
      await row.getByRole('alert').filter({ hasText: msg }).waitFor();
      expect(await networks()).toEqual(saved);
      expect(await row.locator('.mono').textContent()).toBe(proxyA.url);
    }
    await urls.fill(`${proxyA.url}\n${proxyB.url}`);
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    await urls.waitFor({ state: 'detached' });
    expect(await row.locator('.mono').textContent()).toBe(`${proxyA.url}, ${proxyB.url}`);
    expect((await networks()).find((n) => n.id === CUSTOM_NET)!.rpcUrls).toEqual([proxyA.url, proxyB.url]);
  });

  it('removes it: gone from the list, from home and from the network filter', async () => {
    await page().getByRole('button', { name: `Remove ${CUSTOM_NAME}` }).click();
    await page().locator(`[data-testid="network-row"][data-network="${CUSTOM_NET}"]`).waitFor({ state: 'detached' });
    expect(await networks()).toEqual(before);
    expect(await page().getByTestId('network-row').count()).toBe(before.length);
    await backHome();
    expect(await page().getByLabel('Show', { exact: true }).locator(`option[value="${CUSTOM_NET}"]`).count()).toBe(0);
    expect(await page().locator(`[data-testid="network-card"][data-network="${CUSTOM_NET}"]`).count()).toBe(0);
  });
});

describe('tokens', () => {
  beforeEach(backHome);
  const musd = () => page().locator(`[data-testid="network-card"][data-network="${EVM_NET}"] [data-testid="asset"][data-symbol="mUSD"]`);

  it('hides a token (gone from home) and shows it again (back with the exact balance)', async () => {
    expect(await musd().count()).toBe(1);
    await openPanel('Tokens');
    await page().getByLabel('Network', { exact: true }).selectOption(EVM_NET);
    const box = page().getByRole('checkbox', { name: 'mUSD Meridian Demo USD', exact: true });
    await box.uncheck();
    await page().getByRole('checkbox', { name: 'mUSD Meridian Demo USD', exact: true, checked: false }).waitFor();
    await backHome();
    expect(await musd().count()).toBe(0);
    expect(await page().locator(`[data-network="${EVM_NET}"] [data-testid="asset"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')))).toEqual(['ETH', 'mWETH']);
    await openPanel('Tokens');
    await page().getByLabel('Network', { exact: true }).selectOption(EVM_NET);
    await box.check();
    await page().getByRole('checkbox', { name: 'mUSD Meridian Demo USD', exact: true, checked: true }).waitFor();
    await backHome();
    expect(await shownBalance(page(), EVM_NET, 'mUSD')).toBe(await erc20(EVM_DEMO_USD.address));
  });

  it('refuses addresses that are not token contracts with a clear error, and adds nothing', async () => {
    await openPanel('Tokens');
    await page().getByLabel('Network', { exact: true }).selectOption(EVM_NET);
    await page().getByTestId('token-row').first().waitFor();
    const before = await popupCall<TokenView[]>(page(), 'listTokens', { networkId: EVM_NET });
    const cases: Array<[string, string]> = [
      [EVM_DEMO_ACCOUNTS[3], 'No token at this address on this network.'], // an account, no code
      [MULTICALL3_ADDRESS, 'No token at this address on this network.'], // a contract, not an ERC-20
      ['0x1234', 'This is not a valid address.'],
    ];
    for (const [address, msg] of cases) {
      await page().getByLabel('Token contract address or mint').fill(address);
      await btn('Add token').click();
      await expectAlert(msg);
      expect(await popupCall<TokenView[]>(page(), 'listTokens', { networkId: EVM_NET })).toEqual(before);
      expect(await page().getByTestId('token-row').count()).toBe(before.length);
    }
    await backHome();
  });
});

describe('address book', () => {
  beforeEach(backHome);
  it('saves named recipients, refuses invalid addresses, and the Send picker fills the exact address', async () => {
    await openPanel('Address book');
    const save = async (name: string, address: string) => {
      await page().getByLabel('Name', { exact: true }).fill(name);
      await page().getByLabel('Address', { exact: true }).fill(address);
      await btn('Save contact').click();
    };
    await save('Alice', EVM_DEMO_ACCOUNTS[4].toLowerCase());
    await save('Bob', SOLANA_DEMO_ACCOUNTS[4]);
    await page().getByTestId('contact').nth(1).waitFor();
    expect(await page().getByTestId('contact').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^Alice\\s*${EVM_DEMO_ACCOUNTS[4]}\\s*Remove$`)),
      expect.stringMatching(new RegExp(`^Bob\\s*${SOLANA_DEMO_ACCOUNTS[4]}\\s*Remove$`)),
    ]);
    const saved = await popupCall<AddressBookEntry[]>(page(), 'listAddressBook', {});
    expect(saved.map(({ name, address, family }) => ({ name, address, family }))).toEqual([
      { name: 'Alice', address: EVM_DEMO_ACCOUNTS[4], family: 'evm' }, { name: 'Bob', address: SOLANA_DEMO_ACCOUNTS[4], family: 'solana' },
    ]);
    const badChecksum = EVM_DEMO_ACCOUNTS[4].replace(/[a-f]/, (c) => c.toUpperCase());
    for (const [address, msg] of [['0x1234', 'This is not a valid address.'], [badChecksum, 'The address checksum does not match. Check for a typo.']]) {
      await save('Mallory', address!);
      await expectAlert(msg!);
      expect(await popupCall(page(), 'listAddressBook', {})).toEqual(saved);
      expect(await page().getByTestId('contact').count()).toBe(2);
    }
    await backHome();

    await btn('Send').click();
    const picker = page().getByLabel('Choose a saved address');
    await page().getByLabel('Asset').selectOption(`${EVM_NET}|`);
    expect(await picker.locator('option').allTextContents()).toEqual(['Choose a saved address', `Alice · ${EVM_DEMO_ACCOUNTS[4].slice(0, 8)}…`]);
    await picker.selectOption({ label: `Alice · ${EVM_DEMO_ACCOUNTS[4].slice(0, 8)}…` });
    expect(await page().getByLabel('Recipient').inputValue()).toBe(EVM_DEMO_ACCOUNTS[4]);
    await page().getByLabel('Asset').selectOption(`${SOL_NET}|`);
    await page().getByLabel('Recipient').fill('');
    expect(await picker.locator('option').allTextContents()).toEqual(['Choose a saved address', `Bob · ${SOLANA_DEMO_ACCOUNTS[4].slice(0, 8)}…`]);
    await picker.selectOption({ label: `Bob · ${SOLANA_DEMO_ACCOUNTS[4].slice(0, 8)}…` });
    expect(await page().getByLabel('Recipient').inputValue()).toBe(SOLANA_DEMO_ACCOUNTS[4]);
    await btn('Cancel').click();
    await homeSettled(page());
  });
});

describe('auto-lock', () => {
  beforeEach(backHome);
  it('saves the minutes (read back from the background) and refuses 0', async () => {
    await openSettings();
    const field = page().getByLabel('Auto-lock after (minutes)');
    const form = page().locator('form').filter({ has: field });
    await field.fill('7');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await state()).settings.autoLockMinutes).toBe(7);
    // The background keeps its own rule too.
    await expect(popupCall(page(), 'updateSettings', { autoLockMinutes: 0 })).rejects.toThrow(/Error: -32602 /);
    for (const bad of ['0', '1441', '2.5']) {
      await field.fill(bad);
      await form.getByRole('button', { name: 'Save', exact: true }).click();
      await form.getByRole('alert').filter({ hasText: 'Enter whole minutes from 1 to 1440.' }).waitFor();
      expect(await form.getByRole('status').count()).toBe(0);
      expect((await state()).settings.autoLockMinutes).toBe(7);
    }
    // Shown again when Settings is reopened.
    await backHome();
    await openSettings();
    expect(await page().getByLabel('Auto-lock after (minutes)').inputValue()).toBe('7');
    await backHome();
  });
});

describe('export private key', () => {
  beforeEach(backHome);
  it('asks for the password, refuses a wrong one, shows the key of the selected account, and stores no key', async () => {
    await openSettings();
    const s = await state();
    const account = s.accounts.find((a) => a.id === s.selectedAccountId)!;
    expect(account.evm).toBe(EVM_DEMO_ACCOUNTS[0]);
    const exportKey = async (family: 'evm' | 'solana', password: string) => {
      if (await page().getByLabel('Password', { exact: true }).count() === 0) await btn('Export private key').click();
      await page().getByLabel('Network', { exact: true }).selectOption(family);
      await page().getByLabel('Password', { exact: true }).fill(password);
      await btn('Export private key').last().click();
    };
    await exportKey('evm', 'not the password');
    await expectAlert('Incorrect password.');
    expect(await page().getByTestId('exported-key').count()).toBe(0);

    await exportKey('evm', PASSWORD);
    const evmKey = (await page().getByTestId('exported-key').textContent())! as `0x${string}`;
    expect(evmKey).toMatch(/^0x[0-9a-f]{64}$/);
    expect(privateKeyToAccount(evmKey).address).toBe(account.evm);
    await btn('Done').click();
    await page().getByTestId('exported-key').waitFor({ state: 'detached' });

    await exportKey('solana', PASSWORD);
    const solKey = (await page().getByTestId('exported-key').textContent())!;
    expect(Keypair.fromSecretKey(bs58.decode(solKey)).publicKey.toBase58()).toBe(account.solana);
    await btn('Done').click();
    await page().getByTestId('exported-key').waitFor({ state: 'detached' });
    await backHome();

    expect((await page().content()).includes(evmKey.slice(2))).toBe(false);
    const needles = [...secretNeedles({ mnemonic: DEMO_PHRASE, password: PASSWORD, accounts: 3 }), evmKey.slice(2), solKey];
    expect(findSecrets(JSON.stringify(await readStorage(page())), needles)).toEqual([]);
  });
});

describe('layout in 简体中文', () => {
  beforeEach(backHome);
  it('Settings and its panels do not overflow 360 px', async () => {
    await openSettings();
    await page().getByLabel('Language').selectOption('zh_CN');
    await page().getByRole('heading', { name: '设置' }).waitFor();
    await noOverflow();
    for (const [open, heading] of [['网络', '网络'], ['代币', '代币'], ['地址簿', '地址簿']] as const) {
      await page().getByRole('button', { name: open, exact: true }).click();
      await page().getByRole('heading', { name: heading, exact: true }).waitFor();
      await page().locator('.plain-list > li').first().waitFor();
      await noOverflow();
      await page().getByRole('button', { name: '返回', exact: true }).click();
      await page().getByRole('heading', { name: '设置' }).waitFor();
    }
    await page().getByLabel('语言').selectOption('en');
    await page().getByRole('heading', { name: 'Settings' }).waitFor();
    await backHome();
  });
});

describe('reset wallet', () => {
  beforeEach(backHome);
  it('stays disabled until the exact word is typed, then erases the vault and shows onboarding', async () => {
    await openSettings();
    await btn('Reset wallet…').click();
    const field = page().getByLabel('Type RESET to confirm');
    const erase = btn('Erase and reset');
    for (const typed of ['', 'reset', 'RESE', 'RESET!', 'R E S E T']) {
      await field.fill(typed);
      expect(await erase.isDisabled()).toBe(true);
    }
    await field.press('Enter'); // submitting with a wrong word does nothing
    expect((await state()).status).toBe('unlocked');
    await field.fill('RESET');
    expect(await erase.isEnabled()).toBe(true);
    await erase.click();
    await btn('Create a new wallet').waitFor();
    expect(await btn('Import an existing wallet').count()).toBe(1);
    const storage = await readStorage(page());
    expect(storage.local.vault).toBeUndefined();
    expect(storage.local.vaultBackups).toBeUndefined();
    expect(storage.session.session).toBeUndefined();
    expect((await state()).status).toBe('uninitialized');
  });
});

describe('24-word phrase', () => {
  it('imports a 24-word phrase after the reset; the Reveal view shows it exactly without overflow at 360 px', async () => {
    await btn('Import an existing wallet').click();
    await page().getByLabel('Secret Recovery Phrase').fill(PHRASE_24);
    await page().getByText(/checksum valid/).waitFor();
    await page().getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page().getByLabel('Confirm password').fill(PASSWORD);
    await btn('Import wallet').click();
    await btn('Send').waitFor();
    await openSettings();
    await btn('Reveal Secret Recovery Phrase').click();
    await page().getByLabel('Password', { exact: true }).fill(PASSWORD);
    await btn('Reveal').click();
    const words = page().getByTestId('revealed-phrase').locator('li');
    await words.first().waitFor();
    expect((await words.allTextContents()).join(' ')).toBe(PHRASE_24);
    expect(await words.count()).toBe(24);
    await noOverflow();
    await btn('Done').click();
  });
});
