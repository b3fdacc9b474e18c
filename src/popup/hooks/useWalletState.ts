import { useCallback, useEffect, useState } from 'react';
import type { WalletState } from '../../shared/types';
import { rpc } from '../rpc';

/** The background's state, refetched whenever the background says it changed (e.g. auto-lock). */
export function useWalletState() {
  const [state, setState] = useState<WalletState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setState(await rpc.call('getState', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void refresh();
    return rpc.onStateChanged(() => void refresh());
  }, [refresh]);
  return { state, error, refresh };
}
