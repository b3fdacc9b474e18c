import { VersionedTransaction } from '@solana/web3.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import type { SolanaNetwork } from '../../../chains/ChainAdapter';
import { base64ToBytes, bytesToBase64, utf8 } from '../../../shared/encoding';
import { InvalidParamsError, MeridianError, UnauthorizedError } from '../../../shared/errors';
import { requireApproved } from '../../dapp/approvals';
import { decodeSolanaTransaction, estimateSolanaFee, solanaTransactionWarnings } from '../../dapp/decode/solanaTransaction';
import { buildSiwsMessage, parseSiws, siwsWarnings } from '../../dapp/decode/siwe';
import type { DappContext, DappHandler } from './context';

export const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'] as const;
type Obj = Record<string, unknown>;
const obj = (p: unknown): Obj => {
  if (p === undefined) return {};
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new InvalidParamsError('params must be an object.');
  return p as Obj;
};

export async function connectedSolanaAccounts(ctx: DappContext): Promise<string[]> {
  if (!(await ctx.wallet.isUnlocked())) return [];
  const perm = await ctx.permissions.get(ctx.origin, 'solana');
  if (!perm) return [];
  const { addresses } = await ctx.wallet.addresses('solana');
  return perm.accounts.filter((a) => addresses.includes(a));
}

async function permittedAccount(ctx: DappContext, account: unknown): Promise<string> {
  if (typeof account !== 'string') throw new InvalidParamsError('account must be a base58 address.');
  const perm = await ctx.permissions.get(ctx.origin, 'solana');
  if (!perm?.accounts.includes(account)) throw new UnauthorizedError('The requested account has not been authorized by the user.');
  return account;
}

async function networkFor(ctx: DappContext, chain: unknown): Promise<SolanaNetwork> {
  if (chain === undefined) return ctx.networks.solana();
  if (typeof chain !== 'string' || !(SOLANA_CHAINS as readonly string[]).includes(chain)) throw new InvalidParamsError('Unsupported chain.');
  const n = (await ctx.customNetworks.all()).find((x) => x.id === chain);
  if (n?.family !== 'solana') throw new InvalidParamsError('Unsupported chain.');
  return n;
}

async function withSeed<T>(ctx: DappContext, address: string, fn: (seed: Uint8Array) => T): Promise<T> {
  const seed = await ctx.wallet.privateKeyFor('solana', address);
  try { return fn(seed); } finally { seed.fill(0); }
}

function parseTransaction(b64: unknown): { tx: VersionedTransaction; bytes: Uint8Array } {
  if (typeof b64 !== 'string' || b64.length > 4 * 1232) throw new InvalidParamsError('transaction must be base64 (at most 1232 bytes).');
  try {
    const bytes = base64ToBytes(b64);
    return { tx: VersionedTransaction.deserialize(bytes), bytes };
  } catch {
    throw new InvalidParamsError('The transaction could not be decoded.');
  }
}

/** Ask, then sign the transaction's message with the account's key in its signer slot. */
async function approveAndSign(params: unknown, ctx: DappContext, send: boolean): Promise<{ tx: VersionedTransaction; network: SolanaNetwork }> {
  const p = obj(params);
  const account = await permittedAccount(ctx, p.account);
  const network = await networkFor(ctx, p.chain);
  const { tx, bytes } = parseTransaction(p.transaction);
  const signers = tx.message.staticAccountKeys.slice(0, tx.message.header.numRequiredSignatures).map((k) => k.toBase58());
  const slot = signers.indexOf(account);
  if (slot < 0) throw new InvalidParamsError('The account is not a signer of this transaction.');
  const decoded = decodeSolanaTransaction(bytesToBase64(bytes));
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-transaction', network: { id: network.id, name: network.name }, account,
    details: { decoded, fee: estimateSolanaFee(decoded), send }, warnings: solanaTransactionWarnings(decoded, { account }), createdAt: ctx.now(),
  }));
  const signature = await withSeed(ctx, account, (seed) => ed25519.sign(tx.message.serialize(), seed));
  tx.signatures[slot] = signature;
  return { tx, network };
}

async function connect(ctx: DappContext, silent: boolean): Promise<string[]> {
  const existing = await connectedSolanaAccounts(ctx);
  if (existing.length || silent) return existing;
  const network = await ctx.networks.solana();
  const decision = requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'solana', kind: 'solana-connect', network: { id: network.id, name: network.name }, account: null,
    details: {}, warnings: [], createdAt: ctx.now(),
  }));
  const { addresses } = await ctx.wallet.addresses('solana');
  const chosen = (decision.accounts ?? []).filter((a) => addresses.includes(a));
  if (chosen.length === 0) throw new InvalidParamsError('No account was selected.');
  await ctx.permissions.grant(ctx.origin, 'solana', chosen);
  ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: chosen });
  return chosen;
}

export const solanaHandlers: Record<string, DappHandler> = {
  'solana:connect': async (p, ctx) => ({ accounts: await connect(ctx, obj(p).silent === true) }),
  'solana:disconnect': async (_p, ctx) => {
    if ((await ctx.permissions.revoke(ctx.origin, 'solana')).length) ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: [] });
    return null;
  },
  'solana:signTransaction': async (p, ctx) => {
    const { tx } = await approveAndSign(p, ctx, false);
    return { signedTransaction: bytesToBase64(tx.serialize()) };
  },
  'solana:signAndSendTransaction': async (p, ctx) => {
    const { tx, network } = await approveAndSign(p, ctx, true);
    const options = obj(obj(p).options);
    const sig = await ctx.networks.transport(network).request<string>('sendTransaction', [bytesToBase64(tx.serialize()), {
      encoding: 'base64', skipPreflight: options.skipPreflight === true,
      preflightCommitment: typeof options.preflightCommitment === 'string' ? options.preflightCommitment : 'confirmed',
      ...(typeof options.maxRetries === 'number' ? { maxRetries: options.maxRetries } : {}),
    }]);
    const expected = bs58.encode(tx.signatures[0]!);
    if (sig !== expected) throw new MeridianError('The network returned an unexpected signature.');
    return { signature: sig };
  },
  'solana:signMessage': async (p, ctx) => {
    const q = obj(p);
    const account = await permittedAccount(ctx, q.account);
    let message: Uint8Array;
    try { message = base64ToBytes(q.message as string); } catch { throw new InvalidParamsError('message must be base64 bytes.'); }
    if (message.length > 64 * 1024) throw new InvalidParamsError('The message is too long.');
    const text = (() => { try { return new TextDecoder('utf-8', { fatal: true }).decode(message); } catch { return null; } })();
    const siws = text ? parseSiws(text) : null;
    const network = await ctx.networks.solana();
    const warnings = siws ? siwsWarnings(siws, { origin: ctx.origin, accounts: [account] }) : [];
    requireApproved(await ctx.approvals.request({
      origin: ctx.origin, family: 'solana', kind: 'solana-sign-message', network: { id: network.id, name: network.name }, account,
      details: { text, hex: Array.from(message, (b) => b.toString(16).padStart(2, '0')).join(''), siws }, warnings, createdAt: ctx.now(),
    }));
    const signature = await withSeed(ctx, account, (seed) => ed25519.sign(message, seed));
    return { signedMessage: bytesToBase64(message), signature: bytesToBase64(signature) };
  },
  'solana:signIn': async (p, ctx) => {
    const input = obj(obj(p).input);
    const host = new URL(ctx.origin).host;
    const connected = await connectedSolanaAccounts(ctx);
    const { addresses, selected } = await ctx.wallet.addresses('solana');
    const address = typeof input.address === 'string' ? input.address : (connected[0] ?? selected);
    if (!address || !addresses.includes(address)) throw new InvalidParamsError('No such account in this wallet.');
    const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
    const domain = str('domain') ?? host;
    const text = buildSiwsMessage({
      domain, address, statement: str('statement'), uri: str('uri'), version: str('version'), chainId: str('chainId'),
      nonce: str('nonce'), issuedAt: str('issuedAt'), expirationTime: str('expirationTime'), notBefore: str('notBefore'),
      requestId: str('requestId'), resources: Array.isArray(input.resources) ? input.resources.filter((r): r is string => typeof r === 'string') : undefined,
    });
    const network = await ctx.networks.solana();
    const parsed = parseSiws(text);
    const warnings = parsed ? siwsWarnings(parsed, { origin: ctx.origin, accounts: [address] }) : [];
    requireApproved(await ctx.approvals.request({
      origin: ctx.origin, family: 'solana', kind: 'solana-sign-in', network: { id: network.id, name: network.name }, account: address,
      details: { text, siws: parsed }, warnings, createdAt: ctx.now(),
    }));
    const message = utf8.encode(text);
    const signature = await withSeed(ctx, address, (seed) => ed25519.sign(message, seed));
    if (!connected.includes(address)) {
      await ctx.permissions.grant(ctx.origin, 'solana', [...connected, address]);
      ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: [...connected, address] });
    }
    return { account: address, signedMessage: bytesToBase64(message), signature: bytesToBase64(signature) };
  },
};

export const SOLANA_NEEDS_PERMISSION = new Set(['solana:signTransaction', 'solana:signAndSendTransaction', 'solana:signMessage']);
