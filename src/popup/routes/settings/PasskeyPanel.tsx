import { useId, useState } from 'react';
import type { WalletState } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { useT, type MessageKey } from '../../i18n';
import { PasskeyPageError, b64, createPasskeyWithPrf } from '../../passkey';
import { rpc } from '../../rpc';

const PAGE_ERRORS: Record<PasskeyPageError['reason'], MessageKey> = {
  'no-prf': 'passkeyNoPrf', cancelled: 'passkeyCancelled', unsupported: 'passkeyUnsupported',
};

/** The text of a failed passkey step: the page's own refusals, else the background's coded error. */
export function passkeyErrorText(t: ReturnType<typeof useT>, e: unknown): string {
  return e instanceof PasskeyPageError ? t(PAGE_ERRORS[e.reason]) : errorText(t, e);
}

/**
 * Settings → Unlock with a passkey: set up (the password, then the passkey with PRF) or remove. The PRF output goes
 * to the background once, in the enrolment call, and is zeroed here after.
 */
export function PasskeyPanel({ state }: { state: WalletState }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pw, setPw] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const enrolled = state.passkey !== undefined;
  const removed = state.passkeyRemoved;

  async function enrol(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null); setOk(null);
    try {
      const { credentialId, prfSalt, prf } = await createPasskeyWithPrf('Meridian wallet');
      try {
        await rpc.call('enrolPasskey', { password: pw, credentialId: b64(credentialId), prfSalt: b64(prfSalt), prf: b64(prf) });
      } finally { prf.fill(0); }
      setPw(''); setOpen(false); setOk(t('passkeyEnrolled'));
    } catch (err) { setError(passkeyErrorText(t, err)); } finally { setBusy(false); }
  }

  async function remove() {
    setError(null); setOk(null);
    try { await rpc.call('removePasskey', {}); setOk(t('passkeyRemovedOk')); } catch (err) { setError(errorText(t, err)); }
  }

  return (
    <section className="card" aria-label={t('passkeyTitle')} data-testid="passkey-settings">
      <h2>{t('passkeyTitle')}</h2>
      <p className="hint">{t(enrolled ? 'passkeyOnHint' : 'passkeyHint')}</p>
      {removed && !enrolled && (
        <p className="warn" role="status" data-testid="passkey-removed-notice">
          {t(removed === 'password-changed' ? 'passkeyDroppedPassword' : removed === 'key-imported' ? 'passkeyDroppedImport' : 'passkeyDroppedVault')}
        </p>
      )}
      {enrolled && <button type="button" className="secondary" onClick={() => void remove()}>{t('passkeyRemove')}</button>}
      {!enrolled && !open && <button type="button" className="secondary" onClick={() => setOpen(true)}>{t('passkeySetUp')}</button>}
      {!enrolled && open && (
        <form onSubmit={(e) => void enrol(e)}>
          <label htmlFor={`${id}-pw`}>{t('password')}</label>
          <input id={`${id}-pw`} type="password" autoComplete="current-password" value={pw} onChange={(e) => setPw(e.target.value)} />
          <button type="submit" disabled={busy || !pw}>{t('passkeyContinue')}</button>
        </form>
      )}
      <ErrorText error={error} />
      {ok && <div className="ok" role="status">{ok}</div>}
    </section>
  );
}
