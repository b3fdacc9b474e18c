// The inpage ids work without crypto.randomUUID (missing on plain-http pages, which are not secure contexts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidV4 } from '../../../src/inpage/uuid';
import { announceEip6963 } from '../../../src/inpage/eip6963';

afterEach(() => { vi.unstubAllGlobals(); });

describe('uuidV4', () => {
  it('is an RFC 4122 v4 UUID from getRandomValues, and unique', () => {
    const ids = new Set(Array.from({ length: 200 }, uuidV4));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('EIP-6963 announces on a page without crypto.randomUUID (plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    const events: Event[] = [];
    const win = { dispatchEvent: (e: Event) => { events.push(e); return true; }, addEventListener: () => {} };
    const info = announceEip6963({}, win);
    expect(info.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(events.map((e) => e.type)).toEqual(['eip6963:announceProvider']);
  });
});
