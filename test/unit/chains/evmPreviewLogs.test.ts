// Token logs → movements and approvals of own accounts; ERC-20 vs ERC-721 told apart by the log's shape.
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeEventTopics, getAddress, maxUint256, parseAbi, toEventSelector, type Address, type Hex } from 'viem';
import { summarizeLogs, TOPICS } from '../../../src/chains/evm/preview';
import type { RawLog } from '../../../src/chains/evm/preview/types';

const ME: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ME2: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const OTHER: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const MUSD: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const NFT: Address = getAddress('0x00000000000000000000000000000000000c0ffe');
const MULTI: Address = '0x0000000000000000000000000000000000001155';

// Recorded from anvil (eth_simulateV1 of DemoToken.transfer(OTHER, 5 mUSD) by ME).
const ERC20_TRANSFER: RawLog = {
  address: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  topics: ['0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef', '0x00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8', '0x0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc'],
  data: '0x00000000000000000000000000000000000000000000000000000000004c4b40',
};
const erc721 = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)',
  'event ApprovalForAll(address indexed owner, address indexed operator, bool approved)',
]);
const erc20 = parseAbi(['event Approval(address indexed owner, address indexed spender, uint256 value)']);
const erc1155 = parseAbi([
  'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)',
  'event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)',
]);
const log = (address: Address, topics: readonly unknown[], data: Hex = '0x'): RawLog => ({ address, topics: topics as Hex[], data });

describe('summarizeLogs', () => {
  it('event topics are the keccak of the standard signatures', () => {
    expect(TOPICS.Transfer).toBe(toEventSelector('Transfer(address,address,uint256)'));
    expect(TOPICS.Approval).toBe(toEventSelector('Approval(address,address,uint256)'));
    expect(TOPICS.ApprovalForAll).toBe(toEventSelector('ApprovalForAll(address,address,bool)'));
    expect(TOPICS.TransferSingle).toBe(toEventSelector('TransferSingle(address,address,address,uint256,uint256)'));
    expect(TOPICS.TransferBatch).toBe(toEventSelector('TransferBatch(address,address,address,uint256[],uint256[])'));
  });

  it('ERC-20 Transfer (3 topics + 32-byte data) is a fungible movement', () => {
    const s = summarizeLogs([ERC20_TRANSFER], [ME]);
    expect(s.erc20).toEqual([{ token: MUSD, from: ME, to: OTHER, amount: 5_000_000n }]);
    expect(s.erc20Tokens).toEqual([MUSD]);
    expect(s.nfts).toEqual([]);
    // Not involving an own account: ignored.
    expect(summarizeLogs([ERC20_TRANSFER], [ME2])).toEqual({ erc20: [], erc20Tokens: [], nfts: [], multiTokens: [], approvals: [] });
  });

  it('ERC-721 Transfer (4 topics, empty data) is an id, never an amount', () => {
    const topics = encodeEventTopics({ abi: erc721, eventName: 'Transfer', args: { from: OTHER, to: ME, tokenId: 42n } });
    const mint = encodeEventTopics({ abi: erc721, eventName: 'Transfer', args: { from: '0x0000000000000000000000000000000000000000', to: ME2, tokenId: 7n } });
    const s = summarizeLogs([log(NFT, topics), log(NFT, mint)], [ME, ME2]);
    expect(s.nfts).toEqual([
      { kind: 'erc721', account: ME, token: NFT, tokenId: 42n, direction: 'in' },
      { kind: 'erc721', account: ME2, token: NFT, tokenId: 7n, direction: 'in' },
    ]);
    expect(s.erc20).toEqual([]);
    // Between two own accounts: one entry per side.
    const move = encodeEventTopics({ abi: erc721, eventName: 'Transfer', args: { from: ME, to: ME2, tokenId: 1n } });
    expect(summarizeLogs([log(NFT, move)], [ME, ME2]).nfts.map((n) => [n.account, n.direction])).toEqual([[ME, 'out'], [ME2, 'in']]);
  });

  it('a Transfer of another shape (3 topics, no data) is not a token movement', () => {
    expect(summarizeLogs([{ ...ERC20_TRANSFER, data: '0x' }], [ME]).erc20).toEqual([]);
  });

  it('ERC-1155 TransferSingle and TransferBatch net per (account, token, id)', () => {
    const single = encodeEventTopics({ abi: erc1155, eventName: 'TransferSingle', args: { operator: OTHER, from: ME, to: OTHER } });
    const batchIn = encodeEventTopics({ abi: erc1155, eventName: 'TransferBatch', args: { operator: OTHER, from: OTHER, to: ME } });
    const s = summarizeLogs([
      log(MULTI, single, encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [1n, 10n])),
      log(MULTI, batchIn, encodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], [[1n, 2n], [4n, 3n]])),
    ], [ME]);
    expect(s.multiTokens).toEqual([
      { kind: 'erc1155', account: ME, token: MULTI, tokenId: 1n, delta: -6n },
      { kind: 'erc1155', account: ME, token: MULTI, tokenId: 2n, delta: 3n },
    ]);
  });

  it('approvals: ERC-20 (unlimited flagged), ERC-721 single, ApprovalForAll; only those of own owners', () => {
    const a20 = encodeEventTopics({ abi: erc20, eventName: 'Approval', args: { owner: ME, spender: OTHER } });
    const a721 = encodeEventTopics({ abi: erc721, eventName: 'Approval', args: { owner: ME, approved: OTHER, tokenId: 42n } });
    const all = encodeEventTopics({ abi: erc721, eventName: 'ApprovalForAll', args: { owner: ME, operator: OTHER } });
    const notMine = encodeEventTopics({ abi: erc20, eventName: 'Approval', args: { owner: OTHER, spender: ME } });
    const word = (n: bigint) => encodeAbiParameters([{ type: 'uint256' }], [n]);
    const s = summarizeLogs([
      log(MUSD, a20, word(maxUint256)), log(MUSD, a20, word(5n)), log(NFT, a721), log(NFT, all, word(1n)), log(NFT, all, word(0n)),
      log(MUSD, notMine, word(maxUint256)),
    ], [ME]);
    expect(s.approvals).toEqual([
      { kind: 'erc20', owner: ME, token: MUSD, spender: OTHER, amount: maxUint256, unlimited: true },
      { kind: 'erc20', owner: ME, token: MUSD, spender: OTHER, amount: 5n, unlimited: false },
      { kind: 'erc721', owner: ME, token: NFT, spender: OTHER, tokenId: 42n },
      { kind: 'approval-for-all', owner: ME, token: NFT, operator: OTHER, approved: true },
      { kind: 'approval-for-all', owner: ME, token: NFT, operator: OTHER, approved: false },
    ]);
  });
});
