import { describe, expect, it } from 'vitest';
import { refusalOf, runRules } from '../../../../src/background/risk';

const params = (nativeCurrency?: unknown, chainName = 'Base') =>
  ({ chainId: '0x2105', chainName, rpcUrls: ['https://mainnet.base.org'], ...(nativeCurrency === undefined ? {} : { nativeCurrency }) });
const run = (nativeCurrency?: unknown, chainName?: string) => runRules('add-chain', { params: params(nativeCurrency, chainName) });
const codes = (nativeCurrency?: unknown, chainName?: string) => run(nativeCurrency, chainName).map((f) => f.code);
const ether = { name: 'Ether', symbol: 'ETH', decimals: 18 };

describe('wallet_addEthereumChain native currency', () => {
  it('accepts decimals 18, a 2–6 character symbol and a name up to 100 characters; an absent currency or name', () => {
    expect(codes(ether)).toEqual([]);
    expect(codes({ symbol: 'ETH', decimals: 18 })).toEqual([]);
    expect(codes(undefined)).toEqual([]);
    expect(codes({ ...ether, symbol: 'AB' })).toEqual([]);
    expect(codes({ ...ether, symbol: 'ABCDEF' })).toEqual([]);
    expect(codes({ ...ether, symbol: '🦊🦊' })).toEqual([]); // 2 characters (4 UTF-16 units)
  });

  it('the decimals spoof (36) is refused with -32602 and the value it received', () => {
    const found = run({ ...ether, decimals: 36 });
    expect(found).toEqual([expect.objectContaining({ code: 'add-chain-bad-decimals', severity: 'danger', params: { value: '36' } })]);
    expect(refusalOf(found)).toEqual({ code: -32602, message: "Expected the number 18 for 'nativeCurrency.decimals'. Received: 36." });
    expect(found[0]!.message.zh_CN).toContain('必须是数字 18');
  });

  it('refuses "18" as a string, bad symbols and names, and a non-object currency', () => {
    expect(codes({ ...ether, decimals: '18' })).toEqual(['add-chain-bad-decimals']);
    expect(codes({ ...ether, symbol: 'E' })).toEqual(['add-chain-bad-symbol']);
    expect(codes({ ...ether, symbol: 'SEVENCH' })).toEqual(['add-chain-bad-symbol']);
    expect(codes({ ...ether, symbol: 5 })).toEqual(['add-chain-bad-symbol']);
    expect(codes({ ...ether, name: 'x'.repeat(101) })).toEqual(['add-chain-bad-currency-name']);
    expect(codes({ ...ether, name: 7 })).toEqual(['add-chain-bad-currency-name']);
    expect(codes('ETH')).toEqual(['add-chain-bad-currency']);
    expect(codes({ decimals: 6, symbol: 'X' })).toEqual(['add-chain-bad-decimals', 'add-chain-bad-symbol']);
  });

  it('long values are cut in the message', () => {
    const [f] = run({ ...ether, name: 'n'.repeat(500) });
    expect(f!.params.value!.length).toBeLessThanOrEqual(61);
    expect(f!.refuse!.message.length).toBeLessThan(200);
  });

  it('invisible characters in the network name or the symbol: warning with the escaped text', () => {
    const [f] = run({ ...ether, symbol: 'US\u200BDC' }, 'Ethereum\u202E');
    expect(f).toMatchObject({ code: 'invisible-characters', severity: 'warning', params: { chars: 'U+202E, U+200B' } });
    expect(f!.message.en).toBe('Invisible or text-direction characters (U+202E, U+200B) found in the network name, the currency symbol. Shown escaped: Ethereum\\u{202E} · US\\u{200B}DC');
    expect(f!.message.zh_CN.startsWith('网络名称、货币符号中含有')).toBe(true);
  });
});

describe('Solana request chain', () => {
  const facts = { solanaChain: 'solana:mainnet' };
  it('another cluster than the selected one is refused with -32602', () => {
    const found = runRules('solana-request', { chain: 'solana:devnet' }, facts);
    expect(found[0]).toMatchObject({ code: 'solana-chain-mismatch', params: { chain: 'solana:devnet', selected: 'solana:mainnet' }, refuse: { code: -32602 } });
    expect(found[0]!.refuse!.message).toBe('The request is for solana:devnet, but the network selected in the wallet is solana:mainnet. Switch the network in Meridian first.');
    expect(runRules('solana-request', { chain: 42 }, facts)[0]!.params.chain).toBe('42');
  });

  it('no chain (the selected cluster is used) or the same chain: nothing', () => {
    expect(runRules('solana-request', {}, facts)).toEqual([]);
    expect(runRules('solana-request', { chain: 'solana:mainnet' }, facts)).toEqual([]);
  });
});
