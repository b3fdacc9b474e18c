// The account switcher's total per account (issue 11 item 5): the USD total in the locale, or nothing when unpriced.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AccountTotal } from '../../../src/popup/components/AccountSwitcher';
import { LocaleContext, type Locale } from '../../../src/popup/i18n';
import type { AccountTotalsView } from '../../../src/shared/types';

const render = (total: AccountTotalsView['accounts'][number] | undefined, locale: Locale = 'en') =>
  renderToStaticMarkup(createElement(LocaleContext.Provider, { value: locale }, createElement(AccountTotal, { total })));

describe('AccountTotal', () => {
  it('a priced account shows its total with the exact figure in data-usd', () => {
    expect(render({ accountId: 'hd:0', usd: 3250.25, priced: true }))
      .toBe('<span class="account-total" data-testid="account-total" data-usd="3250.25">$3,250.25</span>');
    expect(render({ accountId: 'hd:1', usd: 1234567.5, priced: true }, 'zh_CN'))
      .toBe('<span class="account-total" data-testid="account-total" data-usd="1234567.5">$1,234,567.50</span>');
    // Priced assets holding nothing: a total of $0.00, not "no total".
    expect(render({ accountId: 'hd:2', usd: 0, priced: true })).toBe('<span class="account-total" data-testid="account-total" data-usd="0">$0.00</span>');
  });

  it('nothing when none of its assets is priced, or before the totals arrive', () => {
    expect(render({ accountId: 'imported:sol', priced: false })).toBe('');
    expect(render(undefined)).toBe('');
  });
});
