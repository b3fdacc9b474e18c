import { describe, expect, it } from 'vitest';
import { cleanAccountName, createAccountsStore, hdAccountId, importedAccountId } from '../../../src/background/accountsStore';
import { createMemoryStorage } from '../../../src/background/storageArea';

describe('accounts store', () => {
  it.each([
    ['  Savings  ', 'Savings'],
    ['x'.repeat(40), 'x'.repeat(40)],
    ['我的账户', '我的账户'],
    ['🔑'.repeat(40), '🔑'.repeat(40)], // 40 code points, 80 UTF-16 units
    ['Cafe\u0301', 'Caf\u00e9'], // NFC
  ])('cleanAccountName(%j) → %j', (input, out) => {
    expect(cleanAccountName(input)).toBe(out);
  });

  it.each(['', '   ', 'x'.repeat(41), '🔑'.repeat(41), 'a\u0000b', 'a\tb', 'a\nb', 'a\u007fb', 'a\u009fb', 42, null])(
    'cleanAccountName(%j) → null', (input) => {
      expect(cleanAccountName(input)).toBeNull();
    });

  it('reads the default, writes and clears', async () => {
    const local = createMemoryStorage();
    const store = createAccountsStore(local);
    expect(await store.read()).toEqual({ accounts: [], selectedId: null });
    const state = { accounts: [{ id: hdAccountId(0), name: 'Account 1', kind: 'hd' as const, index: 0 }], selectedId: 'hd:0' };
    await store.write(state);
    expect(await store.read()).toEqual(state);
    await store.clear();
    expect(local.dump()).toEqual({});
    expect(importedAccountId('evm', '0xabc')).toBe('imported:evm:0xabc');
  });
});
