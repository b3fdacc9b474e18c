import { useEffect, useState } from 'react';
import type { ActivityView } from '../../shared/types';
import { ErrorText } from '../components/ErrorText';
import { Loading } from '../components/Status';
import { DeliveryNotice } from '../components/DeliveryNotice';
import { STATUS_KEYS } from '../components/TxStatus';
import { errorText } from '../errorText';
import { formatAmount, formatDateTime, shortAddress } from '../format';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';

const POLL_MS = 1500;

/** Downloads the selected account's activity as CSV (built in the background; UTF-8 with BOM). */
async function exportCsv(): Promise<void> {
  const { csv, filename } = await rpc.call('exportActivityCsv', {});
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The account's own transactions, newest first; pending ones are polled while this view is open. */
export function Activity({ filter, only, onBack }: { filter: string; /** Only these transactions (a dapp's batch). */ only?: readonly string[]; onBack: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [list, setList] = useState<ActivityView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    rpc.call('listActivity', { poll: true }).then((l) => { if (live) { setList(l); setError(null); } }, (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [tick]);
  const pending = list?.some((a) => a.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const h = setTimeout(() => setTick((x) => x + 1), POLL_MS);
    return () => clearTimeout(h);
  }, [pending, list]);
  const shown = list?.filter((a) => (filter === 'all' || a.networkId === filter) && (!only || only.includes(a.id))) ?? [];
  return (
    <main>
      <h1>{t('activity')}</h1>
      {only && <p className="hint" data-testid="batch-activity">{t('batchActivity')}</p>}
      {list === null && error === null && <Loading />}
      {error !== null && <ErrorText error={errorText(t, error)} />}
      {list && shown.length === 0 && <p className="hint">{t('noActivity')}</p>}
      <ul className="activity">
        {shown.map((a) => (
          <li key={`${a.networkId}|${a.id}`} className="card" data-testid="activity-item" data-status={a.status} data-txid={a.id}>
            <div className="row between">
              <strong>{t('sent')} <span data-testid="activity-amount" data-base-units={a.amount}>{formatAmount(a.amount, a.decimals, locale).full} {a.symbol}</span></strong>
              <span className={`status ${a.status}`} data-testid="activity-status">{t(STATUS_KEYS[a.status])}</span>
            </div>
            <div className="hint">{t('toAddress', { address: shortAddress(a.to) })} · {a.networkName}</div>
            <div className="hint">{formatDateTime(a.createdAt, locale)}</div>
            {a.origin && <div className="hint" data-testid="activity-origin">{t('requestedBy', { origin: a.origin })}</div>}
            <DeliveryNotice tx={a} onChange={(v) => setList((l) => l?.map((x) => (x.networkId === v.networkId && x.id === v.id ? v : x)) ?? l)} />
            {a.explorerUrl && <a href={a.explorerUrl} target="_blank" rel="noreferrer noopener">{t('viewOnExplorer')}</a>}
          </li>
        ))}
      </ul>
      {list && list.length > 0 && <button type="button" className="secondary" data-testid="export-csv" onClick={() => void exportCsv().catch(setError)}>{t('exportCsv')}</button>}
      <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
    </main>
  );
}
