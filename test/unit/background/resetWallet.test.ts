// Issue 9 item 9: Reset needs the password, and keeps the vaults (earlier backups and the one being reset) under
// vaultBackups, byte-identical, as the README promises. Through the popup dispatcher with the real wallet and services.
import { describe, expect, it } from 'vitest';
import { dispatchPopup } from '../../../src/background/handlers/popup/index';
import { createWalletUi } from '../../../src/background/portfolio/createWalletUi';
import { createMemoryStorage, type StorageArea } from '../../../src/background/storageArea';
import { createWallet } from '../../../src/background/wallet';
import { createCustomNetworkStore } from '../../../src/background/stores/customNetworkStore';
import { GENERATED_MNEMONIC, TEST_MNEMONIC } from '../helpers/vectors';

const PASSWORD = 'Reset-Pa55word!';
const T = 1_750_000_000_000;

async function env() {
  const local = createMemoryStorage();
  const session = createMemoryStorage();
  const alarms = { async schedule() {}, async clear() {} };
  const wallet = createWallet({ local, session, alarms, now: () => T });
  const clear = async (a: StorageArea & { dump(): Record<string, unknown> }) => a.remove(Object.keys(a.dump()));
  const ui = createWalletUi({
    wallet, local, customNetworks: createCustomNetworkStore(local), now: () => T, alarms,
    clearStorage: async () => { await clear(local); await clear(session); },
  });
  const ctx = { wallet, local, ui };
  const call = (method: string, params: unknown) => dispatchPopup({ id: 1, method, params }, ctx as never) as Promise<{ result?: unknown; error?: { code: number } }>;
  return { local, session, call };
}

describe('reset wallet', () => {
  it('refuses without the right password and changes nothing', async () => {
    const e = await env();
    expect((await e.call('setupWallet', { phrase: GENERATED_MNEMONIC, password: PASSWORD })).error).toBeUndefined();
    const before = JSON.stringify(e.local.dump());
    expect((await e.call('resetWallet', { confirm: true })).error?.code).toBe(-32602);
    expect((await e.call('resetWallet', { confirm: true, password: 'Wrong-Pa55word!' })).error?.code).toBe(1001);
    const after = e.local.dump();
    delete after.unlockThrottle; // the failed attempt is counted, as for unlock
    expect(JSON.stringify(after)).toBe(JSON.stringify(JSON.parse(before)));
    expect((await e.call('getState', {})).result).toMatchObject({ status: 'unlocked' });
  });

  it('with the password: the wallet is gone from this device, every vault is kept byte-identical under vaultBackups', async () => {
    const e = await env();
    await e.call('setupWallet', { phrase: GENERATED_MNEMONIC, password: PASSWORD });
    const first = e.local.dump().vault;
    // A restore over it keeps the first vault as a backup.
    await e.call('setupWallet', { phrase: TEST_MNEMONIC, password: PASSWORD, replaceExisting: true });
    const second = e.local.dump().vault;
    expect(second).not.toEqual(first);
    expect((await e.call('resetWallet', { confirm: true, password: PASSWORD })).error).toBeUndefined();
    const d = e.local.dump();
    expect(Object.keys(d)).toEqual(['vaultBackups']);
    expect(d.vaultBackups).toEqual([
      { savedAt: T, vault: first },
      { savedAt: T, vault: second, reason: 'reset' },
    ]);
    expect(e.session.dump()).toEqual({});
    expect((await e.call('getState', {})).result).toMatchObject({ status: 'uninitialized' });
  });
});
