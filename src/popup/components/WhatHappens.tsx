import type { WhatHappensView } from '../../shared/preview';
import { formatAmount, shortAddress } from '../format';
import { useLocale, useT } from '../i18n';

/**
 * "What happens": the simulated balance changes of the user's accounts, approvals granted, authority changes and a
 * failure, computed from the user's own RPC — or, plainly, that nothing was simulated and why.
 */
export function WhatHappens({ view }: { view: WhatHappensView | undefined }) {
  const t = useT();
  const locale = useLocale();
  if (!view) return null;
  if (!view.simulated) {
    return <section className="card what-happens" data-testid="what-happens" data-simulated="false">
      <h2>{t('whatHappens')}</h2>
      <p className="warn" data-testid="not-simulated">{t('notSimulated', { reason: view.reason })}</p>
    </section>;
  }
  const amount = (delta: string, decimals: number | null | undefined) => {
    const neg = delta.startsWith('-');
    const abs = neg ? delta.slice(1) : delta;
    return `${neg ? '−' : '+'}${decimals === null || decimals === undefined ? abs : formatAmount(abs, decimals, locale).full}`;
  };
  return (
    <section className="card what-happens" data-testid="what-happens" data-simulated="true">
      <h2>{t('whatHappens')}</h2>
      {view.willFail !== undefined && <p className="warn danger" role="alert" data-testid="will-fail">{t('willFail', { reason: view.willFail })}</p>}
      {view.willFail === undefined && view.changes.length === 0 && !view.approvals?.length && !view.authority?.length
        && <p className="hint" data-testid="no-changes">{t('noBalanceChanges')}</p>}
      <ul className="changes">
        {view.changes.map((c, i) => (
          <li key={`c${i}`} data-testid="balance-change" data-delta={c.delta} data-token={c.token ?? 'native'} className={c.delta.startsWith('-') ? 'out' : 'in'}>
            <span className="amount">{amount(c.delta, c.asset === 'nft' ? null : c.decimals)} {c.asset === 'nft' ? `NFT #${c.tokenId ?? ''}` : (c.symbol ?? shortAddress(c.token ?? ''))}</span>
            <span className="hint"> · {shortAddress(c.account)}</span>
          </li>
        ))}
        {view.approvals?.map((a, i) => (
          <li key={`a${i}`} className="approval-grant" data-testid="approval-grant">
            {a.kind === 'nft-all'
              ? t(a.amount === 'revoked' ? 'grantAllRevoked' : 'grantAll', { spender: shortAddress(a.spender), token: shortAddress(a.token) })
              : t('grantSpend', { spender: shortAddress(a.spender), amount: a.amount === 'unlimited' ? t('unlimited') : a.amount, token: a.symbol ?? shortAddress(a.token) })}
          </li>
        ))}
        {view.authority?.map((a, i) => (
          <li key={`o${i}`} className="warn danger" data-testid="authority-change">
            {t(a.kind === 'owner' ? 'authorityOwner' : a.kind === 'delegate' ? 'authorityDelegate' : a.kind === 'close-authority' ? 'authorityClose' : 'authorityAssign',
              { account: shortAddress(a.account), to: a.to ? shortAddress(a.to) : '—' })}
          </li>
        ))}
      </ul>
      <p className="hint" data-testid="simulated-at">{t(view.engine === 'simulateTransaction' ? 'simulatedAtSlot' : 'simulatedAtBlock', { at: view.at, host: view.rpcHost })}</p>
    </section>
  );
}
