/**
 * Token logs → movements and approvals of the user's own accounts. ERC-20 and ERC-721 share the Transfer and Approval
 * signatures and are told apart by the log's shape: ERC-20 indexes two arguments and puts the amount in `data`
 * (3 topics, 32-byte data); ERC-721 indexes all three (4 topics, empty data). Other shapes are not token movements.
 */
import { decodeAbiParameters, getAddress, type Address, type Hex } from 'viem';
import type { ApprovalGrant, AssetChange, RawLog } from './types';

export const TOPICS = {
  Transfer: '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
  Approval: '0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925',
  ApprovalForAll: '0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31',
  TransferSingle: '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62',
  TransferBatch: '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb',
} as const;

const MAX_UINT256 = (1n << 256n) - 1n;

export interface Erc20Movement { token: Address; from: Address; to: Address; amount: bigint }

export interface LogSummary {
  /** ERC-20 transfers in which an own account sends or receives, in log order. */
  erc20: Erc20Movement[];
  /** ERC-20 contracts of those transfers, in order of first appearance. */
  erc20Tokens: Address[];
  /** ERC-721 ids that own accounts send or receive (one entry per side that is own). */
  nfts: Extract<AssetChange, { kind: 'erc721' }>[];
  /** ERC-1155 net amount per (own account, token, id), zero nets dropped. */
  multiTokens: Extract<AssetChange, { kind: 'erc1155' }>[];
  approvals: ApprovalGrant[];
}

const topicAddress = (t: Hex | undefined): Address | null =>
  t && /^0x0{24}[0-9a-fA-F]{40}$/.test(t) ? getAddress(`0x${t.slice(26)}`) : null;
const topicUint = (t: Hex | undefined): bigint | null => (t && /^0x[0-9a-fA-F]{64}$/.test(t) ? BigInt(t) : null);
const word = (data: Hex, i: number): bigint | null => {
  const hex = data.slice(2 + 64 * i, 2 + 64 * (i + 1));
  return hex.length === 64 ? BigInt(`0x${hex}`) : null;
};

export function summarizeLogs(logs: readonly RawLog[], accounts: readonly Address[]): LogSummary {
  const own = new Set(accounts.map((a) => a.toLowerCase()));
  const isOwn = (a: Address | null): a is Address => a !== null && own.has(a.toLowerCase());
  const out: LogSummary = { erc20: [], erc20Tokens: [], nfts: [], multiTokens: [], approvals: [] };
  const tokenSeen = new Set<string>();
  const multi = new Map<string, Extract<AssetChange, { kind: 'erc1155' }>>();
  const addMulti = (account: Address, token: Address, tokenId: bigint, delta: bigint) => {
    const key = `${account}:${token}:${tokenId}`;
    const prev = multi.get(key);
    if (prev) prev.delta += delta;
    else multi.set(key, { kind: 'erc1155', account, token, tokenId, delta });
  };

  for (const log of logs) {
    const [sig, t1, t2, t3] = log.topics;
    const token = getAddress(log.address);
    const dataBytes = (log.data.length - 2) / 2;
    if (sig === TOPICS.Transfer) {
      const from = topicAddress(t1);
      const to = topicAddress(t2);
      if (!from || !to || !(isOwn(from) || isOwn(to))) continue;
      if (log.topics.length === 3 && dataBytes === 32) {
        out.erc20.push({ token, from, to, amount: word(log.data, 0) as bigint });
        if (!tokenSeen.has(token)) {
          tokenSeen.add(token);
          out.erc20Tokens.push(token);
        }
      } else if (log.topics.length === 4 && dataBytes === 0) {
        const tokenId = topicUint(t3) as bigint;
        if (isOwn(from)) out.nfts.push({ kind: 'erc721', account: from, token, tokenId, direction: 'out' });
        if (isOwn(to)) out.nfts.push({ kind: 'erc721', account: to, token, tokenId, direction: 'in' });
      }
    } else if (sig === TOPICS.Approval) {
      const owner = topicAddress(t1);
      const spender = topicAddress(t2);
      if (!owner || !spender || !isOwn(owner)) continue;
      if (log.topics.length === 3 && dataBytes === 32) {
        const amount = word(log.data, 0) as bigint;
        out.approvals.push({ kind: 'erc20', owner, token, spender, amount, unlimited: amount === MAX_UINT256 });
      } else if (log.topics.length === 4 && dataBytes === 0) {
        out.approvals.push({ kind: 'erc721', owner, token, spender, tokenId: topicUint(t3) as bigint });
      }
    } else if (sig === TOPICS.ApprovalForAll && log.topics.length === 3 && dataBytes === 32) {
      const owner = topicAddress(t1);
      const operator = topicAddress(t2);
      if (owner && operator && isOwn(owner)) out.approvals.push({ kind: 'approval-for-all', owner, token, operator, approved: word(log.data, 0) !== 0n });
    } else if ((sig === TOPICS.TransferSingle || sig === TOPICS.TransferBatch) && log.topics.length === 4) {
      const from = topicAddress(t2);
      const to = topicAddress(t3);
      if (!from || !to || !(isOwn(from) || isOwn(to))) continue;
      let moves: Array<[bigint, bigint]>;
      try {
        moves = sig === TOPICS.TransferSingle
          ? [decodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], log.data) as [bigint, bigint]]
          : (() => {
            const [ids, values] = decodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], log.data);
            return ids.map((id, i) => [id, values[i] ?? 0n] as [bigint, bigint]);
          })();
      } catch {
        continue; // not the ERC-1155 layout
      }
      for (const [id, value] of moves) {
        if (isOwn(from)) addMulti(from, token, id, -value);
        if (isOwn(to)) addMulti(to, token, id, value);
      }
    }
  }
  out.multiTokens = [...multi.values()].filter((c) => c.delta !== 0n);
  return out;
}
