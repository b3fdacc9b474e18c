import { useId, useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { AUTO_LOCK_MAX_MINUTES, parseAutoLockMinutes } from '../../format';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Auto-lock minutes: checked here with a message in the UI's language (not the browser's bubble), then saved. */
export function AutoLock({ minutes }: { minutes: number }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState(String(minutes));
  const [msg, setMsg] = useState<{ ok?: boolean; error?: string } | null>(null);
  return (
    <form className="card" noValidate onSubmit={(e) => {
      e.preventDefault();
      const n = parseAutoLockMinutes(value);
      if (n === null) { setMsg({ error: t('autoLockInvalid') }); return; }
      setMsg(null);
      rpc.call('updateSettings', { autoLockMinutes: n }).then(() => setMsg({ ok: true }), (err: unknown) => setMsg({ error: errorText(t, err) }));
    }}>
      <label htmlFor={`${id}-al`}>{t('autoLock')}</label>
      <input id={`${id}-al`} type="number" inputMode="numeric" min={1} max={AUTO_LOCK_MAX_MINUTES} step={1} value={value}
        onChange={(e) => { setValue(e.target.value); setMsg(null); }} aria-invalid={!!msg?.error} />
      <ErrorText error={msg?.error} />
      {msg?.ok && <div className="ok" role="status">{t('saved')}</div>}
      <button type="submit">{t('save')}</button>
    </form>
  );
}
