import { useId, useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Erase everything on this device, only after the user typed the confirmation word. */
export function ResetWallet() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const word = t('resetWord');
  if (!open) return <button type="button" className="danger" onClick={() => setOpen(true)}>{t('resetWallet')}</button>;
  return (
    <form className="card danger-zone" onSubmit={(e) => {
      e.preventDefault();
      if (typed.trim() !== word) return;
      rpc.call('resetWallet', { confirm: true }).then(() => location.reload(), setError);
    }}>
      <p className="warn danger">{t('resetHint')}</p>
      <label htmlFor={`${id}-c`}>{t('resetType', { word })}</label>
      <input id={`${id}-c`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      <ErrorText error={error !== null ? errorText(t, error) : null} />
      <div className="row">
        <button type="button" className="secondary" onClick={() => { setOpen(false); setTyped(''); }}>{t('cancel')}</button>
        <button type="submit" className="danger" disabled={typed.trim() !== word}>{t('resetWalletButton')}</button>
      </div>
    </form>
  );
}
