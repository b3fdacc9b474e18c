import { describe, expect, it } from 'vitest';
import { decodeTypedData } from '../../../../src/background/dapp/decode/typedData';
import { evmFactTargets, permitOf, runRules, throwIfRefused, type RiskFacts } from '../../../../src/background/risk';
import { asTypedData } from '../../../../src/background/risk/typedData';
import {
  daiPermit, eip2612, EOA, evmFacts, MAX_UINT160, MAX_UINT256, OTHER, permit2Batch, permit2Single, permit2Transfer, SPENDER, TOKEN, USER,
} from './fixtures';

const run = (data: object, facts: RiskFacts = evmFacts) => {
  decodeTypedData(data);
  return runRules('typed-data', { data, account: USER }, facts);
};
const codes = (data: object, facts: RiskFacts = evmFacts) => run(data, facts).map((f) => `${f.severity}:${f.code}`);

describe('EIP-2612 and DAI permits', () => {
  it('reports standard, spender, amount and expiry', () => {
    const [f] = run(eip2612(1_000_000n));
    expect(f).toMatchObject({ code: 'token-permit', severity: 'info', params: { standard: 'EIP-2612', spender: SPENDER, amounts: `${TOKEN}:1000000`, expiry: '1893456000' } });
    expect(f!.message.en).toBe(`This signature lets ${SPENDER} spend 1 USDC (EIP-2612), valid until 2030-01-01T00:00:00Z, without another confirmation from you.`);
    expect(f!.message.zh_CN).toContain('2030-01-01T00:00:00Z');
  });

  it('is recognised by structure whatever the primaryType is called; the JSON-string form works too', () => {
    for (const name of ['Permit', 'Mint', 'Authorization']) {
      expect(codes(eip2612(MAX_UINT256, { primaryType: name }))).toEqual(['warning:token-permit-unlimited']);
    }
    expect(runRules('typed-data', { data: JSON.stringify(eip2612(5n, { primaryType: 'X' })), account: USER }, evmFacts).map((f) => f.code)).toEqual(['token-permit']);
  });

  it('a struct named Permit without the permit fields is not a permit', () => {
    const mail = { types: { Permit: [{ name: 'contents', type: 'string' }] }, primaryType: 'Permit', domain: { name: 'Mail', chainId: 1 }, message: { contents: 'hi' } };
    expect(codes(mail)).toEqual([]);
  });

  it('DAI: allowed=true is unlimited with no expiry (expiry 0); allowed=false revokes', () => {
    const [f] = run(daiPermit(true));
    expect(f).toMatchObject({ code: 'token-permit-unlimited', params: { standard: 'DAI permit', expiry: 'none' } });
    expect(f!.message.en).toContain('no expiry');
    expect(f!.message.zh_CN).toContain('永不过期');
    expect(codes(daiPermit(false, EOA))).toEqual([]);
  });

  it('to a personal account: danger', () => {
    expect(codes(eip2612(1n, { spender: EOA }))).toEqual(['danger:spender-is-eoa', 'info:token-permit']);
  });
});

describe('Permit2', () => {
  it('PermitSingle: unlimited from 2^159 (half of uint160, so max uint160 too)', () => {
    expect(codes(permit2Single(MAX_UINT160))).toEqual(['warning:token-permit-unlimited']);
    expect(codes(permit2Single(1n << 159n))).toEqual(['warning:token-permit-unlimited']);
    expect(codes(permit2Single((1n << 159n) - 1n))).toEqual(['info:token-permit']);
    const [f] = run(permit2Single(MAX_UINT160));
    expect(f!.params).toMatchObject({ standard: 'Permit2 allowance', spender: SPENDER, amounts: `${TOKEN}:unlimited` });
    expect(f!.message.en).toContain('an unlimited amount of USDC');
  });

  it('is recognised by shape under another name, and expiration 0 reads "the block in which it is used"', () => {
    const [f] = run(permit2Single(5n, { primaryType: 'Hello', expiration: 0 }));
    expect(f).toMatchObject({ code: 'token-permit', params: { standard: 'Permit2 allowance', expiry: 'at-use' } });
    expect(f!.message.en).toContain('valid until the block in which it is used');
  });

  it('PermitBatch lists every token; one unlimited makes the whole permit unlimited', () => {
    const [f] = run(permit2Batch([5_000_000n, MAX_UINT160]));
    expect(f!.code).toBe('token-permit-unlimited');
    expect(f!.params.amounts).toBe(`${TOKEN}:5000000,${OTHER}:unlimited`);
    expect(f!.message.en).toContain(`5 USDC, an unlimited amount of ${OTHER}`);
  });

  it('signature transfers (single, batch, witness): amounts are uint256, unlimited from 2^255', () => {
    expect(run(permit2Transfer(7n))[0]!.params.standard).toBe('Permit2 signature transfer');
    expect(codes(permit2Transfer(MAX_UINT256, { batch: true }))).toEqual(['warning:token-permit-unlimited']);
    expect(codes(permit2Transfer(1n << 200n, { witness: true }))).toEqual(['info:token-permit']);
  });

  it('spender without code is danger, and it is the address gatherEvmFacts is asked about', () => {
    expect(codes(permit2Single(MAX_UINT160, { spender: EOA }))).toEqual(['danger:spender-is-eoa', 'warning:token-permit-unlimited']);
    expect(evmFactTargets('typed-data', { data: permit2Single(1n, { spender: EOA }) })).toEqual({ code: [EOA], erc165: [] });
    expect(permitOf(asTypedData(permit2Batch([1n]))!)?.spender).toBe(SPENDER);
  });

  it('a Permit2-domain message of no known shape is unreadable; amount 0 revokes', () => {
    const odd = { ...permit2Single(1n), types: { ...permit2Single(1n).types, PermitSingle: [{ name: 'spender', type: 'address' }] }, message: { spender: SPENDER } };
    expect(codes(odd)).toEqual(['warning:permit2-unreadable']);
    expect(codes(permit2Single(0n))).toEqual([]);
  });
});

describe('typed-data domain chainId', () => {
  it('a different chain is refused with -32602 and MetaMask\'s wording', () => {
    const found = run(eip2612(1n, { chainId: 137 }));
    expect(found[0]).toMatchObject({
      code: 'typed-data-chain-mismatch', severity: 'danger', params: { chainId: '137', current: '1' },
      refuse: { code: -32602, message: 'Provided chainId "137" must match the active chainId "1".' },
    });
    expect(() => throwIfRefused(found)).toThrow(expect.objectContaining({ code: -32602 }));
  });

  it('the same chain as a hex string, no chainId, or no known current chain: nothing', () => {
    const hex = { ...eip2612(1n), domain: { ...eip2612(1n).domain, chainId: '0x1' } };
    expect(runRules('typed-data', { data: hex, account: USER }, evmFacts).map((f) => f.code)).toEqual(['token-permit']);
    const noChain = { types: { M: [{ name: 'a', type: 'string' }] }, primaryType: 'M', domain: { name: 'x' }, message: { a: 'b' } };
    expect(codes(noChain)).toEqual([]);
    expect(codes(eip2612(1n, { chainId: 5 }), { ...evmFacts, evmChainId: undefined })).toEqual(['info:token-permit']);
  });
});
