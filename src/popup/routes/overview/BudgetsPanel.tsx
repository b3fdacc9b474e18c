import { useState } from 'react';
import type { BudgetStatus, OverviewView } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { budgetAmount } from '../../format';
import { useLocale, useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Monthly budgets: per asset (an amount of it) or in USD; how much of each is used this month. */
export function BudgetsPanel({ view, onChange }: { view: OverviewView; onChange: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [asset, setAsset] = useState('usd');
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<unknown>(null);
  const assets = view.holdings.byAsset;
  const amountOf = (b: BudgetStatus, v: string) => budgetAmount(b.budget, v, locale);
  async function save(): Promise<void> {
    setError(null);
    try {
      const chosen = assets.find((a) => a.key === asset);
      if (asset === 'usd' || !chosen) await rpc.call('saveBudget', { kind: 'usd', limit });
      else {
        const token = chosen.key.split('|')[1];
        await rpc.call('saveBudget', { kind: 'asset', networkId: chosen.networkId, limit, ...(token && token !== 'native' ? { token } : {}) });
      }
      setLimit('');
      onChange();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section aria-labelledby="budgets-h">
      <h2 id="budgets-h">{t('budgets')}</h2>
      <ul className="plain-list">
        {view.budgets.map((b) => (
          <li key={b.budget.id} className="row between" data-testid="budget" data-over={String(b.over)}>
            <span>
              {b.budget.kind === 'usd' ? t('budgetUsd') : b.budget.symbol}: {t('budgetUsed', { spent: amountOf(b, b.spent), limit: amountOf(b, b.budget.limit) })}
              {b.over && <strong className="warning"> {t('budgetOver')}</strong>}
            </span>
            <button type="button" className="link" onClick={() => void rpc.call('removeBudget', { id: b.budget.id }).then(onChange, setError)}>{t('remove')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} className="row">
        <label>{t('budgetFor')}
          <select data-testid="budget-asset" value={asset} onChange={(e) => setAsset(e.target.value)}>
            <option value="usd">{t('budgetUsd')}</option>
            {assets.map((a) => <option key={a.key} value={a.key}>{a.symbol} · {a.networkName}</option>)}
          </select>
        </label>
        <label>{t('budgetLimit')}
          <input data-testid="budget-limit" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" disabled={!limit.trim()}>{t('save')}</button>
      </form>
      {error !== null && <ErrorText error={errorText(t, error)} />}
    </section>
  );
}
