/** Reads a custom ERC-20's symbol, name and decimals from the chain (one JSON-RPC batch). */
import { decodeFunctionResult, encodeFunctionData, hexToString, type Hex } from 'viem';
import type { Token } from '../ChainAdapter';
import { TokenNotFoundError } from '../errors';
import type { RpcOutcome, RpcTransport } from '../rpcTransport';
import { erc20Abi } from './abi';
import { validateEvmAddress } from './address';
import { firstWord } from './hex';

function text(o: RpcOutcome | undefined, fn: 'symbol' | 'name'): string | undefined {
  if (!o?.ok || typeof o.result !== 'string' || o.result === '0x') return undefined;
  const data = o.result as Hex;
  try {
    return decodeFunctionResult({ abi: erc20Abi, functionName: fn, data });
  } catch {
    // Old tokens (MKR, SAI) return bytes32.
    if (data.length === 66) return hexToString(data, { size: 32 }).replace(/\0+$/, '');
    return undefined;
  }
}

export async function readEvmToken(transport: RpcTransport, address: string): Promise<Token> {
  const token = validateEvmAddress(address);
  const call = (fn: 'symbol' | 'name' | 'decimals') => ({ method: 'eth_call', params: [{ to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: fn }) }, 'latest'] });
  const [code, decimals, symbol, name] = await transport.batch([
    { method: 'eth_getCode', params: [token, 'latest'] }, call('decimals'), call('symbol'), call('name'),
  ]);
  if (!code?.ok || code.result === '0x' || code.result === '0x0') throw new TokenNotFoundError(`No contract at ${token}`, { address: token });
  const d = decimals?.ok ? firstWord(decimals.result) : null;
  const sym = text(symbol, 'symbol');
  if (d === null || d > 255n || !sym) throw new TokenNotFoundError(`${token} is not an ERC-20 token (no decimals/symbol)`, { address: token });
  const nm = text(name, 'name');
  return { address: token, symbol: sym.slice(0, 32), decimals: Number(d), ...(nm ? { name: nm.slice(0, 64) } : {}) };
}
