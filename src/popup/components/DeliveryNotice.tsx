import { useState } from 'react';
import type { ActivityView } from '../../shared/types';
import { errorText } from '../errorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';

/**
 * A transaction no RPC confirmed receiving: say so, and offer "Retry", which re-sends the same signed bytes (same
 * nonce / signature), so it can never pay twice.
 */
export function DeliveryNotice({ tx, onChange }: { tx: ActivityView; onChange: (v: ActivityView) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (tx.delivery !== 'unconfirmed' && !tx.canRetry) return null;
  return (
    <div className="stack" data-testid="delivery-notice">
      {tx.delivery === 'unconfirmed' && <p className="hint warning" role="status">{t('deliveryUnconfirmed')}</p>}
      {tx.canRetry && (
        <button type="button" className="secondary" disabled={busy} data-testid="retry-send" onClick={() => {
          setBusy(true);
          rpc.call('retryTransaction', { networkId: tx.networkId, id: tx.id, from: tx.from })
            .then((v) => { setError(null); onChange(v); }, (e: unknown) => setError(e))
            .finally(() => setBusy(false));
        }}>{t('retrySameTransaction')}</button>
      )}
      {error !== null && <p className="hint" role="alert" data-testid="retry-error">{errorText(t, error)}</p>}
    </div>
  );
}
