/**
 * Checks a custom network against its endpoints before anything is saved: every RPC URL given must answer, EVM
 * URLs with `eth_chainId` equal to the chain id the user typed, Solana URLs with one genesis hash (getGenesisHash,
 * plus getVersion to prove it is a Solana node). Mismatch → ChainIdMismatchError; unreachable → RpcUnavailableError.
 */
import type { EvmNetwork, NativeCurrency, SolanaNetwork } from './ChainAdapter';
import { ChainIdMismatchError, InvalidNetworkError, RpcUnavailableError } from './errors';
import { hostClass } from './hostClass';
import { MULTICALL3, evmNetworkId } from './networks';
import { createRpcTransport, unwrap, type FetchLike } from './rpcTransport';

export interface CustomEvmInput {
  family: 'evm';
  name: string;
  chainId: number;
  rpcUrls: string[];
  nativeCurrency?: NativeCurrency;
  blockExplorerUrl?: string;
}
export interface CustomSolanaInput {
  family: 'solana';
  name: string;
  rpcUrls: string[];
  /** When given, the endpoints must report exactly this genesis hash. */
  genesisHash?: string;
}
export type CustomNetworkInput = CustomEvmInput | CustomSolanaInput;
export interface ValidateDeps { fetch?: FetchLike; now?: () => number; timeoutMs?: number }
/** Per-URL probe timeout; the URLs are probed in parallel, so this bounds the whole check. */
export const PROBE_TIMEOUT_MS = 8_000;

function checkUrl(u: unknown): string {
  if (typeof u !== 'string') throw new InvalidNetworkError('RPC URL must be a string');
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw new InvalidNetworkError(`Not a URL: ${u}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidNetworkError(`RPC URL must be http(s): ${u}`);
  if (url.username || url.password) throw new InvalidNetworkError('RPC URL must not carry credentials');
  // Plain http lets anyone on the path read and rewrite what the wallet shows: only for this computer.
  if (url.protocol === 'http:' && hostClass(url.hostname) !== 'loopback') throw new InvalidNetworkError(`RPC URL must use https (plain http only on this computer): ${u}`, { reason: 'http' });
  return url.toString().replace(/\/$/, u.endsWith('/') ? '/' : '');
}

function checkCommon(input: CustomNetworkInput): string[] {
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 64) throw new InvalidNetworkError('Network name must be 1-64 characters');
  if (!Array.isArray(input.rpcUrls) || input.rpcUrls.length === 0 || input.rpcUrls.length > 5) throw new InvalidNetworkError('Give 1 to 5 RPC URLs');
  return [...new Set(input.rpcUrls.map(checkUrl))];
}

/** Failures that mean "something answered, but not a JSON-RPC node" rather than "nothing answered". */
const NOT_A_NODE = /unparsable response|malformed JSON-RPC response|byte limit/;

async function probe(url: string, calls: { method: string; params?: unknown[] }[], deps: ValidateDeps) {
  const t = createRpcTransport({ urls: [url], timeoutMs: deps.timeoutMs ?? PROBE_TIMEOUT_MS, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.now ? { now: deps.now } : {}) });
  try {
    return await t.batch(calls);
  } catch (e) {
    const first = ((e as { data?: { reasons?: unknown } }).data?.reasons as string[] | undefined)?.[0];
    const reason = first?.startsWith(`${url}: `) ? first.slice(url.length + 2) : (e as Error).message;
    // `reason` set: it did not answer (the popup says "Cannot reach <url>"); absent: it is not such a node.
    if (NOT_A_NODE.test(reason)) throw new RpcUnavailableError(`${url} does not answer like a JSON-RPC node (${reason})`, { url, detail: reason });
    throw new RpcUnavailableError(`Cannot reach ${url} (${reason})`, { url, reason });
  }
}

/** Every URL is probed at once, so a check ends within one probe timeout however many URLs there are. */
async function probeAll(urls: string[], calls: { method: string; params?: unknown[] }[], deps: ValidateDeps) {
  const settled = await Promise.allSettled(urls.map((u) => probe(u, calls, deps)));
  // Reported in the order the user listed the URLs.
  return settled.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
}

export async function validateCustomEvmNetwork(input: CustomEvmInput, deps: ValidateDeps = {}): Promise<EvmNetwork> {
  const urls = checkCommon(input);
  if (!Number.isSafeInteger(input.chainId) || input.chainId <= 0) throw new InvalidNetworkError('Chain id must be a positive integer');
  let multicall = true;
  const answers = await probeAll(urls, [{ method: 'eth_chainId' }, { method: 'eth_getCode', params: [MULTICALL3, 'latest'] }], deps);
  for (const [i, url] of urls.entries()) {
    const [id, code] = answers[i]!;
    let got: number;
    try {
      got = Number(BigInt(unwrap<string>(id, 'eth_chainId')));
    } catch {
      throw new RpcUnavailableError(`${url} is not an EVM JSON-RPC endpoint (no eth_chainId)`, { url });
    }
    if (got !== input.chainId) {
      throw new ChainIdMismatchError(`${url} serves chain ${got}, not ${input.chainId}`, { url, expected: input.chainId, got });
    }
    if (!code?.ok || typeof code.result !== 'string' || code.result.length <= 2) multicall = false;
  }
  const native = input.nativeCurrency ?? { name: 'Ether', symbol: 'ETH', decimals: 18 };
  if (!Number.isInteger(native.decimals) || native.decimals < 0 || native.decimals > 36 || !native.symbol) throw new InvalidNetworkError('Bad native currency');
  return {
    family: 'evm', id: evmNetworkId(input.chainId), chainId: input.chainId, name: input.name.trim(), nativeCurrency: native,
    rpcUrls: urls, testnet: false, custom: true,
    ...(multicall ? { multicall3: MULTICALL3 } : {}),
    ...(input.blockExplorerUrl ? { blockExplorer: { name: 'Explorer', url: checkUrl(input.blockExplorerUrl) } } : {}),
  };
}

export async function validateCustomSolanaNetwork(input: CustomSolanaInput, deps: ValidateDeps = {}): Promise<SolanaNetwork> {
  const urls = checkCommon(input);
  let genesis: string | undefined = input.genesisHash;
  const answers = await probeAll(urls, [{ method: 'getGenesisHash' }, { method: 'getVersion' }], deps);
  for (const [i, url] of urls.entries()) {
    const [g, v] = answers[i]!;
    let got: string;
    try {
      got = unwrap<string>(g, 'getGenesisHash');
      unwrap<unknown>(v, 'getVersion');
    } catch {
      throw new RpcUnavailableError(`${url} is not a Solana JSON-RPC endpoint`, { url });
    }
    if (typeof got !== 'string') throw new RpcUnavailableError(`${url} returned no genesis hash`, { url });
    if (genesis !== undefined && got !== genesis) {
      throw new ChainIdMismatchError(`${url} serves the cluster with genesis ${got}, expected ${genesis}`, { url, expected: genesis, got });
    }
    genesis = got;
  }
  if (!genesis) throw new InvalidNetworkError('No genesis hash');
  return {
    family: 'solana', id: `solana:${genesis}`, cluster: 'custom', genesisHash: genesis, name: input.name.trim(),
    nativeCurrency: { name: 'Solana', symbol: 'SOL', decimals: 9 }, rpcUrls: urls, testnet: false, custom: true,
  };
}

export function validateCustomNetwork(input: CustomNetworkInput, deps: ValidateDeps = {}): Promise<EvmNetwork | SolanaNetwork> {
  if (input?.family === 'evm') return validateCustomEvmNetwork(input, deps);
  if (input?.family === 'solana') return validateCustomSolanaNetwork(input, deps);
  return Promise.reject(new InvalidNetworkError('Unknown chain family'));
}
