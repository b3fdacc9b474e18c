import { describe, expect, it } from 'vitest';
import { en } from '../../../src/popup/i18n/en';
import { zh_CN } from '../../../src/popup/i18n/zh_CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('en and zh_CN have exactly the same keys', () => {
    expect(Object.keys(zh_CN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en).length).toBeGreaterThan(50);
  });

  it.each([['en', en as Record<string, string>], ['zh_CN', zh_CN as Record<string, string>]])('%s has no empty or non-string value', (_l, cat) => {
    const bad = Object.entries(cat).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('every key uses the same {placeholders} in both languages', () => {
    const mismatched = Object.keys(en).filter((k) => {
      const key = k as keyof typeof en;
      return JSON.stringify(placeholders(en[key])) !== JSON.stringify(placeholders(zh_CN[key]));
    });
    expect(mismatched).toEqual([]);
  });
});
