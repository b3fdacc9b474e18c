import { createNonceTrackers } from '../../../../src/chains/evm/nonceTracker';
import { beforeAll, describe, expect, it } from 'vitest';
import { recoverMessageAddress, verifyTypedData } from 'viem';
import { createDappRouter, originOfSender } from '../../../../src/background/dapp/router';
import { createPermissions } from '../../../../src/background/dapp/permissions';
import { createNetworkSelection } from '../../../../src/background/dapp/networkSelection';
import { createCustomNetworkStore } from '../../../../src/chains/customNetworkStore';
import { createMemoryStorage } from '../../../../src/background/storageArea';
import { createWallet } from '../../../../src/background/wallet';
import type { Approvals } from '../../../../src/background/dapp/approvals';
import type { DappContext } from '../../../../src/background/handlers/dapp/context';
import type { ApprovalDecision, ApprovalView } from '../../../../src/shared/approval';
import type { DappEvent, DappResponse } from '../../../../src/shared/protocol/envelope';
import eip712 from '../../../vectors/eip712.json' with { type: 'json' };

const PHRASE = 'test test test test test test test test test test test junk';
const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ORIGIN = 'https://dapp.example';

type Env = { ctx: DappContext; asked: Array<Omit<ApprovalView, 'id'>>; events: Array<[string, DappEvent]>; decide: (v: Omit<ApprovalView, 'id'>) => ApprovalDecision };

async function makeEnv(): Promise<Env> {
  const local = createMemoryStorage();
  const session = createMemoryStorage();
  const wallet = createWallet({ local, session, alarms: { schedule: async () => {}, clear: async () => {} }, now: () => 1_000 });
  await wallet.setupWallet({ phrase: PHRASE, password: 'router test pw' });
  const asked: Env['asked'] = [];
  const events: Env['events'] = [];
  const env = {} as Env;
  env.decide = () => ({ approved: false });
  const approvals = {
    request: async (v: Omit<ApprovalView, 'id'>) => { asked.push(v); return env.decide(v); },
  } as unknown as Approvals;
  const customNetworks = createCustomNetworkStore(local);
  // No RPC in these tests: any fetch is a failure.
  const networks = createNetworkSelection(local, customNetworks, async () => { throw new Error('no network in unit tests'); });
  env.ctx = {
    origin: ORIGIN, wallet, permissions: createPermissions(local, () => 1_000), approvals, networks, customNetworks, local, nonces: createNonceTrackers(() => 1_000),
    now: () => 1_000, emit: (o, e) => events.push([o, e]), emitConnected: async (_f, make) => { const e = make(ORIGIN); if (e) events.push([ORIGIN, e]); },
  };
  env.asked = asked;
  env.events = events;
  return env;
}

let env: Env;
let n = 0;
const route = createDappRouter({ now: () => 0, burst: 5_000, perSecond: 0 });
async function rpc(method: string, params?: unknown, family: 'evm' | 'solana' = 'evm'): Promise<DappResponse> {
  return (await route({ id: `r${++n}`, family, method, params }, env.ctx))!;
}
const err = (r: DappResponse) => ('error' in r ? r.error.code : 'no error');
const res = (r: DappResponse) => {
  if ('error' in r) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.result;
};

beforeAll(async () => { env = await makeEnv(); });

describe('origin', () => {
  it('comes from the port sender: http(s) only', () => {
    expect(originOfSender({ origin: 'https://a.example', url: 'https://a.example/x' })).toBe('https://a.example');
    expect(originOfSender({ url: 'http://127.0.0.1:3000/page?q=1' })).toBe('http://127.0.0.1:3000');
    expect(originOfSender({ origin: 'null', url: 'about:blank' })).toBeNull();
    expect(originOfSender({ url: 'chrome-extension://abc/popup.html' })).toBeNull();
    expect(originOfSender({ url: 'file:///etc/passwd' })).toBeNull();
    expect(originOfSender(undefined)).toBeNull();
  });
});

describe('router', () => {
  it('answers nothing without an id, and -32600 to a request of the wrong shape', async () => {
    expect(await route(null, env.ctx)).toBeNull();
    expect(await route({ method: 'eth_chainId' }, env.ctx)).toBeNull();
    expect(await route({ id: 'x'.repeat(65), family: 'evm', method: 'eth_chainId' }, env.ctx)).toBeNull();
    expect(err((await route({ id: 'a', family: 'bitcoin', method: 'eth_chainId' }, env.ctx))!)).toBe(-32600);
    expect(err((await route({ id: 'a', family: 'evm', method: 42 }, env.ctx))!)).toBe(-32600);
  });

  it('-32601 for unknown methods (including prototype names), 4200 for eth_sign', async () => {
    for (const m of ['eth_foo', '__proto__', 'constructor', 'toString']) expect(err(await rpc(m))).toBe(-32601);
    expect(err(await rpc('eth_sign', [ACCOUNT0, '0x00']))).toBe(4200);
    expect(env.asked).toHaveLength(0);
  });

  it('eth_chainId / net_version / eth_accounts without connection', async () => {
    expect(res(await rpc('eth_chainId'))).toBe('0x7a69');
    expect(res(await rpc('net_version'))).toBe('31337');
    expect(res(await rpc('eth_accounts'))).toEqual([]);
  });

  it('4100 before any approval when an unconnected site asks for a signature', async () => {
    expect(err(await rpc('personal_sign', ['0x68656c6c6f', ACCOUNT0]))).toBe(4100);
    expect(err(await rpc('eth_sendTransaction', [{ from: ACCOUNT0, to: ACCOUNT0 }]))).toBe(4100);
    expect(err(await rpc('solana:signMessage', { account: 'x', message: 'aGk=' }, 'solana'))).toBe(4100);
    expect(env.asked).toHaveLength(0);
  });

  it('a rejected connect is 4001 and grants nothing; an approved one grants the chosen accounts and emits', async () => {
    env.decide = () => ({ approved: false });
    expect(err(await rpc('eth_requestAccounts'))).toBe(4001);
    expect(await env.ctx.permissions.get(ORIGIN, 'evm')).toBeNull();
    env.decide = () => ({ approved: true, accounts: [ACCOUNT0, '0x0000000000000000000000000000000000000001'] });
    expect(res(await rpc('eth_requestAccounts'))).toEqual([ACCOUNT0]);
    expect(env.asked.at(-1)).toMatchObject({ origin: ORIGIN, kind: 'connect', family: 'evm' });
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:accountsChanged', data: [ACCOUNT0] }]);
    expect(res(await rpc('eth_accounts'))).toEqual([ACCOUNT0]);
    const asked = env.asked.length;
    expect(res(await rpc('eth_requestAccounts'))).toEqual([ACCOUNT0]); // already connected: no second window
    expect(env.asked).toHaveLength(asked);
  });

  it('personal_sign signs exactly what was shown; a request for another account is 4100', async () => {
    env.decide = () => ({ approved: true });
    const sig = res(await rpc('personal_sign', ['0xe4bda0e5a5bd', ACCOUNT0])) as `0x${string}`;
    expect(env.asked.at(-1)).toMatchObject({ kind: 'personal-sign', account: ACCOUNT0, details: { text: '你好' } });
    expect(await recoverMessageAddress({ message: '你好', signature: sig })).toBe(ACCOUNT0);
    expect(err(await rpc('personal_sign', ['0x00', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8']))).toBe(4100);
    env.decide = () => ({ approved: false });
    expect(err(await rpc('personal_sign', ['0x00', ACCOUNT0]))).toBe(4001);
    expect(err(await rpc('personal_sign', [{}, ACCOUNT0]))).toBe(-32602);
  });

  it('eth_signTypedData_v4 signs the Mail example and warns about the foreign chainId', async () => {
    env.decide = () => ({ approved: true });
    const mail = eip712.vectors.find((v) => v.id === 'eip712-spec-mail')!.typed_data;
    const sig = res(await rpc('eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(mail)])) as `0x${string}`;
    expect(env.asked.at(-1)!.warnings.map((w) => w.code)).toContain('typed-data-chain-mismatch');
    expect(await verifyTypedData({ address: ACCOUNT0, ...(mail as object), signature: sig } as never)).toBe(true);
    expect(err(await rpc('eth_signTypedData_v4', [ACCOUNT0, '{not json']))).toBe(-32602);
  });

  it('wallet_switchEthereumChain: 4902 for an unknown chain, -32602 for a malformed id, chainChanged after approval', async () => {
    expect(err(await rpc('wallet_switchEthereumChain', [{ chainId: '0x999999' }]))).toBe(4902);
    expect(err(await rpc('wallet_switchEthereumChain', [{ chainId: '0x01' }]))).toBe(-32602);
    expect(err(await rpc('wallet_switchEthereumChain', []))).toBe(-32602);
    env.decide = () => ({ approved: true });
    expect(res(await rpc('wallet_switchEthereumChain', [{ chainId: '0xaa36a7' }]))).toBeNull();
    expect(res(await rpc('eth_chainId'))).toBe('0xaa36a7');
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:chainChanged', data: '0xaa36a7' }]);
    expect(res(await rpc('wallet_switchEthereumChain', [{ chainId: '0x7a69' }]))).toBeNull();
  });

  it('wallet_revokePermissions removes the connection and emits accountsChanged []', async () => {
    expect(res(await rpc('wallet_revokePermissions', [{ eth_accounts: {} }]))).toBeNull();
    expect(env.events.at(-1)).toEqual([ORIGIN, { event: 'evm:accountsChanged', data: [] }]);
    expect(res(await rpc('eth_accounts'))).toEqual([]);
    expect(res(await rpc('wallet_getPermissions'))).toEqual([]);
  });

  it('rate limits per origin with -32005', async () => {
    const tight = createDappRouter({ now: () => 0, burst: 3, perSecond: 0 });
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const r = (await tight({ id: `t${i}`, family: 'evm', method: 'eth_chainId' }, env.ctx))!;
      codes.push('error' in r ? r.error.code : 'ok');
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', -32005, -32005]);
  });

  it('never lets an internal error message through', async () => {
    // The selected network has no reachable RPC here: the forwarded call fails with a coded error.
    const r = await rpc('eth_blockNumber');
    expect('error' in r && typeof r.error.code === 'number').toBe(true);
  });
});
