import { useId, useState } from 'react';
import type { PasskeyInfo } from '../../shared/types';
import { ErrorText } from '../components/ErrorText';
import { useT } from '../i18n';
import { b64, fromB64, passkeyPrf } from '../passkey';
import { rpc } from '../rpc';
import { passkeyErrorText } from './settings/PasskeyPanel';

/** The passkey first when one is set up; the password form is always there. */
export function Unlock({ onRestore, passkey }: { onRestore: () => void; passkey?: PasskeyInfo }) {
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

  async function unlockWithPasskey(p: PasskeyInfo) {
    setBusy(true); setError(null);
    try {
      const prf = await passkeyPrf(fromB64(p.credentialId), fromB64(p.prfSalt));
      try { await rpc.call('unlockWithPasskey', { credentialId: p.credentialId, prf: b64(prf) }); } finally { prf.fill(0); }
    } catch (err) {
      setError(passkeyErrorText(t, err));
      setCorrupt((err as { code?: number }).code === 1002);
    } finally { setBusy(false); }
  }

  return (
    <main>
      <h1>{t('welcomeBack')}</h1>
      {passkey && <button type="button" disabled={busy} onClick={() => void unlockWithPasskey(passkey)}>{t('unlockWithPasskey')}</button>}
      <p className="hint">{t(passkey ? 'unlockHintPasskey' : 'unlockHint')}</p>
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
