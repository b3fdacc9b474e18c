/**
 * Shared pieces of the property suites (issue 9, fault rig): a per-case timer and a "only the module's typed
 * errors" guard. Nothing here prints; a failure is reported by fast-check with its seed and counterexample.
 */
import { expect } from 'vitest';

/** No single case may take longer than this (issue 9). */
export const CASE_BUDGET_MS = 100;

const show = (input: unknown): string => {
  let s: string;
  try {
    s = typeof input === 'string' ? JSON.stringify(input) : JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    s = String(input);
  }
  s ??= String(input);
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
};

/**
 * Records the slowest case of a property (performance.now around each call) and asserts it under the budget. A case
 * over the budget is run once more and counts with the faster of its two times: a GC pause or a busy core (two
 * cores, several test workers) is not the code's cost, a case that is slow twice is.
 */
export class SlowestCase {
  ms = 0;
  input: unknown;

  time<T>(input: unknown, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      let ms = performance.now() - t0;
      if (ms >= CASE_BUDGET_MS) {
        const t1 = performance.now();
        try { fn(); } catch { /* same input, same outcome: only the time matters here */ }
        ms = Math.min(ms, performance.now() - t1);
      }
      this.note(input, ms);
    }
  }

  async timeAsync<T>(input: unknown, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      let ms = performance.now() - t0;
      if (ms >= CASE_BUDGET_MS) {
        const t1 = performance.now();
        try { await fn(); } catch { /* only the time matters here */ }
        ms = Math.min(ms, performance.now() - t1);
      }
      this.note(input, ms);
    }
  }

  private note(input: unknown, ms: number): void {
    if (ms > this.ms) {
      this.ms = ms;
      this.input = input;
    }
  }

  expectUnderBudget(budget = CASE_BUDGET_MS): void {
    expect(this.ms, `slowest case took ${this.ms.toFixed(1)} ms: ${show(this.input)}`).toBeLessThan(budget);
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs `fn`; returns `{ ok: true, value }`, or `{ ok: false, error }` when it threw one of `allowed`. Anything else
 * thrown (a TypeError, a RangeError, a library's own error) is rethrown, which fails the property.
 */
export function onlyTyped<T>(allowed: readonly ErrorClass[], fn: () => T): { ok: true; value: T } | { ok: false; error: Error } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (allowed.some((C) => e instanceof C)) return { ok: false, error: e as Error };
    throw e;
  }
}
