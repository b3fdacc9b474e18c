// What the popup shows for a network whose RPCs fail (issue 9 fault rig): an offline notice over the cached balances.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NetworkCard } from '../../../src/popup/components/NetworkCard';
import { LocaleContext, type Locale } from '../../../src/popup/i18n';
import type { NetworkPortfolio } from '../../../src/shared/types';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const net = (over: Partial<NetworkPortfolio>): NetworkPortfolio => ({
  networkId: 'eip155:31337', name: 'Localnet', family: 'evm', testnet: true, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', at: NOW - 5 * 60_000,
  assets: [{ networkId: 'eip155:31337', symbol: 'ETH', name: 'Ether', decimals: 18, amount: '10000000000000000000000' }],
  ...over,
});
const render = (n: NetworkPortfolio, locale: Locale = 'en') => {
  const html = renderToStaticMarkup(createElement(LocaleContext.Provider, { value: locale }, createElement(NetworkCard, { net: n, refreshing: false, now: NOW, showFiat: false })));
  const text = (id: string) => html.match(new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`))?.[1] ?? null;
  return { html, error: text('network-error'), age: text('data-age'), offline: /data-offline="true"/.test(html), amount: /data-testid="asset-amount"/.test(html) };
};

describe('NetworkCard with a failing network', () => {
  it('every RPC failed (1104), balances cached: an offline notice, the age, the cached amount', () => {
    const r = render(net({ error: { code: 1104, message: 'All RPC endpoints failed' } }));
    expect([r.error, r.offline, r.amount]).toEqual(['Offline: network unreachable (no RPC server answers). Showing the last known balances.', true, true]);
    expect(r.age).toMatch(/^Updated 5 min/);
    const zh = render(net({ error: { code: 1104, message: 'All RPC endpoints failed' } }), 'zh_CN');
    expect(zh.error).toBe('离线：无法连接网络（没有 RPC 服务器响应）。显示的是最近一次的余额。');
  });

  it('offline with nothing cached does not claim to show last known balances', () => {
    const r = render(net({ at: null, error: { code: 1104, message: 'All RPC endpoints failed' }, assets: [{ networkId: 'eip155:31337', symbol: 'ETH', name: 'Ether', decimals: 18, amount: null }] }));
    expect([r.error, r.age, r.offline, r.amount]).toEqual(['Offline: network unreachable (no RPC server answers). Balances will show when it answers again.', null, true, false]);
    expect(render(net({ at: null, error: { code: 1104, message: 'x' } }), 'zh_CN').error).toBe('离线：无法连接网络（没有 RPC 服务器响应）。网络恢复后将显示余额。');
  });

  it('an RPC of another chain (1103) says so; other errors keep the short reason', () => {
    expect(render(net({ error: { code: 1103, message: 'No RPC URL of this network serves it' } })).error)
      .toBe('Could not update: its RPC server serves another network. Showing the last known balances.');
    expect(render(net({ error: { code: 1103, message: 'x' } }), 'zh_CN').error).toBe('更新失败：其 RPC 服务器属于另一个网络。显示的是最近一次的余额。');
    const other = render(net({ at: null, error: { code: 1105, message: 'x' } }));
    expect([other.error, other.offline]).toEqual(['Could not load: The network answered with an error.', false]);
  });
});
