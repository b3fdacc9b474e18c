import { useId, useState } from 'react';
import type { UiSettings } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Language and price source. */
export function Preferences({ ui, onChange }: { ui: UiSettings; onChange: (u: UiSettings) => void }) {
  const t = useT();
  const id = useId();
  const [url, setUrl] = useState(ui.priceApiUrl);
  const [error, setError] = useState<unknown>(null);
  // Shown at once (a controlled checkbox must not lag the click); the stored value wins when the call returns.
  const [shown, setShown] = useState(ui);
  const save = (patch: Partial<UiSettings>) => {
    setError(null);
    setShown({ ...shown, ...patch });
    rpc.call('updateUiSettings', patch).then((u) => { setShown(u); onChange(u); }, (e: unknown) => { setShown(ui); setError(e); });
  };
  return (
    <section className="card" aria-label={t('preferences')}>
      <label htmlFor={`${id}-lang`}>{t('language')}</label>
      <select id={`${id}-lang`} value={shown.language} onChange={(e) => save({ language: e.target.value as UiSettings['language'] })}>
        <option value="auto">{t('languageAuto')}</option>
        <option value="en" lang="en">English</option>
        <option value="zh_CN" lang="zh-CN">简体中文</option>
      </select>
      <label className="check">
        <input type="checkbox" checked={shown.pricesEnabled} onChange={(e) => save({ pricesEnabled: e.target.checked })} />
        {t('showPrices')}
      </label>
      <p className="hint">{t('pricesHint')}</p>
      {shown.pricesEnabled && (
        <form className="row nowrap" onSubmit={(e) => { e.preventDefault(); save({ priceApiUrl: url }); }}>
          <label htmlFor={`${id}-url`} className="sr-only">{t('priceApiUrl')}</label>
          <input id={`${id}-url`} className="grow" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
          <button type="submit" aria-label={`${t('save')} ${t('priceApiUrl')}`}>{t('save')}</button>
        </form>
      )}
      <ErrorText error={error !== null ? errorText(t, error) : null} />
    </section>
  );
}
