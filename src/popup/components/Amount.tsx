import { useState } from 'react';
import { formatAmount } from '../format';
import { useLocale, useT } from '../i18n';

/** An exact amount: short (truncated, never more than held) with the full precision one click away. */
export function Amount({ value, decimals, symbol, testid }: { value: string; decimals: number; symbol: string; testid?: string }) {
  const t = useT();
  const locale = useLocale();
  const [full, setFull] = useState(false);
  const f = formatAmount(value, decimals, locale);
  const text = `${full ? f.full : f.text} ${symbol}`;
  if (!f.truncated) return <span className="amount" data-testid={testid} data-base-units={value}>{text}</span>;
  return (
    <button type="button" className="amount link" data-testid={testid} data-base-units={value} aria-expanded={full}
      aria-label={`${text}. ${t(full ? 'showShort' : 'showFull')}`} onClick={() => setFull(!full)}>{text}</button>
  );
}
