import { describe, expect, it } from 'vitest';
import { UNLIMITED_THRESHOLD } from '../../../../src/background/dapp/decode/evmTransaction';
import { evmFactTargets, runRules, type RiskFacts } from '../../../../src/background/risk';
import { calldata, EOA, evmFacts, MAX_UINT256, NFT, OTHER, SPENDER, TOKEN, tx, USER, ZERO } from './fixtures';

const run = (input: ReturnType<typeof tx>, facts: RiskFacts = evmFacts) => runRules('evm-transaction', input, facts);
const codes = (input: ReturnType<typeof tx>, facts: RiskFacts = evmFacts) => run(input, facts).map((f) => `${f.severity}:${f.code}`);

describe('ERC-20 approve / increaseAllowance', () => {
  it('reports spender and amount in the token\'s units when the token is known', () => {
    const [f] = run(tx(TOKEN, calldata('approve', [SPENDER, 2_500_000n])));
    expect(f).toMatchObject({ code: 'erc20-approval', severity: 'info', params: { token: TOKEN, spender: SPENDER, amount: '2500000', method: 'approve' } });
    expect(f!.message.en).toBe(`This lets ${SPENDER} spend up to 2.5 USDC from your account (token ${TOKEN}).`);
    expect(f!.message.zh_CN).toContain('2.5 USDC');
  });

  it('shows base units for an unknown token', () => {
    const [f] = run(tx(OTHER, calldata('approve', [SPENDER, 7n])), { evm: evmFacts.evm });
    expect(f!.message.en).toContain(`7 base units of token ${OTHER}`);
    expect(f!.message.zh_CN).toContain('7 个最小单位');
  });

  it('unlimited means ≥ 2^255 (the decoder\'s UNLIMITED_THRESHOLD), for approve and increaseAllowance', () => {
    expect(UNLIMITED_THRESHOLD).toBe(1n << 255n);
    expect(codes(tx(TOKEN, calldata('approve', [SPENDER, 1n << 255n])))).toEqual(['warning:erc20-unlimited-approval']);
    expect(codes(tx(TOKEN, calldata('approve', [SPENDER, (1n << 255n) - 1n])))).toEqual(['info:erc20-approval']);
    const [f] = run(tx(TOKEN, calldata('increaseAllowance', [SPENDER, MAX_UINT256])));
    expect(f!.message.en).toContain('all of your USDC tokens');
    expect(f!.params.method).toBe('increaseAllowance');
  });

  it('an unlimited approval to a personal account is danger first, then the warning', () => {
    expect(codes(tx(TOKEN, calldata('approve', [EOA, MAX_UINT256])))).toEqual(['danger:spender-is-eoa', 'warning:erc20-unlimited-approval']);
  });

  it('an EIP-7702-delegated spender counts as a personal account; an unknown spender is not judged', () => {
    const delegated: RiskFacts = { evm: { [SPENDER.toLowerCase()]: { hasCode: true, delegatedTo: OTHER } } };
    expect(codes(tx(TOKEN, calldata('approve', [SPENDER, 1n])), delegated)).toContain('danger:spender-is-eoa');
    expect(codes(tx(TOKEN, calldata('approve', [SPENDER, 1n])), {})).toEqual(['info:erc20-approval']);
  });

  it('approve(spender, 0) is a revoke: nothing to report, even to an EOA', () => {
    expect(codes(tx(TOKEN, calldata('approve', [EOA, 0n])))).toEqual([]);
  });
});

describe('ERC-721 vs ERC-20 by the ERC-165 fact', () => {
  it('approve(to, tokenId) on an ERC-721 is an NFT approval shown by token id, never "unlimited"', () => {
    const bigId = MAX_UINT256;
    const found = run(tx(NFT, calldata('approve', [SPENDER, bigId])));
    expect(found.map((f) => f.code)).toEqual(['erc721-approval']);
    expect(found[0]!.params).toEqual({ spender: SPENDER, collection: NFT, tokenId: bigId.toString() });
    expect(found[0]!.message.en).toContain(`#${bigId}`);
  });

  it('the same calldata without the fact is read as ERC-20 (what the decoder shows today)', () => {
    expect(codes(tx(NFT, calldata('approve', [SPENDER, MAX_UINT256])), {})).toEqual(['warning:erc20-unlimited-approval']);
  });

  it('approve(0, id) clears an NFT approval; approving an EOA for one NFT is danger', () => {
    expect(codes(tx(NFT, calldata('approve', [ZERO, 1n])))).toEqual([]);
    expect(codes(tx(NFT, calldata('approve', [EOA, 1n])))).toEqual(['danger:spender-is-eoa', 'warning:erc721-approval']);
  });

  it('transferFrom on an ERC-721 is an NFT transfer; safeTransferFrom is one even without facts', () => {
    expect(run(tx(NFT, calldata('transferFrom', [USER, OTHER, 9n])))[0]).toMatchObject({ code: 'erc721-transfer', params: { tokenId: '9', from: USER, recipient: OTHER } });
    expect(codes(tx(NFT, calldata('safeTransferFrom', [USER, OTHER, 9n])), {})).toEqual(['info:erc721-transfer']);
    expect(codes(tx(TOKEN, calldata('transferFrom', [USER, OTHER, 9n])))).toEqual([]);
  });
});

describe('setApprovalForAll', () => {
  it('true → danger naming operator and collection; to an EOA adds the EOA danger', () => {
    const [f] = run(tx(NFT, calldata('setApprovalForAll', [SPENDER, true])));
    expect(f).toMatchObject({ code: 'nft-approval-for-all', severity: 'danger', params: { operator: SPENDER, collection: NFT } });
    expect(codes(tx(NFT, calldata('setApprovalForAll', [EOA, true])))).toEqual(['danger:nft-approval-for-all', 'danger:spender-is-eoa']);
  });

  it('false → info only', () => {
    expect(codes(tx(NFT, calldata('setApprovalForAll', [EOA, false])))).toEqual(['info:nft-approval-for-all-revoke']);
  });
});

describe('recipients', () => {
  it('native value to the zero address, to a contract, to an EIP-7702 account, and value 0', () => {
    expect(codes(tx(ZERO, '0x', '0xde0b6b3a7640000'))).toEqual(['warning:recipient-zero-address']);
    expect(codes(tx(SPENDER, '0x', '1000'))).toEqual(['warning:recipient-is-contract']);
    const delegated: RiskFacts = { evm: { [SPENDER.toLowerCase()]: { hasCode: true, delegatedTo: OTHER } } };
    expect(codes(tx(SPENDER, '0x', '1000'), delegated)).toEqual([]);
    expect(codes(tx(ZERO, '0x', '0x0'))).toEqual([]);
  });

  it('ERC-20 transfer to the zero address or to the token itself', () => {
    expect(codes(tx(TOKEN, calldata('transfer', [ZERO, 1n])))).toEqual(['warning:recipient-zero-address']);
    expect(run(tx(TOKEN, calldata('transfer', [TOKEN, 1n])))[0]).toMatchObject({ code: 'recipient-token-contract', params: { token: TOKEN } });
    expect(codes(tx(TOKEN, calldata('transfer', [OTHER, 1n])))).toEqual([]);
  });

  it('look-alike recipients of token and native transfers', () => {
    const trusted = '0xabcd000000000000000000000000000000001234';
    const fake = '0xabcd999999999999999999999999999999991234';
    const facts: RiskFacts = { ...evmFacts, addressBook: [trusted] };
    expect(codes(tx(TOKEN, calldata('transfer', [fake, 1n])), facts)).toEqual(['danger:address-poisoning']);
    expect(codes(tx(fake, '0x', '1'), facts)).toEqual(['danger:address-poisoning']);
  });

  it('contract calls it does not know and deployments produce nothing', () => {
    expect(codes(tx(SPENDER, '0x12345678'))).toEqual([]);
    expect(runRules('evm-transaction', { tx: { from: USER, to: null, data: '0x6000' } }, evmFacts)).toEqual([]);
  });
});

describe('evmFactTargets', () => {
  it('names the addresses whose code and ERC-165 answers the rules read', () => {
    expect(evmFactTargets('evm-transaction', tx(TOKEN, calldata('approve', [SPENDER, 1n])))).toEqual({ code: [SPENDER], erc165: [TOKEN] });
    expect(evmFactTargets('evm-transaction', tx(NFT, calldata('setApprovalForAll', [EOA, true])))).toEqual({ code: [EOA], erc165: [NFT] });
    expect(evmFactTargets('evm-transaction', tx(TOKEN, calldata('transfer', [OTHER, 1n])))).toEqual({ code: [OTHER], erc165: [] });
    expect(evmFactTargets('evm-transaction', tx(OTHER, '0x', '1'))).toEqual({ code: [OTHER], erc165: [] });
    expect(evmFactTargets('personal-sign', { message: 'hi' })).toEqual({ code: [], erc165: [] });
  });
});
