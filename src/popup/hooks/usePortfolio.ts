import { useCallback, useEffect, useRef, useState } from 'react';
import type { PortfolioView } from '../../shared/types';
import { rpc } from '../rpc';

/** The cached portfolio at once, then a refresh from the chains in the background (with a visible state). */
export function usePortfolio(accountId: string | null) {
  const [view, setView] = useState<PortfolioView | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const refresh = useCallback(async () => {
    const my = ++seq.current;
    setRefreshing(true);
    try {
      const v = await rpc.call('refreshPortfolio', {});
      if (my === seq.current) { setView(v); setError(null); }
    } catch (e) {
      if (my === seq.current) setError(e);
    } finally {
      if (my === seq.current) setRefreshing(false);
    }
  }, []);
  useEffect(() => {
    let live = true;
    rpc.call('getPortfolio', {}).then((v) => { if (live) setView(v); }, (e: unknown) => { if (live) setError(e); });
    void refresh();
    return () => { live = false; };
  }, [accountId, refresh]);
  return { view, refreshing, error, refresh };
}
