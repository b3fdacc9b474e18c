// The holdings chart (issue 11, item 2): one accessible SVG image (title + description with every share) and the
// same numbers in a table; nothing priced → a plain message, no empty chart.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ShareChart } from '../../../src/popup/components/ShareChart';
import { TabBar } from '../../../src/popup/components/TabBar';
import { LocaleContext, type Locale } from '../../../src/popup/i18n';

const render = (el: ReturnType<typeof createElement>, locale: Locale = 'en') => renderToStaticMarkup(createElement(LocaleContext.Provider, { value: locale }, el));

describe('ShareChart', () => {
  it('draws bars largest first, labels the image with every share, and lists the numbers in a table', () => {
    const html = render(createElement(ShareChart, { title: 'Holdings by asset (USD)', testId: 'c', items: [
      { key: 'a', label: 'USDC', usd: 250 }, { key: 'b', label: 'ETH', usd: 750 }, { key: 'z', label: 'DUST', usd: 0 },
    ] }));
    expect(html).toMatch(/<svg role="img" aria-labelledby="[^"]+-t [^"]+-d"/);
    expect(html.match(/<desc[^>]*>([^<]*)<\/desc>/)?.[1]).toBe('ETH: 75%, USDC: 25%');
    expect([...html.matchAll(/data-share="([^"]+)"/g)].map((m) => m[1])).toEqual(['75', '25']);
    expect([...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]))
      .toEqual([['ETH', '$750.00', '75%'], ['USDC', '$250.00', '25%']]);
  });

  it('with nothing priced says so and draws no chart (both languages)', () => {
    const en = render(createElement(ShareChart, { title: 'T', testId: 'c', items: [] }));
    expect(en).not.toContain('<svg');
    expect(en).toContain('Nothing priced to chart: the amounts are in the table.');
    expect(render(createElement(ShareChart, { title: 'T', testId: 'c', items: [] }), 'zh_CN')).toContain('没有可计价的持仓可绘图：数量见表格。');
  });
});

describe('TabBar', () => {
  it('is a tab list of Home, Activity, Overview, Settings with the current one selected and the only one in the tab order', () => {
    const html = render(createElement(TabBar, { current: 'overview', onSelect: () => undefined }));
    const tabs = [...html.matchAll(/<button id="tab-(\w+)" type="button" role="tab" aria-selected="(\w+)" tabindex="(-?\d)"[^>]*>([^<]+)<\/button>/g)].map((m) => [m[1], m[2], m[3], m[4]]);
    expect(tabs).toEqual([['main', 'false', '-1', 'Home'], ['activity', 'false', '-1', 'Activity'], ['overview', 'true', '0', 'Overview'], ['settings', 'false', '-1', 'Settings']]);
    expect(html).toContain('role="tablist"');
    expect(render(createElement(TabBar, { current: 'main', onSelect: () => undefined }), 'zh_CN')).toContain('>首页</button>');
  });
});
