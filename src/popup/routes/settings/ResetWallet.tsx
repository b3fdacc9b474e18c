import { useId, useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Erase the wallet from this device, only after the confirmation word and the password (its vaults are kept as backups). */
export function ResetWallet() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const word = t('resetWord');
  if (!open) return <button type="button" className="danger" onClick={() => setOpen(true)}>{t('resetWallet')}</button>;
  return (
    <form className="card danger-zone" onSubmit={(e) => {
      e.preventDefault();
      if (typed.trim() !== word || password.length === 0) return;
      rpc.call('resetWallet', { confirm: true, password }).then(() => location.reload(), setError);
    }}>
      <p className="warn danger">{t('resetHint')}</p>
      <label htmlFor={`${id}-c`}>{t('resetType', { word })}</label>
      <input id={`${id}-c`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-pw`}>{t('password')}</label>
      <input id={`${id}-pw`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <ErrorText error={error !== null ? errorText(t, error) : null} />
      <div className="row">
        <button type="button" className="secondary" onClick={() => { setOpen(false); setTyped(''); setPassword(''); }}>{t('cancel')}</button>
        <button type="submit" className="danger" disabled={typed.trim() !== word || password.length === 0}>{t('resetWalletButton')}</button>
      </div>
    </form>
  );
}
