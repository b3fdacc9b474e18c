import { createPublicClient, custom, getAddress, isAddress, numberToHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { EvmNetwork } from '../../../chains/ChainAdapter';
import { validateCustomEvmNetwork } from '../../../chains/validateCustomNetwork';
import { readEvmToken } from '../../../chains/evm/tokenInfo';
import { bytesToHex } from '../../../shared/encoding';
import {
  InvalidParamsError, MeridianError, UnauthorizedError, UnknownChainError, UnsupportedMethodError,
} from '../../../shared/errors';
import type { Warning } from '../../../shared/approval';
import { requireApproved } from '../../dapp/approvals';
import { decodeEvmTransaction, evmTransactionWarnings } from '../../dapp/decode/evmTransaction';
import { decodePersonalMessage, personalSignPayload } from '../../dapp/decode/personalMessage';
import { parseSiwe, siweWarnings } from '../../dapp/decode/siwe';
import { decodeTypedData, typedDataWarnings } from '../../dapp/decode/typedData';
import { addWatchedToken } from '../../dapp/watchedTokens';
import type { DappContext, DappHandler } from './context';

const hexChain = (n: EvmNetwork) => numberToHex(n.chainId) as `0x${string}`;
const arr = (p: unknown): unknown[] => {
  if (p === undefined) return [];
  if (!Array.isArray(p)) throw new InvalidParamsError('params must be an array.');
  return p;
};
const lower = (a: string) => a.toLowerCase();

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

/** The permitted account a request names; 4100 when it is not one this origin may use. */
async function permittedAccount(ctx: DappContext, address: unknown): Promise<Address> {
  if (typeof address !== 'string' || !isAddress(address, { strict: false })) throw new InvalidParamsError('Invalid address.');
  const perm = await ctx.permissions.get(ctx.origin, 'evm');
  if (!perm || !perm.accounts.some((a) => lower(a) === lower(address))) {
    throw new UnauthorizedError('The requested account has not been authorized by the user.');
  }
  return getAddress(address);
}

async function withKey<T>(ctx: DappContext, address: Address, fn: (account: ReturnType<typeof privateKeyToAccount>) => Promise<T>): Promise<T> {
  const key = await ctx.wallet.privateKeyFor('evm', address);
  try {
    return await fn(privateKeyToAccount(`0x${bytesToHex(key)}`));
  } finally {
    key.fill(0);
  }
}

async function connect(ctx: DappContext): Promise<Address[]> {
  const existing = await connectedEvmAccounts(ctx);
  if (existing.length) return existing;
  const network = await ctx.networks.evm();
  const decision = requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'evm', kind: 'connect', network: { id: network.id, name: network.name }, account: null,
    details: {}, warnings: [], createdAt: ctx.now(),
  }));
  const { addresses } = await ctx.wallet.addresses('evm');
  const chosen = (decision.accounts ?? []).filter((a) => addresses.some((m) => lower(m) === lower(a)));
  if (chosen.length === 0) throw new InvalidParamsError('No account was selected.');
  await ctx.permissions.grant(ctx.origin, 'evm', chosen);
  const accounts = chosen.map((a) => getAddress(a));
  ctx.emit(ctx.origin, { event: 'evm:accountsChanged', data: accounts });
  return accounts;
}

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

/** Forwarded verbatim to the selected network's RPC; the node's error code and data reach the dapp. */
async function forward(method: string, params: unknown, ctx: DappContext): Promise<unknown> {
  const network = await ctx.networks.evm();
  const [outcome] = await ctx.networks.transport(network).batch([{ method, params: arr(params) }]);
  if (!outcome) throw new MeridianError('No answer from the network.');
  if (outcome.ok) return outcome.result;
  const e = new MeridianError(outcome.error.message, outcome.error.data);
  (e as { code: number }).code = outcome.error.code;
  throw e;
}

export const READ_ONLY_METHODS = [
  'eth_call', 'eth_getBalance', 'eth_blockNumber', 'eth_estimateGas', 'eth_getTransactionReceipt', 'eth_getTransactionByHash',
  'eth_getLogs', 'eth_gasPrice', 'eth_feeHistory', 'eth_getCode', 'eth_getBlockByNumber', 'eth_getBlockByHash',
  'eth_getTransactionCount', 'eth_getStorageAt', 'eth_maxPriorityFeePerGas', 'eth_syncing', 'eth_getProof',
  'eth_getBlockTransactionCountByNumber', 'eth_getBlockTransactionCountByHash', 'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByBlockHashAndIndex', 'eth_getUncleCountByBlockNumber', 'eth_createAccessList', 'eth_blobBaseFee',
  'web3_clientVersion', 'net_listening', 'net_peerCount',
] as const;

function permissionsOf(origin: string, accounts: string[], grantedAt: number) {
  return accounts.length === 0 ? [] : [{
    invoker: origin, parentCapability: 'eth_accounts', date: grantedAt,
    caveats: [{ type: 'restrictReturnedAccounts', value: accounts }],
  }];
}

async function signTypedData(params: unknown, ctx: DappContext): Promise<Hex> {
  const [address, data] = arr(params);
  const account = await permittedAccount(ctx, address);
  const network = await ctx.networks.evm();
  const decoded = decodeTypedData(data as string | object);
  const warnings = typedDataWarnings(decoded, { chainId: network.chainId, origin: ctx.origin });
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'evm', kind: 'typed-data', network: { id: network.id, name: network.name }, account,
    details: { primaryType: decoded.primaryType, domain: decoded.domain, message: decoded.message }, warnings, createdAt: ctx.now(),
  }));
  const raw = decoded.raw as { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string; message: Record<string, unknown> };
  return withKey(ctx, account, (a) => a.signTypedData({ domain: raw.domain, types: raw.types, primaryType: raw.primaryType, message: raw.message } as never));
}

type TxParams = { from?: unknown; to?: unknown; value?: unknown; data?: unknown; input?: unknown; gas?: unknown; nonce?: unknown };
const hexQty = (v: unknown, what: string): bigint | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]+$/.test(v)) throw new InvalidParamsError(`${what} must be a hexadecimal quantity.`);
  return BigInt(v);
};

async function sendTransaction(params: unknown, ctx: DappContext): Promise<Hex> {
  const [tx] = arr(params) as [TxParams?];
  if (!tx || typeof tx !== 'object') throw new InvalidParamsError('Expected a transaction object.');
  const from = await permittedAccount(ctx, tx.from);
  if (tx.to !== undefined && tx.to !== null && (typeof tx.to !== 'string' || !isAddress(tx.to, { strict: false }))) throw new InvalidParamsError('Invalid "to" address.');
  const data = (tx.data ?? tx.input ?? '0x') as string;
  if (typeof data !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new InvalidParamsError('data must be 0x-prefixed hex bytes.');
  const value = hexQty(tx.value, 'value') ?? 0n;
  const gas = hexQty(tx.gas, 'gas');
  const network = await ctx.networks.evm();
  const transport = ctx.networks.transport(network);
  const client = createPublicClient({ transport: custom({ request: ({ method, params: p }) => transport.request(method, p as unknown[]) }) });
  const chain = { id: network.chainId, name: network.name, nativeCurrency: network.nativeCurrency, rpcUrls: { default: { http: network.rpcUrls } } };
  const to = tx.to ? getAddress(tx.to as string) : undefined;
  const prepared = await client.prepareTransactionRequest({
    account: from, chain, to, value, data: data as Hex, ...(gas ? { gas } : {}),
    parameters: ['fees', 'gas', 'nonce', 'type'],
  } as never) as unknown as { gas: bigint; maxFeePerGas?: bigint; gasPrice?: bigint; maxPriorityFeePerGas?: bigint; nonce: number; type: string };
  const maxFee = prepared.gas * (prepared.maxFeePerGas ?? prepared.gasPrice ?? 0n);
  const decoded = decodeEvmTransaction({ from, ...(to ? { to } : {}), value: value.toString(), data }, { chainId: network.chainId, nativeSymbol: network.nativeCurrency.symbol });
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'evm', kind: 'send-transaction', network: { id: network.id, name: network.name }, account: from,
    details: { decoded, gas: prepared.gas.toString(), maxFee: maxFee.toString(), total: (value + maxFee).toString(),
      nativeSymbol: network.nativeCurrency.symbol, nativeDecimals: network.nativeCurrency.decimals, data },
    warnings: evmTransactionWarnings(decoded), createdAt: ctx.now(),
  }));
  const nonce = Number(await transport.request<string>('eth_getTransactionCount', [from, 'pending']));
  const signed = await withKey(ctx, from, (a) => a.signTransaction({ ...(prepared as object), chainId: network.chainId, nonce, to, value, data: data as Hex } as never));
  return transport.request<Hex>('eth_sendRawTransaction', [signed]);
}

export const evmHandlers: Record<string, DappHandler> = {
  meridian_getProviderState: async (_p, ctx) => ({
    chainId: hexChain(await ctx.networks.evm()),
    accounts: await connectedEvmAccounts(ctx),
    isDefaultWallet: (await ctx.local.get<{ defaultWallet?: boolean }>('settings'))?.defaultWallet === true,
  }),
  eth_chainId: async (_p, ctx) => hexChain(await ctx.networks.evm()),
  net_version: async (_p, ctx) => String((await ctx.networks.evm()).chainId),
  eth_accounts: async (_p, ctx) => connectedEvmAccounts(ctx),
  eth_requestAccounts: async (_p, ctx) => connect(ctx),
  wallet_requestPermissions: async (p, ctx) => {
    const [req] = arr(p) as [Record<string, unknown>?];
    if (!req || typeof req !== 'object' || !('eth_accounts' in req) || Object.keys(req).length !== 1) {
      throw new InvalidParamsError('Only the eth_accounts permission can be requested.');
    }
    const accounts = await connect(ctx);
    return permissionsOf(ctx.origin, accounts, (await ctx.permissions.get(ctx.origin, 'evm'))?.grantedAt ?? ctx.now());
  },
  wallet_getPermissions: async (_p, ctx) => {
    const perm = await ctx.permissions.get(ctx.origin, 'evm');
    return permissionsOf(ctx.origin, perm?.accounts ?? [], perm?.grantedAt ?? 0);
  },
  wallet_revokePermissions: async (p, ctx) => {
    const [req] = arr(p) as [Record<string, unknown>?];
    if (!req || typeof req !== 'object' || !('eth_accounts' in req)) throw new InvalidParamsError('Only eth_accounts can be revoked.');
    if ((await ctx.permissions.revoke(ctx.origin, 'evm')).length) ctx.emit(ctx.origin, { event: 'evm:accountsChanged', data: [] });
    return null;
  },
  personal_sign: async (p, ctx) => {
    let [message, address] = arr(p);
    // Some dapps send [address, message]: accept it when the first is an address and the second is not.
    if (typeof message === 'string' && isAddress(message, { strict: false }) && typeof address === 'string' && !isAddress(address, { strict: false })) {
      [message, address] = [address, message];
    }
    if (typeof message !== 'string') throw new InvalidParamsError('The message must be a string.');
    const account = await permittedAccount(ctx, address);
    const network = await ctx.networks.evm();
    const decoded = decodePersonalMessage(message);
    const siwe = decoded.text !== null ? parseSiwe(decoded.text) : null;
    const warnings = siwe ? siweWarnings(siwe, { origin: ctx.origin, chainId: network.chainId, accounts: [account] }) : [];
    requireApproved(await ctx.approvals.request({
      origin: ctx.origin, family: 'evm', kind: 'personal-sign', network: { id: network.id, name: network.name }, account,
      details: { ...decoded, siwe }, warnings, createdAt: ctx.now(),
    }));
    return withKey(ctx, account, (a) => a.signMessage({ message: personalSignPayload(message as string) }));
  },
  eth_signTypedData_v4: signTypedData,
  eth_signTypedData_v3: signTypedData,
  eth_sign: async () => { throw new UnsupportedMethodError('eth_sign is disabled: it signs an opaque hash the user cannot read. Use personal_sign or eth_signTypedData_v4.'); },
  eth_signTransaction: async () => { throw new UnsupportedMethodError('eth_signTransaction is not supported; use eth_sendTransaction.'); },
  eth_sendTransaction: sendTransaction,
  wallet_switchEthereumChain: async (p, ctx) => {
    const chainId = chainIdParam(p);
    const target = await ctx.networks.evmByChainId(chainId);
    if (!target) throw new UnknownChainError(`Unrecognized chain ID ${numberToHex(chainId)}. Try adding the chain using wallet_addEthereumChain first.`);
    return switchTo(ctx, target);
  },
  wallet_addEthereumChain: async (p, ctx) => {
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
  },
  wallet_watchAsset: async (p, ctx) => {
    const req = (Array.isArray(p) ? p[0] : p) as { type?: unknown; options?: { address?: unknown; symbol?: unknown; decimals?: unknown } } | undefined;
    if (!req || req.type !== 'ERC20') throw new InvalidParamsError('Only ERC20 assets are supported.');
    const address = req.options?.address;
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) throw new InvalidParamsError('Invalid token address.');
    const network = await ctx.networks.evm();
    const token = await readEvmToken(ctx.networks.transport(network), address);
    const warnings: Warning[] = [];
    if (typeof req.options?.symbol === 'string' && req.options.symbol !== token.symbol) {
      warnings.push({ level: 'warning', code: 'symbol-mismatch', message: `The site calls this token "${req.options.symbol}" but the contract says "${token.symbol}".` });
    }
    if (req.options?.decimals !== undefined && Number(req.options.decimals) !== token.decimals) {
      warnings.push({ level: 'danger', code: 'decimals-mismatch', message: `The site says ${String(req.options.decimals)} decimals but the contract says ${token.decimals}.` });
    }
    requireApproved(await ctx.approvals.request({
      origin: ctx.origin, family: 'evm', kind: 'watch-asset', network: { id: network.id, name: network.name }, account: null,
      details: { token }, warnings, createdAt: ctx.now(),
    }));
    await addWatchedToken(ctx.local, network.id, token);
    return true;
  },
};
for (const m of READ_ONLY_METHODS) evmHandlers[m] = (p, ctx) => forward(m, p, ctx);

/** Methods that need a connected site (4100 otherwise, before any approval). */
export const EVM_NEEDS_PERMISSION = new Set(['personal_sign', 'eth_signTypedData_v4', 'eth_signTypedData_v3', 'eth_sendTransaction']);
