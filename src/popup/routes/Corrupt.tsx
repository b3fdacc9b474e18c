import { useT } from '../i18n';

export function Corrupt({ reason, onRestore }: { reason?: string; onRestore: () => void }) {
  const t = useT();
  return (
    <main>
      <h1>{t('corruptTitle')}</h1>
      <div className="error" role="alert">{reason}</div>
      <p className="hint">{t('corruptHint')}</p>
      <button type="button" onClick={onRestore}>{t('restoreFromPhrase')}</button>
    </main>
  );
}
