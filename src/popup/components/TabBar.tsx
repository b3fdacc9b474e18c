import { useT, type MessageKey } from '../i18n';

export type Tab = 'main' | 'activity' | 'overview' | 'settings';
const TABS: Array<[Tab, MessageKey]> = [['main', 'tabHome'], ['activity', 'activity'], ['overview', 'overview'], ['settings', 'settings']];

/** The popup's main navigation: Home, Activity, Overview, Settings (tabs: arrow keys move between them). */
export function TabBar({ current, onSelect }: { current: Tab; onSelect: (t: Tab) => void }) {
  const t = useT();
  const move = (i: number, d: number) => {
    const next = TABS[(i + d + TABS.length) % TABS.length]![0];
    onSelect(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <nav className="tabbar" aria-label={t('mainNavigation')}>
      <div role="tablist">
        {TABS.map(([id, key], i) => (
          <button key={id} id={`tab-${id}`} type="button" role="tab" aria-selected={current === id} tabIndex={current === id ? 0 : -1} data-testid={`tab-${id}`}
            onClick={() => onSelect(id)}
            onKeyDown={(e) => { if (e.key === 'ArrowRight') move(i, 1); else if (e.key === 'ArrowLeft') move(i, -1); }}>
            {t(key)}
          </button>
        ))}
      </div>
    </nav>
  );
}
