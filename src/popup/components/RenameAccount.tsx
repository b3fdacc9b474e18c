import { useId, useState } from 'react';
import { errorText } from '../errorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';
import { ErrorText } from './ErrorText';

/** Inline rename of one account (1 to 40 characters, checked again by the background). */
export function RenameAccount({ id: accountId, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<unknown>(null);
  const trimmed = value.trim();
  return (
    <form className="row nowrap" onSubmit={(e) => {
      e.preventDefault(); setError(null);
      rpc.call('renameAccount', { id: accountId, name: trimmed }).then(onDone, setError);
    }}>
      <label htmlFor={`${id}-name`} className="sr-only">{t('accountName')}</label>
      <input id={`${id}-name`} className="grow" value={value} maxLength={40} autoFocus onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={trimmed.length === 0 || trimmed.length > 40}>{t('save')}</button>
      <button type="button" className="secondary" onClick={onDone}>{t('cancel')}</button>
      <ErrorText error={error !== null ? errorText(t, error) : null} />
    </form>
  );
}
