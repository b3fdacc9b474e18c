// Issue 9 "storage faults": damaged non-vault entries and a full storage quota, through the real stores.
import { describe, expect, it } from 'vitest';
import { createGuardedStorage, CORRUPT_PREFIX, STORAGE_ISSUES_KEY } from '../../../src/background/guardedStorage';
import { createAccountsStore } from '../../../src/background/accountsStore';
import { createPermissions } from '../../../src/background/dapp/permissions';
import { createMemoryStorage, type StorageArea } from '../../../src/background/storageArea';
import { activityKey, createActivityStore } from '../../../src/background/stores/activityStore';
import type { ActivityRecord } from '../../../src/chains/activityRecord';
import { createBalanceCache, balanceKey } from '../../../src/background/stores/balanceCache';
import { createCustomNetworkStore, CUSTOM_NETWORKS_KEY } from '../../../src/background/stores/customNetworkStore';
import { getBuiltinNetwork } from '../../../src/chains/networks';

const VAULT = { version: 1, kdf: { name: 'argon2id' }, ciphertext: 'AAAA', weird: ['not', 'checked'] };
const rec = (id: string, over: Partial<ActivityRecord> = {}): ActivityRecord => ({
  id, networkId: 'eip155:1', from: '0xA', to: '0xB', amount: '1', symbol: 'ETH', decimals: 18, fee: '2', status: 'confirmed', createdAt: 1, updatedAt: 1, ...over,
});
const setup = (initial: Record<string, unknown>) => {
  const inner = createMemoryStorage({ vault: VAULT, ...initial });
  return { inner, local: createGuardedStorage(inner, () => 1234) };
};

describe('damaged entries: the wallet reads on with what is valid and keeps the damaged value', () => {
  it('an activity list that is not a list reads as empty; the raw value is kept under corrupt:<key> and listed', async () => {
    const key = activityKey('eip155:1', '0xA');
    const { inner, local } = setup({ [key]: 'garbage' });
    expect(await createActivityStore(local).list('eip155:1', '0xA')).toEqual([]);
    expect(inner.dump()[CORRUPT_PREFIX + key]).toEqual({ at: 1234, value: 'garbage' });
    expect(inner.dump()[STORAGE_ISSUES_KEY]).toEqual([{ key, at: 1234 }]);
    expect(inner.dump().vault).toEqual(VAULT);
  });

  it('one damaged activity record is dropped, the others kept; the next write stores the repaired list', async () => {
    const key = activityKey('eip155:1', '0xA');
    const { inner, local } = setup({ [key]: [rec('0x1'), { id: 7 }, rec('0x2', { amount: '-5' })] });
    const store = createActivityStore(local);
    expect((await store.list('eip155:1', '0xA')).map((r) => r.id)).toEqual(['0x1']);
    await store.add(rec('0x3'));
    expect((inner.dump()[key] as ActivityRecord[]).map((r) => r.id)).toEqual(['0x3', '0x1']);
    expect((inner.dump()[CORRUPT_PREFIX + key] as { value: unknown[] }).value).toHaveLength(3);
  });

  it('the first damaged copy is never overwritten by a later one', async () => {
    const key = activityKey('eip155:1', '0xA');
    const { inner, local } = setup({ [key]: 'first' });
    await local.get(key);
    await inner.set({ [key]: 'second' });
    await local.get(key);
    expect((inner.dump()[CORRUPT_PREFIX + key] as { value: unknown }).value).toBe('first');
    expect(inner.dump()[STORAGE_ISSUES_KEY]).toEqual([{ key, at: 1234 }]);
  });

  it('accounts: valid accounts are kept and the selection moves to one that exists', async () => {
    const good = { id: 'hd:0', name: 'Account 1', kind: 'hd', index: 0, evm: '0xf39F', solana: 'oeYf' };
    const { local } = setup({ accounts: { accounts: [{ id: 'hd:1', kind: 'alien' }, good], selectedId: 'hd:1' } });
    expect(await createAccountsStore(local).read()).toEqual({ accounts: [good], selectedId: 'hd:0' });
  });

  it('accounts: an entry that is not an object reads as no accounts (the keyring rebuilds them on unlock)', async () => {
    const { inner, local } = setup({ accounts: 42 });
    expect(await createAccountsStore(local).read()).toEqual({ accounts: [], selectedId: null });
    expect(inner.dump()[`${CORRUPT_PREFIX}accounts`]).toEqual({ at: 1234, value: 42 });
  });

  it('permissions: a damaged site loses its grant (it must connect again); other sites keep theirs', async () => {
    const ok = { evm: { accounts: ['0xf39f'], grantedAt: 5 } };
    const { local } = setup({ dappPermissions: { 'https://good.example': ok, 'https://bad.example': { evm: { accounts: 'all' } } } });
    const p = createPermissions(local, () => 9);
    expect(await p.get('https://good.example', 'evm')).toEqual(ok.evm);
    expect(await p.get('https://bad.example', 'evm')).toBeNull();
  });

  it('custom networks: a damaged network is dropped, the valid one kept', async () => {
    const net = { ...getBuiltinNetwork('eip155:31337')!, id: 'eip155:777', name: 'Mine', custom: true };
    const { local } = setup({ [CUSTOM_NETWORKS_KEY]: [net, { id: 'eip155:5', rpcUrls: [] }] });
    expect((await createCustomNetworkStore(local).list()).map((n) => n.id)).toEqual(['eip155:777']);
  });

  it('a damaged balance cache entry reads as "no cached balance" (the next refresh reads the chain)', async () => {
    const key = balanceKey('eip155:1', '0xA');
    const { local } = setup({ [key]: { at: 1, native: 'lots', tokens: {} } });
    expect(await createBalanceCache(local).get('eip155:1', '0xA')).toBeUndefined();
  });

  it('the vault and keys without a shape pass through untouched, even when odd', async () => {
    const { inner, local } = setup({ vaultBackups: 'odd', unknownKey: { x: 1 } });
    expect(await local.get('vault')).toEqual(VAULT);
    expect(await local.get('vaultBackups')).toBe('odd');
    expect(await local.get('unknownKey')).toEqual({ x: 1 });
    expect(Object.keys(inner.dump()).filter((k) => k.startsWith(CORRUPT_PREFIX))).toEqual([]);
  });
});

describe('a full storage quota', () => {
  const full = (inner: StorageArea, keys: (k: string) => boolean): StorageArea => ({
    get: (k) => inner.get(k),
    remove: (k) => inner.remove(k),
    async set(items) {
      if (Object.keys(items).some(keys)) throw new Error('Resource::kQuotaBytes quota exceeded');
      await inner.set(items);
    },
  });

  it('a write that does not fit is a StorageFullError (1011) with a readable message, and nothing changes', async () => {
    const key = activityKey('eip155:1', '0xA');
    const inner = createMemoryStorage({ vault: VAULT, [key]: [rec('0x1')] });
    const local = createGuardedStorage(full(inner, (k) => k.startsWith('chains:activity:')));
    await expect(createActivityStore(local).add(rec('0x2'))).rejects.toMatchObject({
      code: 1011, message: 'The browser’s storage for Meridian is full. Remove unused networks or tokens, or free space in the browser, then try again.',
    });
    expect(inner.dump()).toEqual({ vault: VAULT, [key]: [rec('0x1')] });
  });

  it('other write errors pass through unchanged', async () => {
    const inner = createMemoryStorage();
    const local = createGuardedStorage({ ...inner, set: async () => { throw new Error('disk on fire'); } });
    await expect(local.set({ a: 1 })).rejects.toThrow('disk on fire');
  });
});

describe('a damaged account list is rebuilt from the keyring on unlock', () => {
  it('Account 1 and every imported key come back with their addresses; the vault was never touched', async () => {
    const { createWallet } = await import('../../../src/background/wallet');
    const { KNOWN, evmAccounts, knownById } = await import('../helpers/vectors');
    const inner = createMemoryStorage();
    const local = createGuardedStorage(inner, () => 1234);
    const wallet = createWallet({ local, session: createMemoryStorage(), alarms: { async schedule() {}, async clear() {} }, now: () => 1_750_000_000_000 });
    const password = 'Rebuild-Pa55word!';
    await wallet.setupWallet({ phrase: knownById(KNOWN.testEvm).mnemonic, password });
    const key = evmAccounts(KNOWN.genEvm)[0]!;
    await wallet.importPrivateKey({ family: 'evm', privateKey: key.private_key, password });
    const vault = JSON.stringify(inner.dump().vault);
    await wallet.lock();
    await inner.set({ accounts: { accounts: 'lost', selectedId: 7 } });
    await wallet.unlock({ password });
    const s = await wallet.getState();
    expect(s.accounts.map((a) => ({ id: a.id, name: a.name, evm: a.evm }))).toEqual([
      { id: 'hd:0', name: 'Account 1', evm: evmAccounts(KNOWN.testEvm)[0]!.address },
      { id: `imported:evm:${key.address}`, name: 'Imported 1', evm: key.address },
    ]);
    expect(s.selectedAccountId).toBe('hd:0');
    expect(JSON.stringify(inner.dump().vault)).toBe(vault);
    expect((inner.dump()[`${CORRUPT_PREFIX}accounts`] as { value: unknown }).value).toEqual({ accounts: 'lost', selectedId: 7 });
  });
});
