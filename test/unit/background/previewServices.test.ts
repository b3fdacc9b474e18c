// Token rows of a preview get the contract's own symbol and decimals (a swap's other side is named by nobody).
import { describe, expect, it } from 'vitest';
import { labelTokens } from '../../../src/background/previewServices';
import type { WhatHappensView } from '../../../src/shared/preview';

const A = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const B = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const C = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const U = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const view: WhatHappensView = {
  simulated: true, engine: 'in-worker-evm', at: '9', rpcHost: '127.0.0.1',
  changes: [
    { account: U, asset: 'native', symbol: 'ETH', decimals: 18, delta: '-5' },
    { account: U, asset: 'token', token: A, delta: '-1000000000' },
    { account: U, asset: 'token', token: B, symbol: 'KNOWN', decimals: 2, delta: '7' },
    { account: U, asset: 'token', token: C, delta: '3' },
    { account: U, asset: 'nft', token: C, tokenId: '1', delta: '1' },
  ],
};

describe('labelTokens', () => {
  it('fills symbol and decimals of unnamed token rows, once per token; keeps named rows, NFTs, and tokens that do not answer', async () => {
    const asked: string[] = [];
    const out = await labelTokens(view, async (t) => {
      asked.push(t);
      if (t === C) throw new Error('not an ERC-20');
      return { symbol: 'mUSD', decimals: 6 };
    });
    expect(asked.sort()).toEqual([A, C].sort());
    expect(out.simulated && out.changes).toEqual([
      view.changes[0],
      { account: U, asset: 'token', token: A, symbol: 'mUSD', decimals: 6, delta: '-1000000000' },
      view.changes[2], view.changes[3], view.changes[4],
    ]);
  });

  it('a preview that was not simulated, or has nothing to label, asks nothing', async () => {
    let calls = 0;
    const read = async () => { calls++; return { symbol: 'X', decimals: 0 }; };
    expect(await labelTokens({ simulated: false, reason: 'r' }, read)).toEqual({ simulated: false, reason: 'r' });
    expect(await labelTokens({ ...view, changes: [view.changes[0]!] }, read)).toEqual({ ...view, changes: [view.changes[0]!] });
    expect(calls).toBe(0);
  });
});
