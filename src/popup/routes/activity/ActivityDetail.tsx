import type { ActivityView, AddressBookEntry } from '../../../shared/types';
import { CopyButton } from '../../components/CopyButton';
import { STATUS_KEYS } from '../../components/TxStatus';
import { formatAmount, formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { directionKey } from './rows';

/** One transaction in full: time, amounts at full precision, fee, the other side with its address-book name. */
export function ActivityDetail({ tx, book, onBack }: { tx: ActivityView; book: readonly AddressBookEntry[]; onBack: () => void }) {
  const t = useT();
  const locale = useLocale();
  const name = book.find((e) => e.address.toLowerCase() === tx.counterparty.toLowerCase())?.name;
  const feePaid = BigInt(tx.fee) > 0n;
  return (
    <main data-testid="activity-detail">
      <h1>{t(directionKey(tx))}</h1>
      {tx.poisoning && <p className="warning" role="alert" data-testid="detail-poisoning">{t('poisoningMark')}</p>}
      {tx.unlisted && <p className="warning" data-testid="detail-unlisted">{t('unlistedToken')}</p>}
      <dl className="details">
        <dt>{t('amount')}</dt>
        <dd data-testid="detail-amount">{formatAmount(tx.amount, tx.decimals, locale).full} {tx.symbol}{tx.token ? ` (${tx.token})` : ''}</dd>
        <dt>{t('time')}</dt><dd data-testid="detail-time">{formatDateTime(tx.createdAt, locale)}</dd>
        <dt>{t('network')}</dt><dd>{tx.networkName}</dd>
        <dt>{tx.direction === 'in' ? t('detailFrom') : t('detailTo')}</dt>
        <dd data-testid="detail-counterparty">
          {name && <strong data-testid="detail-counterparty-name">{name} </strong>}
          <code className="address">{tx.counterparty || t('detailUnknown')}</code>
          {tx.counterparty && <CopyButton text={tx.counterparty} label={t('detailCounterpartyAddress')} />}
        </dd>
        <dt>{t('detailFee')}</dt>
        <dd data-testid="detail-fee">{feePaid ? `${formatAmount(tx.fee, tx.feeDecimals, locale).full} ${tx.feeSymbol}` : t('detailFeeNotYours')}</dd>
        <dt>{t('detailStatus')}</dt><dd>{t(STATUS_KEYS[tx.status])}</dd>
        {tx.block !== undefined && <><dt>{t('detailBlock')}</dt><dd>{tx.block}</dd></>}
        <dt>{t('detailHash')}</dt>
        <dd><code className="address" data-testid="detail-hash">{tx.id}</code> <CopyButton text={tx.id} label={t('detailHash')} /></dd>
        {tx.origin && <><dt>{t('detailSite')}</dt><dd>{tx.origin}</dd></>}
      </dl>
      {tx.explorerUrl && <a href={tx.explorerUrl} target="_blank" rel="noreferrer noopener">{t('viewOnExplorer')}</a>}
      <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
    </main>
  );
}
