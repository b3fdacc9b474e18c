import { useId } from 'react';
import { formatUsd } from '../format';
import { useLocale, useT } from '../i18n';

export type ShareItem = { key: string; label: string; usd: number };

/**
 * Shares of a USD total as horizontal bars (SVG, one accessible image with a title and a description), with the same
 * numbers as a table beside it for screen readers and for copying.
 */
export function ShareChart({ title, items, testId }: { title: string; items: readonly ShareItem[]; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const total = items.reduce((s, i) => s + i.usd, 0);
  const rows = [...items].filter((i) => i.usd > 0).sort((a, b) => b.usd - a.usd);
  const pct = (v: number) => (total > 0 ? Math.round((v / total) * 1000) / 10 : 0);
  const BAR_H = 16;
  const GAP = 6;
  const height = rows.length * (BAR_H + GAP);
  return (
    <figure className="share-chart" data-testid={testId}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      {rows.length === 0 ? <p className="hint">{t('chartNoPriced')}</p> : (
        <>
          <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 300 ${height}`} width="100%" height={height} focusable="false">
            <desc id={`${id}-d`}>{rows.map((r) => `${r.label}: ${pct(r.usd)}%`).join(', ')}</desc>
            {rows.map((r, i) => (
              <g key={r.key} transform={`translate(0 ${i * (BAR_H + GAP)})`}>
                <rect className="bar" x="0" y="0" height={BAR_H} width={Math.max(2, (r.usd / total) * 200)} rx="3" data-share={pct(r.usd)} />
                <text x={Math.max(2, (r.usd / total) * 200) + 6} y={BAR_H - 4} fontSize="11">{`${r.label} ${pct(r.usd)}%`}</text>
              </g>
            ))}
          </svg>
          <table className="numbers">
            <thead><tr><th scope="col">{t('filterAsset')}</th><th scope="col">{t('valueUsd')}</th><th scope="col">{t('share')}</th></tr></thead>
            <tbody>
              {rows.map((r) => <tr key={r.key}><th scope="row">{r.label}</th><td>{formatUsd(r.usd, locale)}</td><td>{pct(r.usd)}%</td></tr>)}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
