import { describe, expect, it } from 'vitest';
import { announceEip6963 } from '../../../src/inpage/eip6963';

describe('announceEip6963', () => {
  it('announces at once and on every requestProvider, with frozen detail', () => {
    const target = new EventTarget();
    const seen: Array<{ info: Record<string, string>; provider: unknown }> = [];
    target.addEventListener('eip6963:announceProvider', (e) => seen.push((e as CustomEvent).detail));
    const provider = { isMeridian: true };
    const info = announceEip6963(provider, target, 'c0ffee00-0000-4000-8000-000000000000');
    expect(seen).toHaveLength(1);
    target.dispatchEvent(new Event('eip6963:requestProvider'));
    target.dispatchEvent(new Event('eip6963:requestProvider'));
    expect(seen).toHaveLength(3);
    const d = seen[0]!;
    expect(d.provider).toBe(provider);
    expect(d.info).toBe(info);
    expect(d.info).toEqual({ uuid: 'c0ffee00-0000-4000-8000-000000000000', name: 'Meridian', icon: expect.stringMatching(/^data:image\/svg\+xml;base64,/), rdns: 'app.meridianwallet' });
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.info)).toBe(true);
    expect(Buffer.from(d.info.icon!.split(',')[1]!, 'base64').toString()).toMatch(/^<svg /);
  });
});
