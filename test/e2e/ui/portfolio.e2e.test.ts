/**
 * Home / portfolio, prices, receive, i18n and quality end to end: exact balances against the chains, fiat from a
 * local price endpoint asked by coin ids only, prices off, the language switch to 简体中文 with no English left
 * (screenshots of home, send review and receive in both languages), no overflow at 360×600, accessible names, and a
 * failing RPC that keeps showing the cached balances with its age and a short error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import { Connection, PublicKey } from '@solana/web3.js';
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS } from '../../../scripts/chains/index';
import { expectNoOverflow } from '../../fixtures/popup';
import { englishWords, shownBalance } from './helpers';
import { EVM_NET, SHOTS, SOL_NET, homeSettled, reviewEnabled, startUiRig, type UiRig } from './setup';

let rig: UiRig;
const page = () => rig.page;
const ALLOWED = ['Meridian', 'Solana Localnet', 'Localnet', 'mUSD22', 'mUSD', 'mWETH', 'ETH', 'SOL', 'EVM', 'API', 'RPC', 'ID', 'Ether', 'Solana',
  'Meridian Demo USD (Token-2022)', 'Meridian Demo USD (SPL)', 'Meridian Demo USD', 'Meridian Demo WETH', 'English', 'USD'];

beforeAll(async () => { rig = await startUiRig(); });
afterAll(async () => { await rig?.stop(); });

const noOverflow = () => expectNoOverflow(page());
async function shot(name: string, fullPage = false): Promise<void> {
  await page().screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage });
}

describe('home', () => {
  it('shows exact balances of every network read independently from the chains, with fiat values', async () => {
    await homeSettled(page());
    const evm = createPublicClient({ transport: http(rig.chains.evm.url) });
    const sol = new Connection(rig.chains.solana.url, 'confirmed');
    const me = EVM_DEMO_ACCOUNTS[0] as Address;
    expect(await shownBalance(page(), EVM_NET, 'ETH')).toBe(await evm.getBalance({ address: me }));
    expect(await shownBalance(page(), EVM_NET, 'mUSD')).toBe(await evm.readContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf', args: [me] }));
    expect(await shownBalance(page(), SOL_NET, 'SOL')).toBe(BigInt(await sol.getBalance(new PublicKey(SOLANA_DEMO_ACCOUNTS[0]))));
    // Full precision on demand: ETH of account 0 has 18 significant decimals after the deploy gas.
    const eth = page().locator(`[data-network="${EVM_NET}"] [data-symbol="ETH"] [data-testid="asset-amount"]`);
    const short = (await eth.textContent())!;
    await eth.click();
    const full = (await eth.textContent())!;
    expect(full.replace(/[, ]|ETH/g, '')).toBe((await import('../../../src/chains/units')).formatUnits(await evm.getBalance({ address: me }), 18));
    expect(short.length).toBeLessThan(full.length);
    // mUSD: 1,000,000 × $1 on the EVM Localnet.
    expect(await page().locator(`[data-network="${EVM_NET}"] [data-symbol="mUSD"] .fiat`).textContent()).toBe('$1,000,000.00');
    expect((await page().getByTestId('portfolio-total').textContent())!).toMatch(/^\$[\d,]+\.\d\d$/);
    // The price API was asked with coin ids only, never an address.
    expect(rig.prices.requests.length).toBeGreaterThan(0);
    for (const r of rig.prices.requests) {
      const ids = new URL(r, 'http://x').searchParams.get('ids')!.split(',');
      expect(ids.every((id) => /^[a-z-]+$/.test(id))).toBe(true);
    }
    await noOverflow();
    await shot('ui-home-en');
  });

  it('prices off: token amounts only, and no price request', async () => {
    await page().getByRole('button', { name: 'Settings' }).click();
    await page().getByLabel('Show prices (USD)').uncheck();
    await page().getByRole('button', { name: 'Back' }).last().click();
    await homeSettled(page());
    const n = rig.prices.requests.length;
    await page().getByRole('button', { name: 'Refresh' }).click();
    await homeSettled(page());
    expect(await page().getByTestId('portfolio-total').textContent()).toBe('Prices are off');
    await expect.poll(() => page().locator('.fiat').count()).toBe(0);
    expect(rig.prices.requests.length).toBe(n);
    await page().getByRole('button', { name: 'Settings' }).click();
    await page().getByLabel('Show prices (USD)').check();
    await page().getByRole('button', { name: 'Back' }).last().click();
    await homeSettled(page());
  });

  it('filters by network and switches accounts (identicon, short addresses, copy buttons)', async () => {
    await page().getByLabel('Show', { exact: true }).selectOption(SOL_NET);
    await expect.poll(() => page().getByTestId('network-card').count()).toBe(1);
    await page().getByLabel('Show', { exact: true }).selectOption('all');
    await expect.poll(() => page().getByTestId('network-card').count()).toBe(2);
    await page().getByTestId('account-switcher').click();
    expect(await page().getByTestId('evm-short').first().textContent()).toBe('0xf39F…2266');
    await expect.poll(() => page().getByRole('button', { name: /Copy Account 1 Solana address/ }).count()).toBe(1);
    await page().keyboard.press('Escape');
    await expect.poll(() => page().getByTestId('evm-short').count()).toBe(0);
  });
});

describe('every control has an accessible name and is reached with the keyboard', () => {
  it('home, send, receive and settings', async () => {
    const unnamed = async () => page().evaluate(() => [...document.querySelectorAll('button, a, input, select, textarea')].filter((el) => {
      const e = el as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
      const name = e.getAttribute('aria-label') ?? ((e.labels && e.labels.length > 0) ? 'label' : '');
      return !name && !(e.textContent ?? '').trim() && e.getAttribute('type') !== 'hidden';
    }).map((e) => e.outerHTML.slice(0, 80)));
    expect(await unnamed()).toEqual([]);
    for (const [open, title] of [['Send', 'Send'], ['Receive', 'Receive'], ['Settings', 'Settings']] as const) {
      await page().getByRole('button', { name: open, exact: true }).click();
      await page().getByRole('heading', { name: new RegExp(`^${title}`) }).first().waitFor();
      expect(await unnamed()).toEqual([]);
      await noOverflow();
      await page().getByRole('button', { name: open === 'Send' ? 'Cancel' : 'Back' }).last().click();
      await homeSettled(page());
    }
  });
  it('every enabled control of home, send, receive and settings is reached with Tab (radio groups once)', async () => {
    const unreached = async () => {
      // Count the controls of the loaded view, not of its loading state.
      await page().locator('[role="status"] .spinner').first().waitFor({ state: 'detached' });
      const total = await page().evaluate(() => {
        const groups = new Set<string>();
        const els = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')].filter((e) => {
          if ((e as HTMLButtonElement).disabled || e.getAttribute('type') === 'hidden' || e.getClientRects().length === 0) return false;
          const radio = e as HTMLInputElement;
          if (radio.type === 'radio') {
            // A radio group is one Tab stop (the checked radio); arrows move inside it.
            if (!radio.checked || groups.has(radio.name)) return false;
            groups.add(radio.name);
          }
          return true;
        });
        document.querySelectorAll('[data-kb]').forEach((e) => e.removeAttribute('data-kb'));
        els.forEach((e, i) => e.setAttribute('data-kb', String(i)));
        (document.activeElement as HTMLElement | null)?.blur();
        return els.length;
      });
      expect(total).toBeGreaterThan(2);
      const seen = new Set<string>();
      for (let i = 0; i < total * 2 + 4; i++) {
        await page().keyboard.press('Tab');
        const k = await page().evaluate(() => document.activeElement?.getAttribute('data-kb') ?? null);
        if (k !== null) seen.add(k);
      }
      return page().evaluate((s) => [...document.querySelectorAll('[data-kb]')]
        .filter((e) => !s.includes(e.getAttribute('data-kb') ?? '')).map((e) => e.outerHTML.slice(0, 100)), [...seen]);
    };
    await homeSettled(page());
    expect(await unreached()).toEqual([]);
    // The account switcher opens from the keyboard and its menu items are reached too; Escape closes it.
    await page().getByTestId('account-switcher').focus();
    await page().keyboard.press('Enter');
    await page().getByRole('button', { name: 'Add account' }).waitFor();
    expect(await unreached()).toEqual([]);
    await page().keyboard.press('Escape');
    await page().getByRole('button', { name: 'Add account' }).waitFor({ state: 'detached' });
    for (const [open, title] of [['Send', 'Send'], ['Receive', 'Receive'], ['Settings', 'Settings']] as const) {
      await page().getByRole('button', { name: open, exact: true }).click();
      await page().getByRole('heading', { name: new RegExp(`^${title}`) }).first().waitFor();
      expect(await unreached()).toEqual([]);
      await page().getByRole('button', { name: open === 'Send' ? 'Cancel' : 'Back' }).last().click();
      await homeSettled(page());
    }
  });
});

async function shotsFor(lang: 'en' | 'zh_CN', labels: { send: string; asset: string; recipient: string; amount: RegExp; receive: string; back: string; cancel: string }) {
  await homeSettled(page());
  await shot(`ui-home-${lang}`);
  await page().getByRole('button', { name: labels.send, exact: true }).click();
  await page().getByLabel(labels.asset).selectOption(`${EVM_NET}|`);
  await page().getByLabel(labels.recipient).fill(EVM_DEMO_ACCOUNTS[5]);
  await page().getByLabel(labels.amount).fill('0.5');
  await reviewEnabled(page());
  const sendText = await page().locator('main').innerText();
  await shot(`ui-send-${lang}`);
  await page().getByTestId('review-button').click();
  await page().getByTestId('review-to').waitFor();
  await noOverflow();
  const reviewText = await page().locator('main').innerText();
  await shot(`ui-send-review-${lang}`);
  await page().getByRole('button', { name: labels.back }).click();
  await page().getByRole('button', { name: labels.cancel }).click();
  await homeSettled(page());
  const homeText = await page().locator('main').innerText();
  await page().getByRole('button', { name: labels.receive, exact: true }).click();
  await page().getByTestId('receive-evm').waitFor();
  await page().locator('input[inputmode="decimal"]').fill('1.5');
  await page().getByTestId('payment-uri').waitFor();
  expect(await page().getByTestId('payment-uri').textContent()).toBe(`ethereum:${EVM_DEMO_ACCOUNTS[0]}@31337?value=1500000000000000000`);
  await noOverflow();
  await shot(`ui-receive-${lang}`, true);
  await page().getByRole('button', { name: labels.back }).last().click();
  await homeSettled(page());
  return { homeText, sendText, reviewText };
}

describe('language', () => {
  it('English screenshots; then 简体中文 renders home, send and review with no English left', async () => {
    await shotsFor('en', { send: 'Send', asset: 'Asset', recipient: 'Recipient', amount: /^Amount/, receive: 'Receive', back: 'Back', cancel: 'Cancel' });
    await page().getByRole('button', { name: 'Settings' }).click();
    await page().getByLabel('Language').selectOption('zh_CN');
    await page().getByRole('heading', { name: '设置' }).waitFor();
    await page().getByRole('button', { name: '返回' }).last().click();
    const { homeText, sendText, reviewText } = await shotsFor('zh_CN', { send: '发送', asset: '资产', recipient: '收款人', amount: /^金额/, receive: '收款', back: '返回', cancel: '取消' });
    for (const text of [homeText, sendText, reviewText]) {
      const noAddr = text.replace(/0x[0-9a-fA-F]+|[1-9A-HJ-NP-Za-km-z]{32,44}/g, ' ');
      expect(englishWords(noAddr, ALLOWED)).toEqual([]);
    }
    await page().getByRole('button', { name: '设置' }).click();
    await page().getByLabel('语言').selectOption('en');
    await page().getByRole('button', { name: 'Back' }).last().click();
    await homeSettled(page());
  });
});

describe('a failing RPC', () => {
  it('keeps showing the cached balances with their age and a short error', async () => {
    await homeSettled(page());
    const before = await shownBalance(page(), EVM_NET, 'mUSD');
    rig.evmProxy.state.failing = true;
    try {
      await page().getByRole('button', { name: 'Refresh' }).click();
      await homeSettled(page());
      const card = page().locator(`[data-testid="network-card"][data-network="${EVM_NET}"]`);
      expect(await card.getByTestId('network-error').textContent()).toMatch(/network unreachable/);
      expect(await card.getByTestId('data-age').textContent()).toMatch(/^Updated /);
      expect(await shownBalance(page(), EVM_NET, 'mUSD')).toBe(before);
      // The other network is unaffected; reopening the popup paints the cached state at once.
      await expect.poll(() => page().locator(`[data-network="${SOL_NET}"] [data-testid="network-error"]`).count()).toBe(0);
      await page().reload();
      await page().locator(`[data-network="${EVM_NET}"] [data-symbol="mUSD"] [data-testid="asset-amount"]`).waitFor();
      expect(await shownBalance(page(), EVM_NET, 'mUSD')).toBe(before);
      await shot('ui-home-rpc-failing-en');
    } finally {
      rig.evmProxy.state.failing = false;
    }
  });
});
