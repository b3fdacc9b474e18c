import { useState } from 'react';
import { useT } from '../i18n';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <button type="button" className="secondary" aria-label={`${t('copy')} ${label}`}
      onClick={async () => { await navigator.clipboard.writeText(text).catch(() => undefined); setDone(true); }}>
      {done ? t('copied') : t('copy')}
    </button>
  );
}
