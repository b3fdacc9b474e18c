/**
 * Shared fakes for the dapp router and handler tests: a real wallet (demo phrase, two HD accounts) rebuilt per test
 * from a storage snapshot, an approval fake that records what the window would show, an RPC fake per network, and
 * recorded events. Every `makeDappEnv()` is independent: nothing a test does is seen by another.
 */
import { decodeFunctionData, encodeFunctionResult, erc20Abi, keccak256, numberToHex, type Hex } from 'viem';
import { createDappRouter } from '../../../../src/background/dapp/router';
import { createPermissions } from '../../../../src/background/dapp/permissions';
import { createNetworkSelection } from '../../../../src/background/dapp/networkSelection';
import type { Approvals } from '../../../../src/background/dapp/approvals';
import type { DappContext } from '../../../../src/background/handlers/dapp/context';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createWallet } from '../../../../src/background/wallet';
import { hdAccountId } from '../../../../src/background/accountsStore';
import { createCustomNetworkStore } from '../../../../src/background/stores/customNetworkStore';
import { createNonceTrackers } from '../../../../src/chains/evm/nonceTracker';
import type { Network } from '../../../../src/chains/ChainAdapter';
import type { FetchLike, RpcCall } from '../../../../src/chains/rpcTransport';
import type { ApprovalDecision, ApprovalView } from '../../../../src/shared/approval';
import type { DappEvent, DappResponse } from '../../../../src/shared/protocol/envelope';
import { fakeTransport } from '../../chains/fakeTransport';

export const PHRASE = 'test test test test test test test test test test test junk';
export const ORIGIN = 'https://dapp.example';
/** The demo phrase's first two EVM accounts (Hardhat's well-known accounts #0 and #1). */
export const EVM0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const EVM1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const NOW = 1_000;

type Snapshot = { local: Record<string, unknown>; session: Record<string, unknown>; solana: [string, string] };
let snapshot: Promise<Snapshot> | undefined;

/** The vault is sealed once per test file (Argon2id is slow); each env gets its own copy of the storage. */
function walletSnapshot(): Promise<Snapshot> {
  snapshot ??= (async () => {
    const local = createMemoryStorage();
    const session = createMemoryStorage();
    const wallet = createWallet({ local, session, alarms: { schedule: async () => {}, clear: async () => {} }, now: () => NOW });
    await wallet.setupWallet({ phrase: PHRASE, password: 'dapp test password' });
    await wallet.addAccount();
    await wallet.selectAccount({ id: hdAccountId(0) });
    const { addresses } = await wallet.addresses('solana');
    return { local: local.dump(), session: session.dump(), solana: [addresses[0]!, addresses[1]!] };
  })();
  return snapshot;
}

export type RpcNode = (call: RpcCall, network: Network) => unknown;
type Asked = Omit<ApprovalView, 'id'>;

export type DappEnv = Awaited<ReturnType<typeof makeDappEnv>>;

export async function makeDappEnv(opts: {
  origin?: string;
  /** Replaces the approval fake (e.g. the real createApprovals). */
  approvals?: Approvals;
  /** The fetch behind the real RPC transports (default: every request fails, as with no network). */
  fetch?: FetchLike;
  now?: () => number;
  /** The wallet's change notice (lock, unlock, accounts), as the background wires it. */
  onWalletChange?: () => void;
  burst?: number;
  perSecond?: number;
} = {}) {
  const snap = await walletSnapshot();
  const local = createMemoryStorage(structuredClone(snap.local));
  const session = createMemoryStorage(structuredClone(snap.session));
  const now = opts.now ?? (() => NOW);
  const wallet = createWallet({ local, session, alarms: { schedule: async () => {}, clear: async () => {} }, now, onChange: () => opts.onWalletChange?.() });
  const origin = opts.origin ?? ORIGIN;
  const asked: Asked[] = [];
  const events: Array<[string, DappEvent]> = [];
  const state = {
    /** What the user answers in the approval window. */
    decide: (_v: Asked): ApprovalDecision | Promise<ApprovalDecision> => ({ approved: false }),
    /** When set, every network's RPC answers from this fake node (a throw is a JSON-RPC error -32000). */
    node: null as RpcNode | null,
  };
  const approvals = opts.approvals ?? ({
    request: async (v: Asked) => { asked.push(v); return state.decide(v); },
    rejectSite: () => 0,
  } as unknown as Approvals);
  const fetchImpl: FetchLike = opts.fetch ?? (async () => { throw new Error('no network in unit tests'); });
  const customNetworks = createCustomNetworkStore(local, { fetch: fetchImpl });
  const real = createNetworkSelection(local, customNetworks, fetchImpl);
  const rpcCalls: RpcCall[] = [];
  const networks: typeof real = {
    ...real,
    transport(network) {
      const node = state.node;
      if (!node) return real.transport(network);
      return fakeTransport((c) => { rpcCalls.push(c); return node(c, network); });
    },
  };
  const ctx: DappContext = {
    origin, wallet, permissions: createPermissions(local, now), approvals, networks, customNetworks, local, now,
    nonces: createNonceTrackers(now),
    emit: (o, e) => { events.push([o, e]); },
    // This env has one open page (its origin); the real wiring asks permissions per open origin.
    emitConnected: async (_f, make) => { const e = make(origin); if (e) events.push([origin, e]); },
  };
  const route = createDappRouter({ now, burst: opts.burst ?? 5_000, perSecond: opts.perSecond ?? 0 });
  let n = 0;
  return {
    ctx, local, session, wallet, asked, events, rpcCalls, route, state,
    accounts: { evm: [EVM0, EVM1] as const, solana: snap.solana },
    /** One request through the router, as a page would send it. */
    async call(method: string, params?: unknown, family: 'evm' | 'solana' = 'evm'): Promise<DappResponse> {
      return (await route({ id: `r${++n}`, family, method, params }, ctx))!;
    },
    /** Connect the origin (as an approved connect would) without a window. */
    async connect(family: 'evm' | 'solana', accounts: readonly string[]): Promise<void> {
      await ctx.permissions.grant(origin, family, [...accounts]);
    },
  };
}

export const errorOf = (r: DappResponse) => ('error' in r ? r.error : null);
export const codeOf = (r: DappResponse) => ('error' in r ? r.error.code : 'no error');
export const resultOf = (r: DappResponse): unknown => {
  if ('error' in r) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.result;
};

/** A fetch that answers JSON-RPC (single or batch) from a fake node; records the URLs it was asked. */
export function fetchFromNode(node: (call: RpcCall, url: string) => unknown): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const answer = (url: string, r: { id: unknown; method: string; params?: unknown[] }) => {
    try {
      return { jsonrpc: '2.0', id: r.id, result: node({ method: r.method, params: r.params ?? [] }, url) };
    } catch (e) {
      return { jsonrpc: '2.0', id: r.id, error: { code: -32000, message: (e as Error).message } };
    }
  };
  const fetch = async (url: string, init: { body: string }) => {
    urls.push(url);
    const body = JSON.parse(init.body) as Parameters<typeof answer>[1] | Array<Parameters<typeof answer>[1]>;
    const out = Array.isArray(body) ? body.map((r) => answer(url, r)) : answer(url, body);
    return { ok: true, status: 200, text: async () => JSON.stringify(out) };
  };
  return Object.assign(fetch, { urls });
}

export type FakeToken = { symbol: string; decimals: number; name: string };

/**
 * An EVM node good enough for prepareTransactionRequest, readEvmToken and a broadcast: EIP-1559 fees, a fixed
 * pending nonce, ERC-20 metadata for `tokens` (keyed by lowercase address). `broadcast` decides what
 * eth_sendRawTransaction does with each raw transaction (default: accept, answer its hash).
 */
export function fakeEvmNode(opts: {
  chainId?: number; pendingNonce?: number; tokens?: Record<string, FakeToken>; broadcast?: (raw: Hex, i: number) => void;
} = {}) {
  const raws: Hex[] = [];
  const node: RpcNode = ({ method, params = [] }) => {
    switch (method) {
      case 'eth_chainId': return numberToHex(opts.chainId ?? 31337);
      case 'eth_getBlockByNumber': return { number: '0x10', hash: `0x${'11'.repeat(32)}`, baseFeePerGas: '0x3b9aca00', timestamp: '0x1', transactions: [] };
      case 'eth_maxPriorityFeePerGas': return '0x3b9aca00';
      case 'eth_gasPrice': return '0x77359400';
      case 'eth_estimateGas': return '0x5208';
      case 'eth_getTransactionCount': return numberToHex(opts.pendingNonce ?? 0);
      case 'eth_getCode': return opts.tokens?.[String(params[0]).toLowerCase()] ? '0x6080' : '0x';
      case 'eth_call': {
        const { to, data } = params[0] as { to: string; data: Hex };
        const token = opts.tokens?.[to.toLowerCase()];
        if (!token) return '0x';
        const { functionName } = decodeFunctionData({ abi: erc20Abi, data });
        if (functionName === 'decimals') return encodeFunctionResult({ abi: erc20Abi, functionName, result: token.decimals });
        if (functionName === 'symbol' || functionName === 'name') return encodeFunctionResult({ abi: erc20Abi, functionName, result: token[functionName] });
        throw new Error(`execution reverted: ${functionName}`);
      }
      case 'eth_sendRawTransaction': {
        const raw = params[0] as Hex;
        raws.push(raw);
        opts.broadcast?.(raw, raws.length - 1);
        return keccak256(raw);
      }
      default: throw new Error(`fake node: ${method} is not implemented`);
    }
  };
  return { node, raws };
}
