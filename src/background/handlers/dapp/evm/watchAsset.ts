/** wallet_watchAsset: add an ERC-20 token to the wallet's list, checked against the contract. */
import { isAddress } from 'viem';
import { readEvmToken } from '../../../../chains/evm/tokenInfo';
import { InvalidParamsError } from '../../../../shared/errors';
import type { Warning } from '../../../../shared/approval';
import { requireApproved } from '../../../dapp/approvals';
import { addWatchedToken, listWatchedTokens } from '../../../dapp/watchedTokens';
import { riskWarnings } from '../../../dapp/riskGlue';
import type { DappHandler } from '../context';

export const walletWatchAsset: DappHandler = async (p, ctx) => {
  const req = (Array.isArray(p) ? p[0] : p) as { type?: unknown; options?: { address?: unknown; symbol?: unknown; decimals?: unknown } } | undefined;
  if (!req || req.type !== 'ERC20') throw new InvalidParamsError('Only ERC20 assets are supported.');
  const address = req.options?.address;
  if (typeof address !== 'string' || !isAddress(address, { strict: false })) throw new InvalidParamsError('Invalid token address.');
  const network = await ctx.networks.evm();
  // Already in the list: nothing to add, so no window asking to add it (EIP-747: true, the token is watched).
  if ((await listWatchedTokens(ctx.local, network.id)).some((t) => t.address.toLowerCase() === address.toLowerCase())) return true;
  const token = await readEvmToken(ctx.networks.transport(network), address);
  // What the contract calls itself, with invisible characters shown escaped and warned about.
  const warnings: Warning[] = [...riskWarnings('token-metadata', { symbol: token.symbol, name: token.name }, {}).warnings];
  if (typeof req.options?.symbol === 'string' && req.options.symbol !== token.symbol) {
    warnings.push({ level: 'warning', code: 'symbol-mismatch', message: `The site calls this token "${req.options.symbol}" but the contract says "${token.symbol}".` });
  }
  if (req.options?.decimals !== undefined && Number(req.options.decimals) !== token.decimals) {
    warnings.push({ level: 'danger', code: 'decimals-mismatch', message: `The site says ${String(req.options.decimals)} decimals but the contract says ${token.decimals}.` });
  }
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'watch-asset', network: { id: network.id, name: network.name }, account: null,
    details: { token }, warnings, createdAt: ctx.now(),
  });
  await addWatchedToken(ctx.local, network.id, token);
  return true;
};
