import { useEffect, useRef, useState } from 'react';
import { createArmGate, type ArmGate } from './armGate';

export const ARM_DELAY_MS = 500;

/**
 * True once the request `key` has been visible, in a focused window, for ARM_DELAY_MS without interruption (see
 * armGate). Compared with the key, so a request that just replaced another never inherits its armed state.
 */
export function useArmed(key: string | null, delayMs = ARM_DELAY_MS): boolean {
  const [armedFor, setArmedFor] = useState<string | null>(null);
  const gate = useRef<ArmGate | null>(null);
  useEffect(() => {
    const g = createArmGate({ delayMs, visible: document.visibilityState === 'visible', focused: document.hasFocus(), onArmed: setArmedFor });
    gate.current = g;
    const onFocus = () => g.setFocused(true);
    const onBlur = () => g.setFocused(false);
    const onVisibility = () => g.setVisible(document.visibilityState === 'visible');
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
      g.dispose();
      gate.current = null;
    };
  }, [delayMs]);
  useEffect(() => { gate.current?.show(key); }, [key, delayMs]);
  return key !== null && armedFor === key;
}
