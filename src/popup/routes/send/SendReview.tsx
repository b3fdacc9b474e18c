import { useState } from 'react';
import type { ActivityView, SendPreview } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { WhatHappens } from '../../components/WhatHappens';
import { errorText } from '../../errorText';
import { budgetAmount, formatAmount } from '../../format';
import { useLocale, useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Everything that will happen, with full addresses and exact amounts; "Confirm" signs and broadcasts. */
export function SendReview({ preview, onBack, onSent }: { preview: SendPreview; onBack: () => void; onSent: (a: ActivityView) => void }) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Confirm re-simulates on a newer block: a changed result comes back as 1114 with the new preview, shown here; the
  // user confirms again (the error text above the buttons says why).
  const [whatHappens, setWhatHappens] = useState(preview.whatHappens);
  const [interrupted, setInterrupted] = useState(false);
  const full = (l: { amount: string; decimals: number; symbol: string }) => `${formatAmount(l.amount, l.decimals, locale).full} ${l.symbol}`;
  const tierName = t(preview.feeTier === 'slow' ? 'tierSlow' : preview.feeTier === 'normal' ? 'tierNormal' : 'tierFast');
  return (
    <section className="stack review" aria-label={t('reviewTitle')}>
      <h1>{t('reviewTitle')}</h1>
      <WhatHappens view={whatHappens} />
      <dl className="kvs">
        <div className="kv"><dt className="k">{t('network')}</dt><dd className="v" data-testid="review-network">{preview.networkName}</dd></div>
        <div className="kv col"><dt className="k">{t('from')}</dt><dd className="v mono" data-testid="review-from">{preview.from}</dd></div>
        <div className="kv col"><dt className="k">{t('to')}</dt><dd className="v mono" data-testid="review-to">{preview.to}</dd></div>
        <div className="kv"><dt className="k">{t('amount')}</dt><dd className="v" data-testid="review-amount" data-base-units={preview.amount.amount}>{full(preview.amount)}</dd></div>
        <div className="kv"><dt className="k">{t('fee')} · {tierName}</dt><dd className="v" data-testid="review-fee" data-base-units={preview.fee.amount}>{full(preview.fee)}</dd></div>
        <div className="kv"><dt className="k">{t('total')}</dt>
          <dd className="v" data-testid="review-total">{preview.total.map((l) => <div key={l.symbol}>{full(l)}</div>)}</dd></div>
        {preview.tokenTransferFee && preview.recipientReceives && <>
          <div className="kv"><dt className="k">{t('tokenTransferFee')}</dt><dd className="v" data-testid="review-token-fee" data-base-units={preview.tokenTransferFee.amount}>{full(preview.tokenTransferFee)}</dd></div>
          <div className="kv"><dt className="k">{t('recipientReceives')}</dt><dd className="v" data-testid="review-receives" data-base-units={preview.recipientReceives.amount}>{full(preview.recipientReceives)}</dd></div>
        </>}
      </dl>
      {preview.tokenTransferFee && preview.recipientReceives && preview.tokenTransferFee.amount !== '0' && (
        <p className="warn" role="alert">{t('tokenTransferFeeWarn', { fee: full(preview.tokenTransferFee), receives: full(preview.recipientReceives) })}</p>
      )}
      {preview.createsRecipientAccount && <p className="warn">{t('createsTokenAccount')}</p>}
      {preview.budgetWarnings?.map((w) => {
        const show = (v: string) => budgetAmount(w.budget, v, locale);
        return (
          <p key={w.budget.id} className="warn" role="alert" data-testid="review-budget-warning">
            {t('budgetWarning', { after: show(w.after), limit: show(w.limit), spent: show(w.spent) })}
          </p>
        );
      })}
      <ErrorText error={interrupted ? t('sendInterrupted') : error !== null ? errorText(t, error) : null} />
      <div className="row sticky">
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>{t('back')}</button>
        <button type="button" disabled={busy || interrupted} aria-busy={busy} onClick={() => {
          setBusy(true); setError(null);
          rpc.call('confirmSend', { draftId: preview.draftId }).then(onSent, (e: unknown) => {
            const changed = (e as { code?: number; data?: { whatHappens?: SendPreview['whatHappens'] } }).code === 1114 ? (e as { data?: { whatHappens?: SendPreview['whatHappens'] } }).data?.whatHappens : undefined;
            if (changed) setWhatHappens(changed);
            // The worker stopped while sending: the transfer may be signed, recorded, even sent. Never invite a second
            // payment: point to Activity (where it shows, with Retry when needed), and this review is done.
            if ((e as { code?: number }).code === 4900) setInterrupted(true);
            setError(e); setBusy(false);
          });
        }}>{busy ? t('sending') : t('confirm')}</button>
      </div>
    </section>
  );
}
