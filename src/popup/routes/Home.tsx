import { useEffect, useId, useRef, useState } from 'react';
import type { WalletState } from '../../shared/types';
import { AccountSwitcher } from '../components/AccountSwitcher';
import { ErrorText } from '../components/ErrorText';
import { NetworkCard } from '../components/NetworkCard';
import { Loading } from '../components/Status';
import { errorText } from '../errorText';
import { fiatValue, formatUsd } from '../format';
import { usePortfolio } from '../hooks/usePortfolio';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';

export type Nav = 'send' | 'receive' | 'activity' | 'settings';

export function Home({ state, filter, onFilter, onNav }: { state: WalletState; filter: string; onFilter: (f: string) => void; onNav: (v: Nav) => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { view, refreshing, error, refresh } = usePortfolio(state.selectedAccountId);
  const [actionError, setActionError] = useState<unknown>(null);
  const painted = useRef(false);
  useEffect(() => {
    if (view && !painted.current) {
      painted.current = true;
      requestAnimationFrame(() => performance.mark('portfolio-painted'));
    }
  }, [view]);
  const nets = view?.networks.filter((n) => filter === 'all' || n.networkId === filter) ?? [];
  // Only priced assets count; a test network or Localnet asset never has a price (the background's coinIdFor).
  const priced = nets.flatMap((n) => n.assets).filter((a) => a.amount !== null && a.priceUsd !== undefined);
  const total = priced.reduce((s, a) => s + fiatValue(a.amount!, a.decimals, a.priceUsd!), 0);

  return (
    <main className="home">
      <h1 className="visually-hidden">{t('homeHeading')}</h1>
      <header className="header">
        <AccountSwitcher state={state} onError={setActionError} />
        <div className="row nowrap">
          <button type="button" className="secondary" onClick={() => onNav('settings')}>{t('settings')}</button>
          <button type="button" className="secondary" onClick={() => rpc.call('lock', {}).catch(setActionError)}>{t('lock')}</button>
        </div>
      </header>
      <ErrorText error={actionError ? errorText(t, actionError) : null} />
      <section className="total" aria-label={t('portfolioTotal')}>
        {view?.prices.enabled && priced.length > 0
          ? <div className="big" data-testid="portfolio-total">{formatUsd(total, locale)}</div>
          : <div className="hint" data-testid="portfolio-total">{view?.prices.enabled ? t('noPrices') : t('pricesOff')}</div>}
      </section>
      <div className="row between">
        <label htmlFor={`${id}-filter`} className="inline">{t('networkFilter')}</label>
        <select id={`${id}-filter`} className="grow" value={filter} onChange={(e) => onFilter(e.target.value)}>
          <option value="all">{t('allNetworks')}</option>
          {view?.networks.map((n) => <option key={n.networkId} value={n.networkId}>{n.name}</option>)}
        </select>
        <button type="button" className="secondary" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing}>{refreshing ? t('refreshing') : t('refresh')}</button>
      </div>
      <nav className="actions" aria-label={t('actions')}>
        <button type="button" onClick={() => onNav('send')}>{t('send')}</button>
        <button type="button" onClick={() => onNav('receive')}>{t('receive')}</button>
        <button type="button" className="secondary" onClick={() => onNav('activity')}>{t('activity')}</button>
      </nav>
      {!view && !error && <Loading />}
      {!view && error !== null && <ErrorText error={errorText(t, error)} />}
      {view && nets.length === 0 && <p className="hint">{t('noNetworks')}</p>}
      {nets.map((n) => <NetworkCard key={n.networkId} net={n} refreshing={refreshing} now={Date.now()} showFiat={view?.prices.enabled ?? false} />)}
    </main>
  );
}
