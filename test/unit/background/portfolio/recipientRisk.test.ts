// Issue 8 item 5 in the popup send: a look-alike of a known address is a danger that needs "I checked the whole
// address"; a first-time recipient gets a notice; a known address gets nothing.
import { describe, expect, it } from 'vitest';
import { createSendService } from '../../../../src/background/portfolio/send';
import { createAdapterCache } from '../../../../src/background/portfolio/adapters';
import type { NetworkRegistry } from '../../../../src/background/portfolio/networkRegistry';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createActivityStore } from '../../../../src/background/stores/activityStore';
import { getBuiltinNetwork } from '../../../../src/chains/networks';

const OWN = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOOK = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PAST = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
// Same first 4 and last 4 hex characters as BOOK, different in between (checksummed).
const LOOKALIKE_OF_BOOK = '0x7099aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa79c8'; // all lower case: no checksum to fail

function service() {
  const network = getBuiltinNetwork('eip155:31337')!;
  const registry = { get: async () => network } as unknown as NetworkRegistry;
  return createSendService({
    now: () => 1, newId: () => 'x', registry, tokens: {} as never, activity: {} as never, keyFor: async () => new Uint8Array(),
    adapters: createAdapterCache({ activity: createActivityStore(createMemoryStorage()), now: () => 1 }),
    ownsAddress: async () => true, ownAddresses: async () => [OWN],
    knownRecipients: async () => ({ addressBook: [BOOK], pastCounterparties: [PAST] }),
  });
}

describe('recipient checks in Send', () => {
  it('a look-alike of an address-book entry: danger, with the whole-address confirmation, in both languages', async () => {
    const { getAddress } = await import('viem');
    const r = await service().validateRecipient('eip155:31337', LOOKALIKE_OF_BOOK);
    expect(r).toMatchObject({ ok: true, address: getAddress(LOOKALIKE_OF_BOOK) });
    const f = r.ok ? r.findings ?? [] : [];
    expect(f.map((x) => [x.code, x.severity, x.confirm])).toEqual([['address-poisoning', 'danger', 'checked-whole-address']]);
    expect(f[0]!.message.en).toMatch(/look/i);
    expect(f[0]!.message.zh_CN.length).toBeGreaterThan(4);
  });

  it('the known addresses themselves get no finding; a new address gets the first-time notice', async () => {
    const s = service();
    for (const a of [OWN, BOOK, PAST]) expect(await s.validateRecipient('eip155:31337', a)).toEqual({ ok: true, address: a });
    const fresh = await s.validateRecipient('eip155:31337', '0x90F79bf6EB2c4f870365E785982E1f101E93b906');
    expect(fresh.ok && fresh.findings?.map((x) => [x.code, x.severity])).toEqual([['first-time-recipient', 'info']]);
  });
});
