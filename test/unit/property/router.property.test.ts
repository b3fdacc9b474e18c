/**
 * Property test of the dapp router (validate → rate limit → method → permission → handler) against a real wallet: any
 * message a page can post — arbitrary JSON, or requests for every known method with random, half-right parameters,
 * answered by a random user decision, with the RPC down or answering — gets null (no id) or one JSON answer with the
 * request's id and either a result or a coded error: an integer EIP-1193 / JSON-RPC code, never a wallet code, never
 * a raw exception ("Internal error" from a TypeError), never a rejected promise; each in < 100 ms.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { Keypair, PublicKey, SystemProgram, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import fc from 'fast-check';
import { encodeFunctionData, erc20Abi, keccak256, toHex, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Approvals } from '../../../src/background/dapp/approvals';
import { createNetworkSelection } from '../../../src/background/dapp/networkSelection';
import { createPermissions } from '../../../src/background/dapp/permissions';
import { createDappRouter } from '../../../src/background/dapp/router';
import { EVM_NEEDS_PERMISSION, READ_ONLY_METHODS, evmHandlers } from '../../../src/background/handlers/dapp/evm';
import { solanaHandlers } from '../../../src/background/handlers/dapp/solana';
import type { DappContext } from '../../../src/background/handlers/dapp/context';
import { createMemoryStorage } from '../../../src/background/storageArea';
import { createWallet } from '../../../src/background/wallet';
import { createCustomNetworkStore } from '../../../src/background/stores/customNetworkStore';
import { createNonceTrackers } from '../../../src/chains/evm/nonceTracker';
import type { FetchLike } from '../../../src/chains/rpcTransport';
import type { ApprovalDecision } from '../../../src/shared/approval';
import { base64ToBytes, bytesToBase64 } from '../../../src/shared/encoding';
import type { DappResponse } from '../../../src/shared/protocol/envelope';
import { SlowestCase } from './property';

const PHRASE = 'test test test test test test test test test test test junk';
const ORIGIN = 'https://dapp.example';
const EVM0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PROVIDER_CODES = new Set([4001, 4100, 4200, 4900, 4901, 4902]);
const isPageCode = (c: unknown) => typeof c === 'number' && Number.isInteger(c) && (PROVIDER_CODES.has(c) || (c >= -32768 && c <= -32000) || c === 3);

/** The RPC behind every network: down (fetch fails), or a tiny node answering what the handlers ask. */
const rpc = { up: false };
function answer(method: string, params: unknown[]): unknown {
  switch (method) {
    case 'eth_chainId': return '0x7a69';
    case 'net_version': return '31337';
    case 'eth_blockNumber': return '0x10';
    case 'eth_getBlockByNumber': return { number: '0x10', hash: `0x${'11'.repeat(32)}`, baseFeePerGas: '0x3b9aca00', timestamp: '0x1', transactions: [] };
    case 'eth_maxPriorityFeePerGas': return '0x3b9aca00';
    case 'eth_gasPrice': return '0x77359400';
    case 'eth_estimateGas': return '0x5208';
    case 'eth_getTransactionCount': return '0x0';
    case 'eth_getBalance': return '0xde0b6b3a7640000';
    case 'eth_getCode': case 'eth_call': return '0x';
    case 'eth_sendRawTransaction': return keccak256(params[0] as Hex);
    case 'getLatestBlockhash': return { context: { slot: 1 }, value: { blockhash: '11111111111111111111111111111111', lastValidBlockHeight: 100 } };
    case 'getGenesisHash': return 'GH7ome3EiwEr7tu9JuTh2dpYWBJK3z69Xm1ZE3MEE6JC';
    case 'sendTransaction': return '1'.repeat(64);
    default: throw Object.assign(new Error(`method ${method} not in the fake node`), { code: -32601 });
  }
}
const fetchImpl: FetchLike = async (_url, init) => {
  if (!rpc.up) throw new TypeError('fetch failed');
  const one = (r: { id: unknown; method: string; params?: unknown[] }) => {
    try {
      return { jsonrpc: '2.0', id: r.id, result: answer(r.method, r.params ?? []) };
    } catch (e) {
      return { jsonrpc: '2.0', id: r.id, error: { code: (e as { code?: number }).code ?? -32000, message: (e as Error).message } };
    }
  };
  const body = JSON.parse(init.body) as Parameters<typeof one>[0] | Array<Parameters<typeof one>[0]>;
  const out = Array.isArray(body) ? body.map(one) : one(body);
  return { ok: true, status: 200, text: async () => JSON.stringify(out) };
};

let ctx: DappContext;
let solana0: string;
const user: { decide: () => ApprovalDecision } = { decide: () => ({ approved: false }) };
const route = createDappRouter({ now: () => 1_000, burst: 1e9, perSecond: 0 });

beforeAll(async () => {
  const local = createMemoryStorage();
  const session = createMemoryStorage();
  const wallet = createWallet({ local, session, alarms: { schedule: async () => {}, clear: async () => {} }, now: () => 1_000 });
  await wallet.setupWallet({ phrase: PHRASE, password: 'router property pw' });
  solana0 = (await wallet.addresses('solana')).addresses[0]!;
  const customNetworks = createCustomNetworkStore(local, { fetch: fetchImpl });
  const approvals = { request: async () => user.decide(), rejectSite: () => 0 } as unknown as Approvals;
  ctx = {
    origin: ORIGIN, wallet, permissions: createPermissions(local, () => 1_000), approvals, networks: createNetworkSelection(local, customNetworks, fetchImpl),
    customNetworks, local, nonces: createNonceTrackers(() => 1_000), now: () => 1_000, emit: () => {}, emitConnected: async () => {},
  };
  // Warm the signing paths once (key derivation caches, module init) outside the timed cases.
  await ctx.permissions.grant(ORIGIN, 'evm', [EVM0]);
  await ctx.permissions.grant(ORIGIN, 'solana', [solana0]);
  user.decide = () => ({ approved: true });
  await route({ id: 'w1', family: 'evm', method: 'personal_sign', params: ['0x00', EVM0] }, ctx);
  await route({ id: 'w2', family: 'solana', method: 'solana:signMessage', params: { account: solana0, message: bytesToBase64(new Uint8Array([1])) } }, ctx);
});

// ---- generators ----------------------------------------------------------------------------------------------------

const EVM_METHODS = Object.keys(evmHandlers);
const SOLANA_METHODS = Object.keys(solanaHandlers);
/** The EVM methods that ask the user or change state: drawn more often than the 30 forwarded reads. */
const PROMPTING = ['personal_sign', 'eth_signTypedData_v4', 'eth_signTypedData_v3', 'eth_signTypedData', 'eth_sendTransaction', 'wallet_switchEthereumChain',
  'wallet_addEthereumChain', 'wallet_watchAsset', 'eth_requestAccounts', 'wallet_requestPermissions', 'wallet_revokePermissions'];
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', '0x', '0x0', '0x01', -1, 1e300, 'toString', '__proto__', [], {}));
const anyAddress = fc.oneof(fc.constant(EVM0), fc.constant(EVM0.toLowerCase()), fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${hexOf(b)}`), junk);
const hexQty = fc.oneof(fc.bigInt({ min: 0n, max: 1n << 70n }).map((n) => toHex(n)), junk);
const chainIdHex = fc.oneof(fc.constantFrom('0x1', '0x7a69', '0xaa36a7', '0x89', '0x01', '0x0', '0x999999'), hexQty);
const typedData = fc.oneof(
  fc.constant(JSON.stringify({
    types: { EIP712Domain: [{ name: 'chainId', type: 'uint256' }], M: [{ name: 'v', type: 'uint256' }] }, primaryType: 'M', domain: { chainId: 31337 }, message: { v: '1' },
  })),
  fc.record({ types: junk, primaryType: fc.oneof(fc.constant('M'), junk), domain: junk, message: junk }, { requiredKeys: [] }), fc.string(), junk,
);
const ercCall = fc.tuple(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }))
  .map(([a, n]) => encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [`0x${hexOf(a)}`, n] }));
const evmTx = fc.record({
  from: anyAddress, to: fc.oneof(anyAddress, fc.constant(null)), value: hexQty, data: fc.oneof(ercCall, fc.uint8Array({ maxLength: 40 }).map((b) => `0x${hexOf(b)}`), junk),
  gas: hexQty, chainId: chainIdHex, nonce: hexQty,
}, { requiredKeys: [] });
const KEY = Keypair.fromSeed(new Uint8Array(32).fill(9)).publicKey;
const solTx = (payer: string) => fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 1n << 40n })).map(([asPayer, lamports]) => {
  const feePayer = asPayer ? new PublicKey(payer) : KEY;
  const message = new TransactionMessage({ payerKey: feePayer, recentBlockhash: KEY.toBase58(), instructions: [SystemProgram.transfer({ fromPubkey: feePayer, toPubkey: KEY, lamports })] })
    .compileToV0Message();
  return bytesToBase64(new VersionedTransaction(message).serialize());
});

function paramsFor(method: string): fc.Arbitrary<unknown> {
  const solAccount = fc.oneof(fc.constant(solana0), fc.constant(KEY.toBase58()), junk);
  const solChain = fc.oneof(fc.constantFrom(undefined, 'solana:localnet', 'solana:mainnet', 'solana:devnet', 'solana:foo'), junk);
  const specific: Record<string, fc.Arbitrary<unknown>> = {
    personal_sign: fc.tuple(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 40 }).map((b) => `0x${hexOf(b)}`), junk), anyAddress),
    eth_signTypedData_v4: fc.tuple(anyAddress, typedData),
    eth_signTypedData_v3: fc.tuple(anyAddress, typedData),
    // Legacy v1: [array of { type, name, value }, address].
    eth_signTypedData: fc.tuple(fc.oneof(fc.constant([{ type: 'string', name: 'm', value: 'hi' }, { type: 'uint8', name: 'v', value: 10 }]),
      fc.array(fc.record({ type: fc.oneof(fc.constantFrom('string', 'uint8', 'bytes', 'address', 'bool', 'uint8[]'), junk), name: fc.oneof(fc.string(), junk), value: junk }), { maxLength: 3 }), junk), anyAddress),
    personal_ecRecover: fc.tuple(fc.oneof(fc.string(), junk), fc.oneof(fc.uint8Array({ minLength: 65, maxLength: 65 }).map((b) => `0x${hexOf(b)}`), junk)),
    eth_sendTransaction: fc.tuple(evmTx),
    eth_sign: fc.tuple(anyAddress, hexQty),
    wallet_switchEthereumChain: fc.tuple(fc.record({ chainId: chainIdHex }, { requiredKeys: [] })),
    wallet_addEthereumChain: fc.tuple(fc.record({
      chainId: chainIdHex, chainName: fc.oneof(fc.string(), junk),
      rpcUrls: fc.oneof(fc.array(fc.oneof(fc.constantFrom('https://rpc.example', 'http://127.0.0.1:8545', 'http://10.0.0.1', 'javascript:alert(1)', 'file:///etc/passwd'), fc.webUrl(), junk), { maxLength: 3 }), junk),
      nativeCurrency: fc.oneof(fc.record({ name: fc.string(), symbol: fc.string(), decimals: fc.oneof(fc.nat({ max: 40 }), junk) }), junk),
      blockExplorerUrls: fc.oneof(fc.array(fc.webUrl(), { maxLength: 2 }), junk),
    }, { requiredKeys: [] })),
    wallet_watchAsset: fc.oneof(fc.record({ type: fc.oneof(fc.constant('ERC20'), junk), options: fc.record({ address: anyAddress, symbol: fc.oneof(fc.string(), junk), decimals: fc.oneof(fc.nat({ max: 40 }), junk), image: junk }, { requiredKeys: [] }) }, { requiredKeys: [] }), junk),
    wallet_requestPermissions: fc.tuple(fc.oneof(fc.constant({ eth_accounts: {} }), junk)),
    wallet_revokePermissions: fc.tuple(fc.oneof(fc.constant({ eth_accounts: {} }), junk)),
    'solana:connect': fc.oneof(fc.record({ onlyIfTrusted: fc.oneof(fc.boolean(), junk) }, { requiredKeys: [] }), junk),
    'solana:signMessage': fc.record({ account: solAccount, message: fc.oneof(fc.uint8Array({ maxLength: 64 }).map(bytesToBase64), solTx(solana0), junk) }, { requiredKeys: [] }),
    'solana:signTransaction': fc.record({ account: solAccount, chain: solChain, transaction: fc.oneof(solTx(solana0), fc.uint8Array({ maxLength: 64 }).map(bytesToBase64), junk) }, { requiredKeys: [] }),
    'solana:signAndSendTransaction': fc.record({ account: solAccount, chain: solChain, transaction: fc.oneof(solTx(solana0), junk), options: junk }, { requiredKeys: [] }),
    'solana:signIn': fc.record({ input: fc.oneof(fc.record({
      domain: fc.oneof(fc.constant('dapp.example'), fc.constant('evil.example'), junk), address: solAccount, statement: fc.oneof(fc.string(), fc.constant('a\nURI: x'), junk),
      nonce: fc.oneof(fc.string(), junk), resources: fc.oneof(fc.array(fc.oneof(fc.string(), junk), { maxLength: 2 }), junk),
    }, { requiredKeys: [] }), junk) }, { requiredKeys: [] }),
  };
  const readOnly = (READ_ONLY_METHODS as readonly string[]).includes(method) ? fc.array(fc.oneof(hexQty, anyAddress, fc.constantFrom('latest', 'pending')), { maxLength: 3 }) : undefined;
  return fc.oneof({ weight: 3, arbitrary: (Object.hasOwn(specific, method) ? specific[method] : undefined) ?? readOnly ?? fc.constant(undefined) }, junk, fc.constant(undefined));
}

const request = fc.record({
  family: fc.constantFrom('evm', 'solana'),
  known: fc.boolean(),
}).chain(({ family, known }) => {
  const method = known
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(family === 'evm' ? PROMPTING : SOLANA_METHODS)) }, fc.constantFrom(...(family === 'evm' ? EVM_METHODS : SOLANA_METHODS)))
    : fc.oneof(fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'eth_signTransaction', 'solana:signIn', 'eth_chainId', 'x'.repeat(101)), fc.string({ maxLength: 20 }), junk);
  return method.chain((m) => fc.record({
    id: fc.oneof({ weight: 20, arbitrary: fc.string({ minLength: 1, maxLength: 64 }) }, fc.constantFrom('', 'x'.repeat(65)), junk),
    family: fc.oneof({ weight: 20, arbitrary: fc.constant(family as unknown) }, junk),
    method: fc.constant(m),
    params: typeof m === 'string' ? paramsFor(m) : junk,
  }, { requiredKeys: ['id', 'family', 'method'] }));
});
const message = fc.oneof({ weight: 10, arbitrary: request }, fc.jsonValue(), fc.anything());
const scenario = fc.record({
  msg: message,
  decision: fc.oneof(fc.constant({ approved: false }), fc.constant({ approved: true }), fc.record({ approved: fc.constant(true), accounts: fc.oneof(fc.constant([EVM0]), fc.array(fc.string(), { maxLength: 2 })) })),
  up: fc.boolean(),
  connected: fc.constantFrom('keep', 'both', 'both', 'evm', 'solana', 'none'),
});

// ---- the property --------------------------------------------------------------------------------------------------

/** A raw (untyped) exception reaches the page as exactly this. */
const RAW = { code: -32603, message: 'Internal error' };

describe('dapp router (property)', () => {
  it('any posted message: null without an id, else one JSON answer with that id and a page code or a result; never a throw; < 100 ms', async () => {
    const slow = new SlowestCase();
    await fc.assert(fc.asyncProperty(scenario, async ({ msg, decision, up, connected }) => {
      user.decide = () => structuredClone(decision) as ApprovalDecision;
      rpc.up = up;
      if (connected === 'none') await ctx.permissions.revoke(ORIGIN);
      if (connected === 'both' || connected === 'evm') await ctx.permissions.grant(ORIGIN, 'evm', [EVM0]);
      if (connected === 'both' || connected === 'solana') await ctx.permissions.grant(ORIGIN, 'solana', [solana0]);
      let r: DappResponse | null;
      try {
        r = await slow.timeAsync(msg, () => route(msg, ctx));
      } catch (e) {
        throw new Error(`the router threw: ${String(e)}`);
      }
      const m = msg as Record<string, unknown>;
      const answerable = typeof msg === 'object' && msg !== null && !Array.isArray(msg) && typeof m.id === 'string' && m.id.length >= 1 && m.id.length <= 64;
      if (!answerable) {
        expect(r).toBeNull();
        return;
      }
      expect(r).not.toBeNull();
      expect(r!.id).toBe(m.id);
      // One JSON answer: it crosses a runtime Port.
      expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify(r)));
      if ('error' in r!) {
        expect('result' in r!).toBe(false);
        const e = r.error;
        expect(isPageCode(e.code), `code ${String(e.code)}`).toBe(true);
        expect(typeof e.message).toBe('string');
        expect(e, `a raw exception escaped a handler for ${String(m.method)}`).not.toEqual(RAW);
        if (EVM_NEEDS_PERMISSION.has(String(m.method)) && m.family === 'evm' && !(await ctx.permissions.get(ORIGIN, 'evm'))) {
          expect([4100, -32600]).toContain(e.code);
        }
      } else {
        expect('result' in r!).toBe(true);
        // A signature from the Solana handlers is the account's, over the transaction it returns.
        if (m.method === 'solana:signTransaction') {
          const tx = VersionedTransaction.deserialize(base64ToBytes((r!.result as { signedTransaction: string }).signedTransaction));
          const signers = tx.message.staticAccountKeys.slice(0, tx.message.header.numRequiredSignatures).map((k) => k.toBase58());
          const slot = signers.indexOf(solana0);
          expect(slot, 'the approved account signs a transaction it is a signer of').toBeGreaterThanOrEqual(0);
          expect(ed25519.verify(tx.signatures[slot]!, tx.message.serialize(), new PublicKey(solana0).toBytes())).toBe(true);
        }
      }
    }), { seed: 1193, numRuns: 400 });
    slow.expectUnderBudget();
  });

  it('solana:signTransaction, approved, on random transactions: a result only with the account\'s valid signature in its slot', async () => {
    await ctx.permissions.grant(ORIGIN, 'solana', [solana0]);
    user.decide = () => ({ approved: true });
    rpc.up = false;
    const signers = fc.uniqueArray(fc.oneof(fc.constant(solana0), fc.constantFrom(...[1, 2, 3].map((i) => Keypair.fromSeed(new Uint8Array(32).fill(i)).publicKey.toBase58()))),
      { minLength: 1, maxLength: 3 });
    await fc.assert(fc.asyncProperty(signers, fc.boolean(), async (keys, readonlyUse) => {
      const [payer, ...others] = keys.map((k) => new PublicKey(k));
      const ix = SystemProgram.transfer({ fromPubkey: payer!, toPubkey: KEY, lamports: 1 });
      for (const o of others) ix.keys.push({ pubkey: o, isSigner: true, isWritable: false });
      // The account may still appear in the transaction without being a signer.
      if (readonlyUse && !keys.includes(solana0)) ix.keys.push({ pubkey: new PublicKey(solana0), isSigner: false, isWritable: false });
      const message = new TransactionMessage({ payerKey: payer!, recentBlockhash: KEY.toBase58(), instructions: [ix] }).compileToV0Message();
      const transaction = bytesToBase64(new VersionedTransaction(message).serialize());
      const r = (await route({ id: 's', family: 'solana', method: 'solana:signTransaction', params: { account: solana0, transaction } }, ctx))!;
      if (!keys.includes(solana0)) {
        expect('error' in r && r.error.code, 'an account that is not a signer of the transaction cannot sign it').toBe(-32602);
        return;
      }
      expect('result' in r).toBe(true);
      const tx = VersionedTransaction.deserialize(base64ToBytes((r as { result: { signedTransaction: string } }).result.signedTransaction));
      const slot = tx.message.staticAccountKeys.findIndex((k) => k.toBase58() === solana0);
      expect(ed25519.verify(tx.signatures[slot]!, tx.message.serialize(), new PublicKey(solana0).toBytes())).toBe(true);
    }), { seed: 1194, numRuns: 40 });
  });
});
