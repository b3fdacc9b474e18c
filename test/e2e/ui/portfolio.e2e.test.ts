/**
 * Home / portfolio, prices, receive, i18n and quality end to end: exact balances against the chains, no fiat on the
 * Localnets, fiat for a mainnet (the dev chain behind a chain-id proxy) from a local price endpoint asked by coin ids
 * only, prices off, the language switch to 简体中文 with no English left
 * (screenshots of home, send review and receive in both languages), no overflow at 360×600, accessible names, and a
 * failing RPC that keeps showing the cached balances with its age and a short error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createPublicClient, erc20Abi, http, type Address } from 'viem';
import { Connection, PublicKey } from '@solana/web3.js';
import { EVM_DEMO_ACCOUNTS, EVM_DEMO_USD, SOLANA_DEMO_ACCOUNTS } from '../../../scripts/chains/index';
import { expectNoOverflow, popupCall } from '../../fixtures/popup';
import { contrasts, textLines } from '../helpers/layout';
import { fiatValue, formatUsd } from '../../../src/popup/format';
import { englishWords, shownBalance, startChainIdProxy, startRecordingProxy } from './helpers';
import { EVM_NET, PRICES, SHOTS, SOL_NET, homeSettled, reviewEnabled, startUiRig, type UiRig } from './setup';

let rig: UiRig;
const page = () => rig.page;
const MAINNET = 'eip155:1';
const ALLOWED = ['Meridian', 'Solana Localnet', 'Localnet', 'mUSD22', 'mUSD', 'mWETH', 'ETH', 'SOL', 'EVM', 'API', 'RPC', 'ID', 'Ether', 'Solana',
  'Meridian Demo USD (Token-2022)', 'Meridian Demo USD (SPL)', 'Meridian Demo USD', 'Meridian Demo WETH', 'English', 'USD'];

beforeAll(async () => { rig = await startUiRig(); });
afterAll(async () => { await rig?.stop(); });

const noOverflow = () => expectNoOverflow(page());
async function shot(name: string, fullPage = false): Promise<void> {
  await page().screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage });
}

describe('home', () => {
  it('shows exact balances of every network read independently from the chains, and no fiat value on the Localnets', async () => {
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
    // Localnet coins and demo tokens are never priced as mainnet assets (Localnet ETH once showed about $20 million):
    // no fiat on any asset, no total, and nothing to ask the price API. The next test prices a mainnet.
    expect(await page().locator('.fiat').count()).toBe(0);
    expect(await page().getByTestId('portfolio-total').textContent()).toBe('No prices yet');
    expect(rig.prices.requests).toEqual([]);
    await noOverflow();
    await shot('ui-home-en');
  });

  it('a mainnet next to the Localnets: only its assets have fiat values and the total counts only them', async () => {
    // The dev chain seen as chain 1 stands in for Ethereum Mainnet (its ETH is priced at PRICES.ethereum).
    const mainnet = await startChainIdProxy(rig.chains.evm.url, 1);
    try {
      await popupCall(page(), 'setNetworkRpcUrls', { networkId: MAINNET, rpcUrls: [mainnet.url] });
      await popupCall(page(), 'setNetworkEnabled', { networkId: MAINNET, enabled: true });
      await page().reload();
      await homeSettled(page());
      await page().locator(`[data-network="${MAINNET}"] [data-symbol="ETH"] [data-testid="asset-amount"]`).waitFor();
      const eth = await shownBalance(page(), MAINNET, 'ETH');
      expect(eth).toBe(await createPublicClient({ transport: http(rig.chains.evm.url) }).getBalance({ address: EVM_DEMO_ACCOUNTS[0] as Address }));
      const usd = formatUsd(fiatValue(eth.toString(), 18, PRICES.ethereum), 'en');
      expect(await page().locator('.fiat').allTextContents()).toEqual([usd]);
      expect(await page().locator(`[data-network="${MAINNET}"] [data-symbol="ETH"] .fiat`).textContent()).toBe(usd);
      expect(await page().getByTestId('portfolio-total').textContent()).toBe(usd);
      // Only mainnet coin ids were asked for (never an address, never for a Localnet).
      expect(rig.prices.requests.map((r) => new URL(r, 'http://x').searchParams.get('ids'))).toEqual(['dai,ethereum,tether,usd-coin,weth']);
    } finally {
      await popupCall(page(), 'setNetworkEnabled', { networkId: MAINNET, enabled: false });
      await popupCall(page(), 'setNetworkRpcUrls', { networkId: MAINNET, rpcUrls: [] });
      await mainnet.stop();
      await page().reload();
      await homeSettled(page());
    }
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
  it('home, send, receive, settings, activity and overview', async () => {
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
    // Activity and Overview, opened from the tab bar.
    await page().getByTestId('tab-activity').click();
    await page().locator('[data-testid="activity-sync"][data-syncing="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page().getByTestId('activity-item').first().waitFor();
    expect(await unnamed()).toEqual([]);
    await noOverflow();
    await page().getByTestId('tab-overview').click();
    await page().getByTestId('overview-month').waitFor();
    expect(await unnamed()).toEqual([]);
    await noOverflow();
    await page().getByTestId('tab-main').click();
    await homeSettled(page());
  });
  it('every enabled control of home, send, receive, settings, activity and overview is reached with Tab (radio groups and the tab list once)', async () => {
    const unreached = async () => {
      // Count the controls of the loaded view, not of its loading state.
      await page().locator('[role="status"] .spinner').first().waitFor({ state: 'detached' });
      const total = await page().evaluate(() => {
        const groups = new Set<string>();
        const els = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')].filter((e) => {
          if ((e as HTMLButtonElement).disabled || e.getAttribute('type') === 'hidden' || e.getClientRects().length === 0) return false;
          // A tab list is one Tab stop too (the selected tab); arrows move between tabs.
          if (e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') !== 'true') return false;
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
    // Activity and Overview, opened from the tab bar.
    await page().getByTestId('tab-activity').click();
    await page().locator('[data-testid="activity-sync"][data-syncing="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page().getByTestId('activity-item').first().waitFor();
    expect(await unreached()).toEqual([]);
    await page().getByTestId('tab-overview').click();
    await page().getByTestId('overview-month').waitFor();
    expect(await unreached()).toEqual([]);
    await page().getByTestId('tab-main').click();
    await homeSettled(page());
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

describe('a wallet people choose: readable text, whole words, headings, dark mode (issue 11 item 5)', () => {
  const h1s = () => page().locator('h1').allTextContents();
  const bodyStyle = () => page().evaluate(() => {
    const s = getComputedStyle(document.body);
    return { background: s.backgroundColor, color: s.color };
  });

  it('body text is 14 px (Chromium sets 75 % on extension pages\' body, 10.5 px)', async () => {
    await homeSettled(page());
    const sizes = await page().evaluate(() => [document.body, document.querySelector('main label'), document.querySelector('main nav button'),
      document.querySelector('[data-testid="asset"] .hint')].map((e) => (e ? getComputedStyle(e).fontSize : 'missing')));
    expect(sizes).toEqual(['14px', '14px', '14px', '14px']);
  });

  it('at 360 px the Max button of Send reads on one line, in English and in 简体中文', async () => {
    await homeSettled(page());
    expect(await page().evaluate(() => document.documentElement.clientWidth)).toBe(360);
    try {
      for (const [lang, send, max] of [['en', 'Send', 'Max'], ['zh_CN', '发送', '最大']] as const) {
        await popupCall(page(), 'updateUiSettings', { language: lang });
        await page().reload();
        await homeSettled(page());
        await page().getByRole('button', { name: send, exact: true }).click();
        await page().getByRole('button', { name: max, exact: true }).waitFor();
        expect([lang, await textLines(page(), 'main', max)]).toEqual([lang, 1]);
      }
    } finally {
      await popupCall(page(), 'updateUiSettings', { language: 'en' });
      await page().reload(); // back on Home
      await homeSettled(page());
    }
  });

  it('Home, Settings and every settings page have exactly one h1', async () => {
    await homeSettled(page());
    expect(await h1s()).toEqual(['Home']);
    await page().getByRole('button', { name: 'Settings', exact: true }).click();
    await page().getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await h1s()).toEqual(['Settings']);
    for (const name of ['Networks', 'Tokens', 'Address book']) {
      await page().getByRole('button', { name, exact: true }).click();
      await page().getByRole('heading', { name, level: 1 }).waitFor();
      expect(await h1s()).toEqual([name]);
      await page().getByRole('button', { name: 'Back' }).last().click();
      await page().getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    }
    await page().getByRole('button', { name: 'Back' }).last().click();
    await homeSettled(page());
  });

  it('dark mode follows the system: dark background, light text, readable hints, cards, inputs, buttons and warnings', async () => {
    await homeSettled(page());
    expect(await bodyStyle()).toEqual({ background: 'rgb(255, 255, 255)', color: 'rgb(15, 23, 42)' });
    await page().emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await bodyStyle()).toEqual({ background: 'rgb(15, 23, 42)', color: 'rgb(226, 232, 240)' });
      // Samples of every kind of block the pages use (warnings and errors included), checked against WCAG AA (4.5:1).
      await page().evaluate(() => {
        const d = document.createElement('div');
        d.id = 'samples';
        d.innerHTML = `<p class="hint" id="s-hint">h</p><div class="card"><p id="s-card">c</p><p class="hint" id="s-card-hint">h</p>
          <span class="address" id="s-address">0xabc</span><div class="kv"><span class="k" id="s-k">k</span><span class="v">v</span></div></div>
          <input id="s-input" value="i"><textarea id="s-textarea">t</textarea><button id="s-button">b</button><button class="secondary" id="s-secondary">b</button>
          <button class="danger" id="s-danger-button">b</button><p class="warn" id="s-warn">w</p><p class="warn danger" id="s-danger">d</p>
          <div class="error" id="s-error">e</div><div class="ok" id="s-ok">o</div><span class="badge" id="s-badge">b</span>
          <p class="warning" id="s-warning">w</p><span class="tag" id="s-tag">t</span><div class="approval"><div class="origin" id="s-origin">o</div></div>`;
        document.body.append(d);
      });
      const c = await contrasts(page(), ['body', '[data-testid="network-card"] h2', '[data-testid="asset"] .hint', 'main select', 'main button.secondary',
        'main nav button:not(.secondary)', '#s-hint', '#s-card', '#s-card-hint', '#s-address', '#s-k', '#s-input', '#s-textarea', '#s-button', '#s-secondary',
        '#s-danger-button', '#s-warn', '#s-danger', '#s-error', '#s-ok', '#s-badge', '#s-warning', '#s-tag', '#s-origin']);
      expect(Object.entries(c).filter(([, ratio]) => ratio < 4.5)).toEqual([]);
      // Cards and fields stand apart from the page: their backgrounds are not the page's.
      const bgs = await page().evaluate(() => ['#s-input', '.card', '#s-warn'].map((s) => getComputedStyle(document.querySelector(s)!).backgroundColor));
      expect(bgs.filter((b) => b === 'rgb(15, 23, 42)' || b === 'rgb(255, 255, 255)' || b === 'rgba(0, 0, 0, 0)')).toEqual([]);
      await page().evaluate(() => document.getElementById('samples')!.remove());
      await shot('ui-home-dark-en');
    } finally {
      await page().emulateMedia({ colorScheme: 'light' });
    }
    expect(await bodyStyle()).toEqual({ background: 'rgb(255, 255, 255)', color: 'rgb(15, 23, 42)' });
  });
});

describe('every account in one refresh (issue 11 item 5)', () => {
  it('with a second account, one Home refresh reads both in exactly one HTTP request per chain, and the switcher shows each account\'s total', async () => {
    type Account = { id: string; name: string; evm: string; solana: string };
    type Call = { method: string; params: unknown[] };
    const mainnet = await startChainIdProxy(rig.chains.evm.url, 1);
    // Ethereum Mainnet is the dev chain seen as chain 1 (its ETH priced at PRICES.ethereum); the Localnets are never priced.
    const rec = {
      [EVM_NET]: await startRecordingProxy(rig.chains.evm.url),
      [MAINNET]: await startRecordingProxy(mainnet.url),
      [SOL_NET]: await startRecordingProxy(rig.chains.solana.url),
    };
    try {
      await popupCall(page(), 'addAccount', {});
      const { accounts } = await popupCall<{ accounts: Account[] }>(page(), 'getState', {});
      expect(accounts.map((a) => [a.name, a.evm, a.solana])).toEqual([
        ['Account 1', EVM_DEMO_ACCOUNTS[0], SOLANA_DEMO_ACCOUNTS[0]], ['Account 2', EVM_DEMO_ACCOUNTS[1], SOLANA_DEMO_ACCOUNTS[1]]]);
      for (const [networkId, r] of Object.entries(rec)) await popupCall(page(), 'setNetworkRpcUrls', { networkId, rpcUrls: [r.url] });
      await popupCall(page(), 'setNetworkEnabled', { networkId: MAINNET, enabled: true });
      await popupCall(page(), 'selectAccount', { id: accounts[0]!.id }); // adding an account selects it
      await page().reload();
      await homeSettled(page());
      await page().locator(`[data-network="${MAINNET}"] [data-symbol="ETH"] [data-testid="asset-amount"]`).waitFor();
      for (const r of Object.values(rec)) r.bodies.length = 0;

      await page().getByRole('button', { name: 'Refresh' }).click();
      await homeSettled(page());
      await page().getByRole('button', { name: 'Refresh', exact: true }).waitFor(); // "Refreshing…" until the refresh returned
      const seen = Object.fromEntries(Object.entries(rec).map(([networkId, r]) => {
        const calls = r.bodies.flatMap((b) => [JSON.parse(b) as Call | Call[]].flat());
        const text = r.bodies.join('\n').toLowerCase();
        const family = networkId === SOL_NET ? 'solana' : 'evm';
        // EVM addresses travel ABI-encoded (lower-case hex without 0x) inside the Multicall3 call data.
        const carries = accounts.filter((a) => text.includes(family === 'evm' ? a.evm.slice(2).toLowerCase() : a.solana.toLowerCase())).map((a) => a.name);
        return [networkId, { requests: r.bodies.length, methods: calls.map((c) => c.method), carries }];
      }));
      expect(seen).toEqual({
        [EVM_NET]: { requests: 1, methods: ['eth_call'], carries: ['Account 1', 'Account 2'] },
        [MAINNET]: { requests: 1, methods: ['eth_call'], carries: ['Account 1', 'Account 2'] },
        [SOL_NET]: { requests: 1, methods: ['getMultipleAccounts', ...Array(4).fill('getTokenAccountsByOwner')], carries: ['Account 1', 'Account 2'] },
      });
      const sol = rec[SOL_NET].bodies.flatMap((b) => [JSON.parse(b) as Call | Call[]].flat());
      expect(sol[0]!.params[0]).toEqual([SOLANA_DEMO_ACCOUNTS[0], SOLANA_DEMO_ACCOUNTS[1]]);

      // Each account's total: its mainnet ETH at the price (mainnet tokens it does not hold add nothing, Localnets never count).
      const chain = createPublicClient({ transport: http(rig.chains.evm.url) });
      const usd = await Promise.all(accounts.map(async (a) => fiatValue((await chain.getBalance({ address: a.evm as Address })).toString(), 18, PRICES.ethereum)));
      await page().getByTestId('account-switcher').click();
      const totals = page().getByTestId('account-total');
      await expect.poll(() => totals.count()).toBe(2);
      expect(await totals.evaluateAll((els) => els.map((e) => [e.getAttribute('data-usd'), e.textContent]))).toEqual(usd.map((v) => [String(v), formatUsd(v, 'en')]));
      await noOverflow();
      await page().keyboard.press('Escape');
    } finally {
      await popupCall(page(), 'setNetworkEnabled', { networkId: MAINNET, enabled: false });
      await popupCall(page(), 'setNetworkRpcUrls', { networkId: MAINNET, rpcUrls: [] });
      await popupCall(page(), 'setNetworkRpcUrls', { networkId: EVM_NET, rpcUrls: [rig.evmProxy.url] });
      await popupCall(page(), 'setNetworkRpcUrls', { networkId: SOL_NET, rpcUrls: [rig.chains.solana.url] });
      await Promise.all([mainnet.stop(), ...Object.values(rec).map((r) => r.stop())]);
      await page().reload();
      await homeSettled(page());
    }
  });
});
