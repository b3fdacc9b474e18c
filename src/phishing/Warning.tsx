import { useEffect, useState } from 'react';
import { detectLocale, resolveLocale, translate, type Locale, type MessageKey } from '../popup/i18n';
import { call } from './client';

/** The blocked URL the navigation rule put after `#` (http(s) only), and its host. */
export function blockedTarget(hash: string): { url: string; host: string } | null {
  try {
    const u = new URL(hash.replace(/^#/, ''));
    return u.protocol === 'http:' || u.protocol === 'https:' ? { url: u.href, host: u.hostname } : null;
  } catch {
    return null;
  }
}

/** "Go back": the previous page, or close the tab when this page is the first of its history. */
function goBack(): void {
  if (history.length > 1) { history.back(); return; }
  chrome.tabs.getCurrent((tab) => { if (tab?.id !== undefined) void chrome.tabs.remove(tab.id); else window.close(); });
}

export function Warning() {
  const [locale, setLocale] = useState<Locale | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = blockedTarget(location.hash);
  // Drawn inside another page, the buttons could be clicked for the user: show nothing to click.
  const framed = window.top !== window;
  useEffect(() => {
    call('info', {}).then((r) => setLocale(resolveLocale(r.language)), () => setLocale(detectLocale()));
  }, []);
  useEffect(() => {
    if (!locale) return;
    document.documentElement.lang = locale === 'zh_CN' ? 'zh-CN' : 'en';
    document.title = translate(locale, 'phishingTitle');
  }, [locale]);
  if (!locale) return null;
  const t = (key: MessageKey, vars?: Record<string, string>) => translate(locale, key, vars);

  async function continueAnyway(url: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = await call('continue', { url });
      location.replace(r.url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <main className="approval">
      <h1>{t('phishingTitle')}</h1>
      {framed ? <p className="error">{t('phishingFramed')}</p> : !target ? <p className="error">{t('phishingNoUrl')}</p> : (
        <>
          <div className="warn danger" role="alert">
            <p className="origin-host" data-testid="phishing-domain">{target.host}</p>
            <p>{t('phishingBody')}</p>
          </div>
          <p className="hint small">{t('phishingBlockedUrl')}</p>
          <p className="address" data-testid="phishing-url">{target.url}</p>
          <div className="actions">
            <button type="button" onClick={goBack} autoFocus>{t('phishingGoBack')}</button>
          </div>
          <p className="hint small">{t('phishingContinueHint', { domain: target.host })}</p>
          <button type="button" className="link" disabled={busy} onClick={() => void continueAnyway(target.url)}>{t('phishingContinue')}</button>
          {error && <p className="error" role="alert">{error}</p>}
        </>
      )}
    </main>
  );
}
