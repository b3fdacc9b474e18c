import { useT } from '../../i18n';

/** Above the request when more than one waits: "Request 1 of 5" and "Reject all". */
export function QueueHeader({ total, disabled, onRejectAll }: { total: number; disabled: boolean; onRejectAll: () => void }) {
  const t = useT();
  if (total < 2) return null;
  return (
    <div className="row">
      <span className="hint" role="status" data-testid="approval-queue">{t('approvalQueuePosition', { n: 1, total })}</span>
      <button type="button" className="secondary" disabled={disabled} onClick={onRejectAll}>{t('rejectAll')}</button>
    </div>
  );
}
