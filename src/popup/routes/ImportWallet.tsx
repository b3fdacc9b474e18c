import { useEffect, useId, useState } from 'react';
import { PasswordFields, passwordProblem } from '../components/PasswordFields';
import { ErrorText } from '../components/ErrorText';
import { errorText } from '../errorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';

/** Import (or restore over a damaged vault): the background validates the phrase as the user types. */
export function ImportWallet({ onBack, onDone, restore }: { onBack: () => void; onDone: () => void; restore?: boolean }) {
  const t = useT();
  const id = useId();
  const [phrase, setPhrase] = useState('');
  const [check, setCheck] = useState<{ ok: string } | { error: string } | null>(null);
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!phrase.trim()) { setCheck(null); return; }
    let live = true;
    const timer = setTimeout(() => {
      rpc.call('validatePhrase', { phrase }).then(
        (r) => live && setCheck({ ok: t('phraseOk', { n: r.wordCount, language: r.language.replace('_', ' ') }) }),
        (e: unknown) => live && setCheck({ error: errorText(t, e) }),
      );
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [phrase]); // t is stable for a render; re-validate only when the phrase changes

  async function submit() {
    setBusy(true); setError(null);
    try {
      await rpc.call('setupWallet', { phrase, password: pw, ...(restore ? { replaceExisting: true } : {}) });
      setPhrase('');
      onDone();
    } catch (e) { setError(errorText(t, e)); } finally { setBusy(false); }
  }

  return (
    <main>
      <h1>{restore ? t('restoreFromPhrase') : t('importTitle')}</h1>
      <p className="hint">{t('importHint')}</p>
      <label htmlFor={`${id}-phrase`}>{t('secretRecoveryPhrase')}</label>
      <textarea id={`${id}-phrase`} value={phrase} onChange={(e) => setPhrase(e.target.value)} autoComplete="off" spellCheck={false}
        aria-describedby={`${id}-check`} />
      <div id={`${id}-check`} aria-live="polite">
        {check && 'ok' in check && <div className="ok">{check.ok}</div>}
        {check && 'error' in check && <div className="error" role="alert" data-testid="phrase-error">{check.error}</div>}
      </div>
      <PasswordFields password={pw} confirm={confirm} onPassword={setPw} onConfirm={setConfirm} />
      <ErrorText error={error} />
      <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
      <button type="button" disabled={busy || !(check && 'ok' in check) || passwordProblem(pw, confirm) !== null} onClick={submit}>
        {t('importWalletButton')}
      </button>
    </main>
  );
}
