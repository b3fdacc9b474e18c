/**
 * eth_sendTransaction parameters decoded for the approval window: native transfers, the ERC-20 calls that move or
 * expose tokens (transfer, transferFrom, approve, increaseAllowance), contract calls and deployments.
 *
 * Token calls are recognised by calldata alone (no network): the target may not be a token at all, so the window
 * names the token only when it is in `knownTokens`.
 */
import { decodeFunctionData, erc20Abi, formatUnits, getAddress, isAddress, maxUint256, type Hex } from 'viem';
import type { Warning } from '../../../shared/approval';
import { InvalidParamsError } from '../../../shared/errors';

export type { Warning };

export type EvmTransactionInput = { to?: string | null; value?: string; data?: string; from: string };

export type EvmDecodeContext = {
  chainId: number;
  nativeSymbol: string;
  /** Keyed by lowercase contract address. */
  knownTokens?: Record<string, { symbol: string; decimals: number }>;
};

export type EvmTransactionKind = 'native-transfer' | 'erc20-transfer' | 'erc20-approve' | 'contract-call' | 'contract-deploy';

export type DecodedEvmTransaction = {
  kind: EvmTransactionKind;
  /** Checksummed target, null for a deployment. */
  to: string | null;
  /** Checksummed sender. */
  from: string;
  /** Native value in wei, decimal. */
  value: string;
  /** e.g. "1.5 ETH". */
  valueFormatted: string;
  /** The ERC-20 function called, for token kinds. */
  method?: 'transfer' | 'transferFrom' | 'approve' | 'increaseAllowance';
  token?: { address: string; symbol?: string; decimals?: number };
  /** Token recipient (transfer, transferFrom). */
  recipient?: string;
  /** Token holder debited by transferFrom. */
  owner?: string;
  /** Approved spender (approve, increaseAllowance). */
  spender?: string;
  /** Token amount in base units, decimal. */
  amount?: string;
  /** Amount with the token's decimals and symbol, when the token is known. */
  amountFormatted?: string;
  /** approve/increaseAllowance of at least 2^255. */
  unlimited?: boolean;
  /** First 4 bytes of calldata, for calls. */
  selector?: Hex;
  data: Hex;
};

const increaseAllowanceAbi = [{
  type: 'function', name: 'increaseAllowance', stateMutability: 'nonpayable',
  inputs: [{ name: 'spender', type: 'address' }, { name: 'addedValue', type: 'uint256' }], outputs: [{ type: 'bool' }],
}] as const;
const tokenAbi = [...erc20Abi, ...increaseAllowanceAbi];

/** Approvals at or above this are effectively unlimited (covers maxUint256 and "max/2" sentinels). */
export const UNLIMITED_THRESHOLD = 1n << 255n;

function quantity(v: string | undefined, what: string): bigint {
  if (v === undefined || v === null || v === '') return 0n;
  if (typeof v !== 'string' || !/^(?:0x[0-9a-fA-F]+|\d+)$/.test(v)) throw new InvalidParamsError(`${what} must be a hex quantity or a decimal string.`);
  return BigInt(v);
}

function address(v: string, what: string): string {
  if (typeof v !== 'string' || !isAddress(v, { strict: false })) throw new InvalidParamsError(`Invalid ${what} address.`);
  return getAddress(v);
}

export function decodeEvmTransaction(tx: EvmTransactionInput, ctx: EvmDecodeContext): DecodedEvmTransaction {
  if (!tx || typeof tx !== 'object') throw new InvalidParamsError('Expected a transaction object.');
  const from = address(tx.from, 'sender');
  const to = tx.to === undefined || tx.to === null || tx.to === '' ? null : address(tx.to, '"to"');
  const value = quantity(tx.value, 'value');
  const rawData = tx.data ?? '0x';
  if (typeof rawData !== 'string' || !/^0x(?:[0-9a-fA-F]{2})*$/.test(rawData)) throw new InvalidParamsError('data must be 0x-prefixed hex bytes.');
  const data = rawData.toLowerCase() as Hex;
  const base = { to, from, value: value.toString(), valueFormatted: `${formatUnits(value, 18)} ${ctx.nativeSymbol}`, data };

  if (to === null) return { kind: 'contract-deploy', ...base };
  if (data === '0x') return { kind: 'native-transfer', ...base };
  const selector = data.length >= 10 ? (data.slice(0, 10) as Hex) : undefined;

  let call: { functionName: string; args?: readonly unknown[] } | null = null;
  try {
    call = decodeFunctionData({ abi: tokenAbi, data });
  } catch {
    call = null;
  }
  const known = ctx.knownTokens?.[to.toLowerCase()];
  const token = { address: to, ...(known ? { symbol: known.symbol, decimals: known.decimals } : {}) };
  const fmt = (amount: bigint): { amountFormatted?: string } => (known
    ? { amountFormatted: `${formatUnits(amount, known.decimals)} ${known.symbol}` } : {});
  const args = call?.args ?? [];
  const withSelector = selector ? { selector } : {};

  switch (call?.functionName) {
    case 'transfer': {
      const [recipient, amount] = args as [string, bigint];
      return { kind: 'erc20-transfer', ...base, ...withSelector, method: 'transfer', token, recipient: getAddress(recipient), amount: amount.toString(), ...fmt(amount) };
    }
    case 'transferFrom': {
      const [owner, recipient, amount] = args as [string, string, bigint];
      return {
        kind: 'erc20-transfer', ...base, ...withSelector, method: 'transferFrom', token, owner: getAddress(owner), recipient: getAddress(recipient),
        amount: amount.toString(), ...fmt(amount),
      };
    }
    case 'approve':
    case 'increaseAllowance': {
      const [spender, amount] = args as [string, bigint];
      return {
        kind: 'erc20-approve', ...base, ...withSelector, method: call.functionName, token, spender: getAddress(spender),
        amount: amount.toString(), ...fmt(amount), unlimited: amount >= UNLIMITED_THRESHOLD || amount === maxUint256,
      };
    }
    default:
      return { kind: 'contract-call', ...base, ...withSelector };
  }
}

export function evmTransactionWarnings(decoded: DecodedEvmTransaction): Warning[] {
  const out: Warning[] = [];
  const who = decoded.token?.symbol ?? decoded.token?.address ?? 'this token';
  if (decoded.kind === 'erc20-approve' && decoded.unlimited) {
    out.push({
      level: 'danger', code: 'unlimited-approval',
      message: `This gives ${decoded.spender} permission to spend all of your ${who}, now and in the future, until you revoke it.`,
    });
  }
  if (decoded.kind === 'contract-deploy') {
    out.push({ level: 'warning', code: 'contract-deploy', message: 'This transaction deploys a new contract.' });
  }
  if ((decoded.kind === 'erc20-transfer' || decoded.kind === 'erc20-approve') && BigInt(decoded.value) > 0n) {
    out.push({
      level: 'warning', code: 'value-to-token-contract',
      message: `This token call also sends ${decoded.valueFormatted} to the token contract, which token calls never need.`,
    });
  }
  if (decoded.kind === 'erc20-transfer' && decoded.recipient !== undefined && decoded.recipient === decoded.to) {
    out.push({
      level: 'warning', code: 'transfer-to-token-contract',
      message: 'The recipient is the token contract itself: tokens sent there are usually lost.',
    });
  }
  return out;
}
