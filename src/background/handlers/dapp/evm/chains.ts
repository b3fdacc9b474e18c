/** Networks: eth_chainId, net_version, wallet_switchEthereumChain, wallet_addEthereumChain. */
import { numberToHex } from 'viem';
import type { EvmNetwork } from '../../../../chains/ChainAdapter';
import { InvalidParamsError, MeridianError, UnknownChainError } from '../../../../shared/errors';
import type { Warning } from '../../../../shared/approval';
import { requireApproved } from '../../../dapp/approvals';
import { checkProposedRpcUrl } from '../../../dapp/rpcUrlPolicy';
import { riskWarnings } from '../../../dapp/riskGlue';
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
    await requireApproved(ctx, {
      origin: ctx.origin, family: 'evm', kind: 'switch-chain', network: { id: current.id, name: current.name }, account: null,
      details: { from: { id: current.id, name: current.name }, to: { id: target.id, name: target.name, chainId: target.chainId } },
      warnings, createdAt: ctx.now(),
    });
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

/**
 * wallet_addEthereumChain: everything that can be checked without the network first (shape, native currency, RPC URL
 * policy), then the user's approval, and only then is the proposed RPC contacted (chain id, Multicall3) and the
 * network saved and selected. A page learns nothing about an endpoint the user did not agree to reach.
 */
export const walletAddEthereumChain: DappHandler = async (p, ctx) => {
  const chainId = chainIdParam(p);
  const known = await ctx.networks.evmByChainId(chainId);
  if (known) return switchTo(ctx, known);
  const [obj] = arr(p) as [{ chainName?: unknown; rpcUrls?: unknown; nativeCurrency?: unknown; blockExplorerUrls?: unknown }];
  if (typeof obj.chainName !== 'string' || obj.chainName.trim() === '' || !Array.isArray(obj.rpcUrls) || obj.rpcUrls.length === 0 || obj.rpcUrls.length > 5) {
    throw new InvalidParamsError('chainName and 1 to 5 rpcUrls are required.');
  }
  const rpcUrls = obj.rpcUrls.map((u) => checkProposedRpcUrl(u, ctx.origin));
  // nativeCurrency: 18 decimals, a 2–6 character symbol, a name of at most 100 characters (a chain "with 36 decimals"
  // would show every later amount as dust); invisible characters in the name become a warning.
  const { warnings: ruleWarnings } = riskWarnings('add-chain', { params: obj }, {});
  const explorer = Array.isArray(obj.blockExplorerUrls) && typeof obj.blockExplorerUrls[0] === 'string' ? obj.blockExplorerUrls[0] : undefined;
  if (explorer !== undefined && !/^https:\/\//i.test(explorer)) throw new InvalidParamsError('blockExplorerUrls must use https.');
  const input = {
    family: 'evm' as const, name: obj.chainName.slice(0, 64), chainId, rpcUrls,
    ...(obj.nativeCurrency ? { nativeCurrency: obj.nativeCurrency as EvmNetwork['nativeCurrency'] } : {}),
    ...(explorer ? { blockExplorerUrl: explorer } : {}),
  };
  const current = await ctx.networks.evm();
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'add-chain', network: { id: current.id, name: current.name }, account: null,
    details: { name: input.name, chainId, rpcUrls, ...(input.nativeCurrency ? { nativeCurrency: input.nativeCurrency } : {}), checkedAfterApproval: true },
    warnings: [...ruleWarnings, { level: 'warning', code: 'custom-network', message: 'A custom network can report false balances and history. Add only networks you trust.' }],
    createdAt: ctx.now(),
  });
  let saved: EvmNetwork;
  try {
    saved = await ctx.customNetworks.add(input) as EvmNetwork;
  } catch (e) {
    if (e instanceof MeridianError && e.code >= 1100 && e.code < 1200) throw new InvalidParamsError(`The network could not be added: ${e.message}`);
    throw e;
  }
  return switchTo(ctx, saved, [], true);
};
