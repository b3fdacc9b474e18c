import { expect } from 'vitest';
import { MeridianError } from '../../../src/shared/errors';

/** Run `fn` (sync or async) and return the MeridianError it throws; fails the test if it does not throw one. */
export async function caught(fn: () => unknown): Promise<MeridianError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MeridianError);
    return e as MeridianError;
  }
  throw new Error('expected the call to throw');
}

/** Synchronous variant for parsers. */
export function caughtSync(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MeridianError);
    return e as MeridianError;
  }
  throw new Error('expected the call to throw');
}
