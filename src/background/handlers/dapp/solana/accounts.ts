/** Connecting and accounts: solana:connect, solana:disconnect, and who may use which account. */
import { InvalidParamsError, UnauthorizedError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import type { DappContext, DappHandler } from '../context';
import { solanaStandardChain, obj } from './util';

export async function connectedSolanaAccounts(ctx: DappContext): Promise<string[]> {
  if (!(await ctx.wallet.isUnlocked())) return [];
  const perm = await ctx.permissions.get(ctx.origin, 'solana');
  if (!perm) return [];
  const { addresses } = await ctx.wallet.addresses('solana');
  return perm.accounts.filter((a) => addresses.includes(a));
}

export async function permittedAccount(ctx: DappContext, account: unknown): Promise<string> {
  if (typeof account !== 'string') throw new InvalidParamsError('account must be a base58 address.');
  const perm = await ctx.permissions.get(ctx.origin, 'solana');
  if (!perm?.accounts.includes(account)) throw new UnauthorizedError('The requested account has not been authorized by the user.');
  return account;
}

async function connect(ctx: DappContext, silent: boolean): Promise<string[]> {
  const existing = await connectedSolanaAccounts(ctx);
  if (existing.length || silent) return existing;
  const network = await ctx.networks.solana();
  const decision = await requireApproved(ctx, {
    origin: ctx.origin, family: 'solana', kind: 'solana-connect', network: { id: network.id, name: network.name }, account: null,
    details: {}, warnings: [], createdAt: ctx.now(),
  });
  const { addresses } = await ctx.wallet.addresses('solana');
  const chosen = (decision.accounts ?? []).filter((a) => addresses.includes(a));
  if (chosen.length === 0) throw new InvalidParamsError('No account was selected.');
  await ctx.permissions.grant(ctx.origin, 'solana', chosen);
  ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: chosen });
  return chosen;
}

export const solanaConnect: DappHandler = async (p, ctx) => {
  const accounts = await connect(ctx, obj(p).silent === true);
  // The cluster the wallet signs for now: the page's accounts name it (and a `change` follows when it switches).
  return { accounts, chain: solanaStandardChain(await ctx.networks.solana()) };
};

export const solanaDisconnect: DappHandler = async (_p, ctx) => {
  const revoked = await ctx.permissions.revoke(ctx.origin, 'solana');
  if (revoked.length) ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: [] });
  ctx.approvals.rejectSite(ctx.origin, revoked); // its waiting Solana requests end too (4100)
  return null;
};
