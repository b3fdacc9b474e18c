import { useId, useState } from 'react';
import { ErrorText } from '../components/ErrorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';

export function Unlock({ onRestore }: { onRestore: () => void }) {
  const t = useT();
  const id = useId();
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [corrupt, setCorrupt] = useState(false);
  const [busy, setBusy] = useState(false);

  async function unlock(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try { await rpc.call('unlock', { password: pw }); setPw(''); } catch (err) {
      setError((err as Error).message);
      setCorrupt((err as { code?: number }).code === 1002);
    } finally { setBusy(false); }
  }

  return (
    <main>
      <h1>{t('welcomeBack')}</h1>
      <p className="hint">{t('unlockHint')}</p>
      <form onSubmit={unlock}>
        <label htmlFor={`${id}-pw`}>{t('password')}</label>
        <input id={`${id}-pw`} type="password" autoFocus autoComplete="current-password" value={pw} onChange={(e) => setPw(e.target.value)} />
        <ErrorText error={error} />
        <button type="submit" disabled={busy || !pw}>{t('unlock')}</button>
      </form>
      {corrupt && <button type="button" className="secondary" onClick={onRestore}>{t('restoreFromPhrase')}</button>}
    </main>
  );
}
