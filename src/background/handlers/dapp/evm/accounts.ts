/** Connecting and accounts: eth_requestAccounts, eth_accounts, wallet_*Permissions, and who may use which account. */
import { getAddress, isAddress, type Address } from 'viem';
import { InvalidParamsError, UnauthorizedError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import type { DappContext, DappHandler } from '../context';
import { arr, lower } from './util';

/** The accounts this origin may see right now ([] when locked or not connected), checksummed. */
export async function connectedEvmAccounts(ctx: DappContext): Promise<Address[]> {
  if (!(await ctx.wallet.isUnlocked())) return [];
  const perm = await ctx.permissions.get(ctx.origin, 'evm');
  if (!perm) return [];
  const { addresses, selected } = await ctx.wallet.addresses('evm');
  const mine = new Set(addresses.map(lower));
  const permitted = perm.accounts.filter((a) => mine.has(lower(a))).map((a) => getAddress(a));
  // The wallet's selected account goes first when the site may see it (EIP-1193: accounts[0] is the active one).
  const i = selected ? permitted.findIndex((a) => lower(a) === lower(selected)) : -1;
  return i > 0 ? [permitted[i]!, ...permitted.slice(0, i), ...permitted.slice(i + 1)] : permitted;
}

/**
 * What a dapp is told (eth_accounts, eth_requestAccounts, accountsChanged, the provider's seed): the same accounts in
 * lower case, as MetaMask answers (many dapps compare with `===`). The wallet's own UI keeps EIP-55 checksums.
 */
export async function dappEvmAccounts(ctx: DappContext): Promise<string[]> {
  return (await connectedEvmAccounts(ctx)).map(lower);
}

/** The permitted account a request names; 4100 when it is not one this origin may use. */
export async function permittedAccount(ctx: DappContext, address: unknown): Promise<Address> {
  if (typeof address !== 'string' || !isAddress(address, { strict: false })) throw new InvalidParamsError('Invalid address.');
  const perm = await ctx.permissions.get(ctx.origin, 'evm');
  if (!perm || !perm.accounts.some((a) => lower(a) === lower(address))) {
    throw new UnauthorizedError('The requested account has not been authorized by the user.');
  }
  return getAddress(address);
}

/** Lower-case accounts (see dappEvmAccounts). */
async function connect(ctx: DappContext): Promise<string[]> {
  const existing = await dappEvmAccounts(ctx);
  if (existing.length) return existing;
  const network = await ctx.networks.evm();
  const decision = await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'connect', network: { id: network.id, name: network.name }, account: null,
    details: {}, warnings: [], createdAt: ctx.now(),
  });
  const { addresses } = await ctx.wallet.addresses('evm');
  const chosen = (decision.accounts ?? []).filter((a) => addresses.some((m) => lower(m) === lower(a)));
  if (chosen.length === 0) throw new InvalidParamsError('No account was selected.');
  await ctx.permissions.grant(ctx.origin, 'evm', chosen);
  const accounts = chosen.map(lower);
  ctx.emit(ctx.origin, { event: 'evm:accountsChanged', data: accounts });
  return accounts;
}

function permissionsOf(origin: string, accounts: string[], grantedAt: number) {
  return accounts.length === 0 ? [] : [{
    invoker: origin, parentCapability: 'eth_accounts', date: grantedAt,
    caveats: [{ type: 'restrictReturnedAccounts', value: accounts.map(lower) }],
  }];
}

export const ethAccounts: DappHandler = async (_p, ctx) => dappEvmAccounts(ctx);

export const ethRequestAccounts: DappHandler = async (_p, ctx) => connect(ctx);

export const walletRequestPermissions: DappHandler = async (p, ctx) => {
  const [req] = arr(p) as [Record<string, unknown>?];
  if (!req || typeof req !== 'object' || !('eth_accounts' in req) || Object.keys(req).length !== 1) {
    throw new InvalidParamsError('Only the eth_accounts permission can be requested.');
  }
  const accounts = await connect(ctx);
  return permissionsOf(ctx.origin, accounts, (await ctx.permissions.get(ctx.origin, 'evm'))?.grantedAt ?? ctx.now());
};

export const walletGetPermissions: DappHandler = async (_p, ctx) => {
  const perm = await ctx.permissions.get(ctx.origin, 'evm');
  return permissionsOf(ctx.origin, perm?.accounts ?? [], perm?.grantedAt ?? 0);
};

export const walletRevokePermissions: DappHandler = async (p, ctx) => {
  const [req] = arr(p) as [Record<string, unknown>?];
  if (!req || typeof req !== 'object' || !('eth_accounts' in req)) throw new InvalidParamsError('Only eth_accounts can be revoked.');
  const revoked = await ctx.permissions.revoke(ctx.origin, 'evm');
  if (revoked.length) ctx.emit(ctx.origin, { event: 'evm:accountsChanged', data: [] });
  ctx.approvals.rejectSite(ctx.origin, revoked); // its waiting EVM requests end too (4100)
  return null;
};
