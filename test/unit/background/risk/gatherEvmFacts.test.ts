import { describe, expect, it } from 'vitest';
import type { RpcCall, RpcTransport } from '../../../../src/chains/rpcTransport';
import { RpcUnavailableError } from '../../../../src/chains/errors';
import { evmFactTargets, gatherEvmFacts, runRules } from '../../../../src/background/risk';
import { fakeTransport } from '../../chains/fakeTransport';
import { calldata, EOA, NFT, OTHER, SPENDER, TOKEN, tx, USER } from './fixtures';

const TRUE = `0x${'0'.repeat(63)}1`;
const FALSE = `0x${'0'.repeat(64)}`;
const CLAIMS_ALL = '0x7777777777777777777777777777777777777777';
const REVERTS = '0x8888888888888888888888888888888888888888';
const DELEGATED = '0x9999999999999999999999999999999999999999';

/** A little chain: code per address, and supportsInterface answers per contract. */
function chain(calls: (c: RpcCall) => void = () => undefined) {
  const code: Record<string, string> = {
    [SPENDER.toLowerCase()]: '0x6080', [TOKEN.toLowerCase()]: '0x6080', [NFT.toLowerCase()]: '0x6080', [CLAIMS_ALL]: '0x6080', [REVERTS]: '0x6080',
    [DELEGATED]: `0xef0100${SPENDER.slice(2).toLowerCase()}`,
  };
  return fakeTransport((c) => {
    calls(c);
    if (c.method === 'eth_getCode') return code[(c.params![0] as string).toLowerCase()] ?? '0x';
    if (c.method === 'eth_call') {
      const { to, data } = c.params![0] as { to: string; data: string };
      const id = data.slice(10, 18);
      if (!code[to]) return '0x';
      if (to === REVERTS) throw new Error('execution reverted');
      if (to === CLAIMS_ALL) return TRUE;
      if (to === NFT.toLowerCase()) return id === '80ac58cd' ? TRUE : FALSE;
      return id === 'ffffffff' ? FALSE : FALSE;
    }
    throw new Error(`unexpected ${c.method}`);
  });
}

describe('gatherEvmFacts', () => {
  it('reads code and ERC-165 in ONE batch, deduplicating addresses in any case, pinned to the block tag', async () => {
    const t = chain();
    const facts = await gatherEvmFacts(t, { code: [SPENDER, SPENDER.toLowerCase(), EOA], erc165: [NFT, TOKEN], blockTag: '0x10' });
    expect(t.batches).toHaveLength(1);
    const batch = t.batches[0]!;
    expect(batch.filter((c) => c.method === 'eth_getCode').map((c) => c.params)).toEqual([
      [SPENDER.toLowerCase(), '0x10'], [EOA.toLowerCase(), '0x10'], [NFT.toLowerCase(), '0x10'], [TOKEN.toLowerCase(), '0x10'],
    ]);
    expect(batch.filter((c) => c.method === 'eth_call')).toHaveLength(6);
    expect(batch[4]).toEqual({ method: 'eth_call', params: [{ to: NFT.toLowerCase(), data: `0x01ffc9a780ac58cd${'0'.repeat(56)}` }, '0x10'] });
    expect(facts).toEqual({
      evm: {
        [SPENDER.toLowerCase()]: { hasCode: true },
        [EOA.toLowerCase()]: { hasCode: false },
        [NFT.toLowerCase()]: { hasCode: true, isErc721: true, isErc1155: false },
        [TOKEN.toLowerCase()]: { hasCode: true, isErc721: false, isErc1155: false },
      },
    });
  });

  it('does not believe a contract that claims every interface, nor one that reverts; an EOA is no ERC-721', async () => {
    const { evm } = await gatherEvmFacts(chain(), { erc165: [CLAIMS_ALL, REVERTS, OTHER] });
    expect(evm![CLAIMS_ALL]).toEqual({ hasCode: true, isErc721: false, isErc1155: false });
    expect(evm![REVERTS]).toEqual({ hasCode: true, isErc721: false, isErc1155: false });
    expect(evm![OTHER.toLowerCase()]).toEqual({ hasCode: false, isErc721: false, isErc1155: false });
  });

  it('an EIP-7702 delegation designator is an EOA with delegated code', async () => {
    const { evm } = await gatherEvmFacts(chain(), { code: [DELEGATED] });
    expect(evm![DELEGATED]).toEqual({ hasCode: true, delegatedTo: SPENDER.toLowerCase() });
  });

  it('a failed call leaves that fact unknown and says why; a failed batch returns no facts', async () => {
    const flaky = fakeTransport((c) => {
      if (c.method === 'eth_getCode' && (c.params![0] as string) === EOA.toLowerCase()) throw new Error('boom');
      return '0x';
    });
    expect(await gatherEvmFacts(flaky, { code: [EOA, OTHER] })).toEqual({
      evm: { [OTHER.toLowerCase()]: { hasCode: false } }, factErrors: [`eth_getCode ${EOA.toLowerCase()}: boom`],
    });
    const down: RpcTransport = { ...fakeTransport(() => '0x'), batch: async () => { throw new RpcUnavailableError('All RPC endpoints failed'); } };
    expect(await gatherEvmFacts(down, { code: [EOA] })).toEqual({ evm: {}, factErrors: ['All RPC endpoints failed'] });
  });

  it('nothing to read: no request at all; malformed addresses are skipped', async () => {
    const t = chain();
    expect(await gatherEvmFacts(t, { code: ['not-an-address'], erc165: [] })).toEqual({ evm: {} });
    expect(t.batches).toHaveLength(0);
  });

  it('end to end: targets → facts → rules', async () => {
    const cases: Array<[ReturnType<typeof tx>, string[]]> = [
      [tx(TOKEN, calldata('approve', [EOA, 10n])), ['spender-is-eoa', 'erc20-approval']],
      [tx(NFT, calldata('approve', [SPENDER, 10n])), ['erc721-approval']],
      [tx(NFT, calldata('transferFrom', [USER, OTHER, 10n])), ['erc721-transfer']],
      [tx(SPENDER, '0x', '1'), ['recipient-is-contract']],
    ];
    for (const [input, expected] of cases) {
      const t = chain();
      const facts = await gatherEvmFacts(t, evmFactTargets('evm-transaction', input));
      expect(t.batches.length).toBeLessThanOrEqual(1);
      expect(runRules('evm-transaction', input, facts).map((f) => f.code)).toEqual(expected);
    }
  });
});
