/** Networks: eth_chainId, net_version, wallet_switchEthereumChain, wallet_addEthereumChain. */
import { numberToHex } from 'viem';
import type { EvmNetwork } from '../../../../chains/ChainAdapter';
import { validateCustomEvmNetwork } from '../../../../chains/validateCustomNetwork';
import { InvalidParamsError, UnknownChainError } from '../../../../shared/errors';
import type { Warning } from '../../../../shared/approval';
import { requireApproved } from '../../../dapp/approvals';
import type { DappContext, DappHandler } from '../context';
import { arr, hexChain } from './util';

function chainIdParam(p: unknown): number {
  const [obj] = arr(p) as [{ chainId?: unknown }?];
  const raw = obj?.chainId;
  if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{1,15}$/.test(raw) || /^0x0+[0-9a-fA-F]/.test(raw)) {
    throw new InvalidParamsError('chainId must be a 0x-prefixed hexadecimal string without leading zeros.');
  }
  return Number.parseInt(raw, 16);
}

async function switchTo(ctx: DappContext, target: EvmNetwork, warnings: Warning[] = [], skipApproval = false): Promise<null> {
  const current = await ctx.networks.evm();
  if (current.id === target.id) return null;
  if (!skipApproval) {
    requireApproved(await ctx.approvals.request({
      origin: ctx.origin, family: 'evm', kind: 'switch-chain', network: { id: current.id, name: current.name }, account: null,
      details: { from: { id: current.id, name: current.name }, to: { id: target.id, name: target.name, chainId: target.chainId } },
      warnings, createdAt: ctx.now(),
    }));
  }
  await ctx.networks.select(target);
  await ctx.emitConnected('evm', () => ({ event: 'evm:chainChanged', data: hexChain(target) }));
  return null;
}

export const ethChainId: DappHandler = async (_p, ctx) => hexChain(await ctx.networks.evm());

export const netVersion: DappHandler = async (_p, ctx) => String((await ctx.networks.evm()).chainId);

export const walletSwitchEthereumChain: DappHandler = async (p, ctx) => {
  const chainId = chainIdParam(p);
  const target = await ctx.networks.evmByChainId(chainId);
  if (!target) throw new UnknownChainError(`Unrecognized chain ID ${numberToHex(chainId)}. Try adding the chain using wallet_addEthereumChain first.`);
  return switchTo(ctx, target);
};

export const walletAddEthereumChain: DappHandler = async (p, ctx) => {
  const chainId = chainIdParam(p);
  const known = await ctx.networks.evmByChainId(chainId);
  if (known) return switchTo(ctx, known);
  const [obj] = arr(p) as [{ chainName?: unknown; rpcUrls?: unknown; nativeCurrency?: unknown; blockExplorerUrls?: unknown }];
  if (typeof obj.chainName !== 'string' || !Array.isArray(obj.rpcUrls) || obj.rpcUrls.length === 0) {
    throw new InvalidParamsError('chainName and rpcUrls are required.');
  }
  const input = {
    family: 'evm' as const, name: obj.chainName.slice(0, 64), chainId, rpcUrls: obj.rpcUrls as string[],
    ...(obj.nativeCurrency ? { nativeCurrency: obj.nativeCurrency as EvmNetwork['nativeCurrency'] } : {}),
    ...(Array.isArray(obj.blockExplorerUrls) && typeof obj.blockExplorerUrls[0] === 'string' ? { blockExplorerUrl: obj.blockExplorerUrls[0] } : {}),
  };
  let checked: EvmNetwork;
  try { checked = await validateCustomEvmNetwork(input); } catch (e) {
    throw new InvalidParamsError(e instanceof Error ? e.message : 'The network could not be verified.');
  }
  const current = await ctx.networks.evm();
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'evm', kind: 'add-chain', network: { id: current.id, name: current.name }, account: null,
    details: { name: checked.name, chainId: checked.chainId, rpcUrls: checked.rpcUrls, nativeCurrency: checked.nativeCurrency },
    warnings: [{ level: 'warning', code: 'custom-network', message: 'A custom network can report false balances and history. Add only networks you trust.' }],
    createdAt: ctx.now(),
  }));
  const saved = await ctx.customNetworks.add(input) as EvmNetwork;
  return switchTo(ctx, saved, [], true);
};
