import { useT } from '../i18n';

export function Welcome({ onCreate, onImport }: { onCreate: () => void; onImport: () => void }) {
  const t = useT();
  return (
    <main>
      <h1>{t('appName')}</h1>
      <p className="hint">{t('tagline')}</p>
      <div className="stack">
        <button type="button" onClick={onCreate}>{t('createWallet')}</button>
        <button type="button" className="secondary" onClick={onImport}>{t('importWallet')}</button>
      </div>
    </main>
  );
}
