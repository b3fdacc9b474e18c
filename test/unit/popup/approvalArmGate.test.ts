// When the approve button arms (issue 9 item 4): 500 ms after the request is visible in the focused window, again
// after a blur or a hidden window, after an unlock (the request shows again) and when the queue moves on.
import { describe, expect, it } from 'vitest';
import { createArmGate } from '../../../src/popup/components/approval/armGate';

/** A gate on a manual clock: `advance(ms)` runs the timers that fall due. */
function gate(start: { visible?: boolean; focused?: boolean } = {}) {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const log: Array<[number, string | null]> = [];
  const g = createArmGate({
    delayMs: 500, visible: start.visible ?? true, focused: start.focused ?? true,
    onArmed: (k) => log.push([now, k]),
    setTimer: (fn, ms) => { timers.set(next, { at: now + ms, fn }); return next++; },
    clearTimer: (h) => { timers.delete(h as number); },
  });
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { g, log, advance, armed: () => log.at(-1)?.[1] ?? null };
}

describe('approve arming', () => {
  it('arms 500 ms after the request shows in a visible, focused window, not before', () => {
    const { g, log, advance, armed } = gate();
    g.show('a');
    advance(499);
    expect(armed()).toBeNull();
    advance(1);
    expect(log).toEqual([[500, 'a']]);
  });

  it('never arms while the window has no focus; 500 ms after it gets focus', () => {
    const { g, advance, armed, log } = gate({ focused: false });
    g.show('a');
    advance(5_000);
    expect(armed()).toBeNull();
    g.setFocused(true);
    advance(499);
    expect(armed()).toBeNull();
    advance(1);
    expect(log).toEqual([[5_500, 'a']]);
  });

  it('a blur disarms at once; the refocus starts the 500 ms again (a blur mid-delay restarts it too)', () => {
    const { g, advance, log } = gate();
    g.show('a');
    advance(600);
    g.setFocused(false);
    advance(100);
    g.setFocused(true);
    advance(300);
    g.setFocused(false); // mid-delay
    g.setFocused(true);
    advance(499);
    expect(log).toEqual([[500, 'a'], [600, null]]);
    advance(1);
    expect(log).toEqual([[500, 'a'], [600, null], [1_500, 'a']]);
  });

  it('a hidden window disarms; it arms 500 ms after it is visible again', () => {
    const { g, advance, log } = gate({ visible: false });
    g.show('a');
    advance(1_000);
    g.setVisible(true);
    advance(500);
    g.setVisible(false);
    g.setVisible(true);
    advance(500);
    expect(log).toEqual([[1_500, 'a'], [1_500, null], [2_000, 'a']]);
  });

  it('the next request in the queue, or the same one after the unlock form, starts the 500 ms again', () => {
    const { g, advance, log } = gate();
    g.show('a');
    advance(500);
    g.show('b'); // the queue moved on
    advance(499);
    expect(log).toEqual([[500, 'a'], [500, null]]);
    advance(1);
    g.show(null); // locked: the unlock form shows instead
    advance(10_000);
    g.show('b'); // unlocked inside the window
    advance(499);
    expect(log).toEqual([[500, 'a'], [500, null], [1_000, 'b'], [1_000, null]]);
    advance(1);
    expect(log.at(-1)).toEqual([11_500, 'b']);
    g.dispose();
    expect(log.at(-1)).toEqual([11_500, null]);
  });
});
