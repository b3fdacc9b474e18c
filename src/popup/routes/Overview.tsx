import { useEffect, useState } from 'react';
import type { OverviewView } from '../../shared/types';
import { ErrorText } from '../components/ErrorText';
import { Loading } from '../components/Status';
import { ShareChart } from '../components/ShareChart';
import { errorText } from '../errorText';
import { formatAmount, formatUsd, shortAddress } from '../format';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';
import { BudgetsPanel } from './overview/BudgetsPanel';

/**
 * The spending overview (issue 11, item 2): a month's sent, received and fees per asset and in USD at today's prices,
 * the top counterparties, holdings by chain and by asset, and monthly budgets. Also opens full-page in a tab.
 */
export function Overview({ fullPage }: { fullPage?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [view, setView] = useState<OverviewView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    rpc.call('getOverview', month ? { month } : {}).then((v) => { if (live) { setView(v); setError(null); } }, (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [month, tick]);
  /** In the tables the asset column names the unit, so the cells hold the number alone (exact). */
  const num = (v: string, decimals: number) => formatAmount(v, decimals, locale).full;
  return (
    <main className={fullPage ? 'full-page' : undefined}>
      <h1>{t('overview')}</h1>
      {!fullPage && <a href="popup.html?view=overview" target="_blank" rel="noreferrer" data-testid="overview-full-page">{t('openFullPage')}</a>}
      {view === null && error === null && <Loading />}
      {error !== null && <ErrorText error={errorText(t, error)} />}
      {view && (
        <>
          <label>{t('month')}
            <select data-testid="overview-month" value={view.month} onChange={(e) => setMonth(e.target.value)}>
              {view.months.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <section aria-labelledby="totals-h">
            <h2 id="totals-h">{t('monthTotals')}</h2>
            <p className="hint">{t('atTodaysPrices')}</p>
            <dl className="details" data-testid="overview-usd">
              <dt>{t('sent')}</dt><dd data-testid="usd-sent">{formatUsd(view.usd.sent, locale)}</dd>
              <dt>{t('received')}</dt><dd data-testid="usd-received">{formatUsd(view.usd.received, locale)}</dd>
              <dt>{t('detailFee')}</dt><dd data-testid="usd-fees">{formatUsd(view.usd.fees, locale)}</dd>
            </dl>
            {view.usd.unpriced > 0 && <p className="hint" data-testid="overview-unpriced">{t('overviewUnpriced', { count: view.usd.unpriced })}</p>}
            {view.nativeIncomingUnknown.length > 0 && <p className="hint">{t('nativeIncomingNote', { networks: view.nativeIncomingUnknown.join(', ') })}</p>}
            {view.assets.length === 0 ? <p className="hint">{t('noActivity')}</p> : (
              <table className="numbers" data-testid="overview-assets">
                <thead><tr><th scope="col">{t('filterAsset')}</th><th scope="col">{t('sent')}</th><th scope="col">{t('received')}</th><th scope="col">{t('detailFee')}</th></tr></thead>
                <tbody>
                  {view.assets.map((a) => (
                    <tr key={a.key} data-testid="overview-asset" data-key={a.key} data-sent={a.sent} data-received={a.received} data-fees={a.fees}>
                      <th scope="row">{a.symbol}<div className="hint">{a.networkName}</div></th>
                      <td>{num(a.sent, a.decimals)}{a.usd && <div className="hint">{formatUsd(a.usd.sent, locale)}</div>}</td>
                      <td>{num(a.received, a.decimals)}{a.usd && <div className="hint">{formatUsd(a.usd.received, locale)}</div>}</td>
                      <td>{num(a.fees, a.decimals)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="people-h">
            <h2 id="people-h">{t('topCounterparties')}</h2>
            <ol data-testid="overview-counterparties">
              {view.counterparties.map((c) => (
                <li key={`${c.networkId}|${c.address}`} data-address={c.address} data-count={c.count}>
                  {c.name ? <strong>{c.name} </strong> : null}<code title={c.address}>{shortAddress(c.address)}</code> · {t('transfersCount', { count: c.count })}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="holdings-h">
            <h2 id="holdings-h">{t('holdings')}</h2>
            <ShareChart testId="chart-by-chain" title={t('holdingsByChain')} items={view.holdings.byChain.filter((c) => c.usd !== undefined).map((c) => ({ key: c.networkId, label: c.name, usd: c.usd! }))} />
            <ShareChart testId="chart-by-asset" title={t('holdingsByAsset')} items={view.holdings.byAsset.filter((a) => a.usd !== undefined).map((a) => ({ key: a.key, label: `${a.symbol} · ${a.networkName}`, usd: a.usd! }))} />
            <table className="numbers" data-testid="holdings-table">
              <thead><tr><th scope="col">{t('filterAsset')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('valueUsd')}</th></tr></thead>
              <tbody>
                {view.holdings.byAsset.map((a) => (
                  <tr key={a.key}><th scope="row">{a.symbol}<div className="hint">{a.networkName}</div></th><td>{num(a.amount, a.decimals)}</td>
                    <td>{a.usd === undefined ? t('noPrice') : formatUsd(a.usd, locale)}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
          <BudgetsPanel view={view} onChange={() => setTick((x) => x + 1)} />
        </>
      )}
    </main>
  );
}
