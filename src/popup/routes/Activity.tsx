import { useEffect, useState } from 'react';
import type { ActivityView, AddressBookEntry, HistorySyncStatus } from '../../shared/types';
import { ErrorText } from '../components/ErrorText';
import { Loading } from '../components/Status';
import { DeliveryNotice } from '../components/DeliveryNotice';
import { STATUS_KEYS } from '../components/TxStatus';
import { errorText } from '../errorText';
import { formatAmount, formatDateTime, shortAddress } from '../format';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';
import { ActivityDetail } from './activity/ActivityDetail';
import { applyFilters, assetOptions, directionKey, type ActivityFilters, type DirectionFilter } from './activity/rows';

const POLL_MS = 1500;
/** Sync passes one opening of Activity may run (each reads further back; the next opening goes on). */
const MAX_PASSES = 20;

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

/**
 * The account's transactions, newest first: its own sends (pending ones polled while this view is open) and what the
 * records sync found on chain (receipts, and sends made elsewhere), with filters and a detail view.
 */
export function Activity({ filter, only, onBack }: { filter: string; /** Only these transactions (a dapp's batch). */ only?: readonly string[]; onBack: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [list, setList] = useState<ActivityView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [sync, setSync] = useState<HistorySyncStatus[] | null>(null);
  const [syncing, setSyncing] = useState(true);
  const [filters, setFilters] = useState<ActivityFilters>({ network: filter, asset: 'all', direction: 'all' });
  const [open, setOpen] = useState<ActivityView | null>(null);
  const [book, setBook] = useState<AddressBookEntry[]>([]);

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
  // The records sync: passes until every network is read to its start (or a pass fails), the list refreshed after each.
  useEffect(() => {
    let live = true;
    void (async () => {
      setSync(await rpc.call('syncActivity', { status: true }).catch(() => null));
      for (let i = 0; i < MAX_PASSES && live; i++) {
        const s = await rpc.call('syncActivity', {}).catch(() => null);
        if (!live || !s) break;
        setSync(s);
        setTick((x) => x + 1);
        if (s.every((n) => n.complete || n.error)) break;
      }
      if (live) setSyncing(false);
    })();
    void rpc.call('listAddressBook', {}).then((b) => live && setBook(b), () => undefined);
    return () => { live = false; };
  }, []);

  if (open) return <ActivityDetail tx={open} book={book} onBack={() => setOpen(null)} />;
  const shown = list ? applyFilters(list, filters, only) : [];
  const set = (patch: Partial<ActivityFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const noNative = sync?.filter((s) => s.nativeIncomingUnknown && (filters.network === 'all' || s.networkId === filters.network)).map((s) => s.networkName) ?? [];
  return (
    <main>
      <h1>{t('activity')}</h1>
      {only && <p className="hint" data-testid="batch-activity">{t('batchActivity')}</p>}
      {!only && (
        <div className="filters" role="group" aria-label={t('activityFilters')}>
          <label>{t('network')}
            <select data-testid="activity-filter-network" value={filters.network} onChange={(e) => set({ network: e.target.value, asset: 'all' })}>
              <option value="all">{t('allNetworks')}</option>
              {(sync ?? []).map((n) => <option key={n.networkId} value={n.networkId}>{n.networkName}</option>)}
            </select>
          </label>
          <label>{t('filterAsset')}
            <select data-testid="activity-filter-asset" value={filters.asset} onChange={(e) => set({ asset: e.target.value })}>
              <option value="all">{t('allAssets')}</option>
              {assetOptions(list ?? [], filters.network).map((a) => <option key={a.key} value={a.key}>{a.label}</option>)}
            </select>
          </label>
          <label>{t('filterDirection')}
            <select data-testid="activity-filter-direction" value={filters.direction} onChange={(e) => set({ direction: e.target.value as DirectionFilter })}>
              <option value="all">{t('directionAll')}</option>
              <option value="in">{t('received')}</option>
              <option value="out">{t('sent')}</option>
            </select>
          </label>
        </div>
      )}
      <div role="status" className="hint" data-testid="activity-sync" data-syncing={String(syncing)}>
        {syncing ? t('historySyncing') : (sync ?? []).filter((s) => s.error).map((s) => t('historyError', { network: s.networkName })).join(' ')}
      </div>
      {noNative.length > 0 && !only && <p className="hint" data-testid="native-incoming-note">{t('nativeIncomingNote', { networks: noNative.join(', ') })}</p>}
      {list === null && error === null && <Loading />}
      {error !== null && <ErrorText error={errorText(t, error)} />}
      {list && shown.length === 0 && <p className="hint">{t('noActivity')}</p>}
      <ul className="activity">
        {shown.map((a) => (
          <li key={`${a.networkId}|${a.key}`} className="card" data-testid="activity-item" data-status={a.status} data-txid={a.id}
            data-direction={a.direction} data-source={a.source} {...(a.poisoning ? { 'data-poisoning': 'true' } : {})}>
            <div className="row between">
              <strong>{t(directionKey(a))} <span data-testid="activity-amount" data-base-units={a.amount}>{a.direction === 'in' ? '+' : ''}{formatAmount(a.amount, a.decimals, locale).full} {a.symbol}</span></strong>
              <span className={`status ${a.status}`} data-testid="activity-status">{t(STATUS_KEYS[a.status])}</span>
            </div>
            <div className="hint">
              {a.direction === 'in' ? t('fromAddress', { address: a.counterparty ? shortAddress(a.counterparty) : t('detailUnknown') }) : t('toAddress', { address: shortAddress(a.counterparty) })} · {a.networkName}
            </div>
            {a.poisoning && <div className="warning" data-testid="activity-poisoning">{t('poisoningShort')}</div>}
            {a.unlisted && <div className="hint" data-testid="activity-unlisted">{t('unlistedShort')}</div>}
            <div className="hint">{formatDateTime(a.createdAt, locale)}</div>
            {a.origin && <div className="hint" data-testid="activity-origin">{t('requestedBy', { origin: a.origin })}</div>}
            <DeliveryNotice tx={a} onChange={(v) => setList((l) => l?.map((x) => (x.networkId === v.networkId && x.key === v.key ? v : x)) ?? l)} />
            <button type="button" className="link" data-testid="activity-details" onClick={() => setOpen(a)}>{t('details')}</button>
            {a.explorerUrl && <a href={a.explorerUrl} target="_blank" rel="noreferrer noopener">{t('viewOnExplorer')}</a>}
          </li>
        ))}
      </ul>
      {list && list.length > 0 && <button type="button" className="secondary" data-testid="export-csv" onClick={() => void exportCsv().catch(setError)}>{t('exportCsv')}</button>}
      <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
    </main>
  );
}
