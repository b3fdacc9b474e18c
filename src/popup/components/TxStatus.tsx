import { useEffect, useState } from 'react';
import type { ActivityView } from '../../shared/types';
import { errorText } from '../errorText';
import { DeliveryNotice } from './DeliveryNotice';
import { formatAmount, formatDateTime } from '../format';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';

export const STATUS_KEYS = {
  pending: 'statusPending', confirmed: 'statusConfirmed', failed: 'statusFailed', expired: 'statusExpired', replaced: 'statusReplaced', dropped: 'statusDropped',
} as const;
const POLL_MS = 1000;

/** Follows one transaction until it is final: confirmed / failed / expired (polled through the background). */
export function TxStatus({ initial, onDone }: { initial: ActivityView; onDone: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [tx, setTx] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (tx.status !== 'pending') return;
    const h = setTimeout(() => {
      rpc.call('trackTransaction', { networkId: tx.networkId, id: tx.id, from: tx.from }).then((v) => { setTx(v); setError(null); }, (e: unknown) => { setError(e); setTx({ ...tx }); });
    }, POLL_MS);
    return () => clearTimeout(h);
  }, [tx]);
  return (
    <section className="stack" aria-label={t('txStatus')}>
      <h1>{t('txStatus')}</h1>
      <p className={`status ${tx.status}`} role="status" data-testid="tx-status" data-status={tx.status}>
        {tx.status === 'pending' && <span className="spinner" aria-hidden="true" />} {t(STATUS_KEYS[tx.status])}
      </p>
      <dl className="kvs">
        <div className="kv"><dt className="k">{t('network')}</dt><dd className="v">{tx.networkName}</dd></div>
        <div className="kv"><dt className="k">{t('amount')}</dt><dd className="v">{formatAmount(tx.amount, tx.decimals, locale).full} {tx.symbol}</dd></div>
        <div className="kv col"><dt className="k">{t('to')}</dt><dd className="v mono">{tx.to}</dd></div>
        <div className="kv"><dt className="k">{t('time')}</dt><dd className="v">{formatDateTime(tx.createdAt, locale)}</dd></div>
        <div className="kv col"><dt className="k">{t('txId')}</dt><dd className="v mono" data-testid="tx-id">{tx.id}</dd></div>
      </dl>
      <DeliveryNotice tx={tx} onChange={setTx} />
      {error !== null && <p className="hint">{errorText(t, error)}</p>}
      {tx.explorerUrl ? <a href={tx.explorerUrl} target="_blank" rel="noreferrer noopener" data-testid="explorer-link">{t('viewOnExplorer')}</a>
        : <p className="hint" data-testid="no-explorer">{t('noExplorer')}</p>}
      <button type="button" onClick={onDone}>{t('done')}</button>
    </section>
  );
}
