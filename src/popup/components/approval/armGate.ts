/**
 * When the approve button may be pressed: `delayMs` after the request is shown while the window is visible and has
 * focus, without interruption. A blur or a hidden window disarms at once and the delay starts again on return; a new
 * request (the queue moved, or the request shows again after an unlock) starts it again too. Pure, so it is tested in
 * Node; `useArmed` wires it to the document.
 */
export type ArmGate = {
  /** The request now shown (its id), or null when none is (loading, the unlock form). */
  show(key: string | null): void;
  setVisible(visible: boolean): void;
  setFocused(focused: boolean): void;
  dispose(): void;
};

export function createArmGate(opts: {
  delayMs: number;
  visible: boolean;
  focused: boolean;
  /** The key the button is armed for now (null: disarmed). */
  onArmed(key: string | null): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}): ArmGate {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let key: string | null = null;
  let visible = opts.visible;
  let focused = opts.focused;
  let timer: unknown = null;
  let armedFor: string | null = null;

  function disarm(): void {
    if (timer !== null) { clearTimer(timer); timer = null; }
    if (armedFor !== null) { armedFor = null; opts.onArmed(null); }
  }
  function update(): void {
    if (key === null || !visible || !focused) { disarm(); return; }
    if (armedFor === key || timer !== null) return;
    const target = key;
    timer = setTimer(() => { timer = null; armedFor = target; opts.onArmed(target); }, opts.delayMs);
  }

  return {
    show(k) { if (k !== key) { disarm(); key = k; } update(); },
    setVisible(v) { if (v !== visible) { visible = v; disarm(); } update(); },
    setFocused(f) { if (f !== focused) { focused = f; disarm(); } update(); },
    dispose() { key = null; disarm(); },
  };
}
