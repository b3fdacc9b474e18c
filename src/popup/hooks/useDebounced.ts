import { useEffect, useState } from 'react';

/** `value` once it stopped changing for `ms` (UI input pacing only; nothing waits on it for correctness). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}
