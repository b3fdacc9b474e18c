/**
 * Rules on eth_sendTransaction calldata: ERC-20 approve / increaseAllowance, ERC-721 approve / transferFrom /
 * safeTransferFrom (told apart from ERC-20 by the ERC-165 fact of the target, since approve(address,uint256) and
 * transferFrom(address,address,uint256) have the same selectors), setApprovalForAll, and where value goes
 * (zero address, the token contract itself, a contract recipient, look-alike recipients).
 */
import { decodeFunctionData, getAddress, isAddress, parseAbi, zeroAddress, type Hex } from 'viem';
import { UNLIMITED_THRESHOLD } from '../dapp/decode/evmTransaction';
import { finding, type Finding } from './finding';
import { evmFacts, isEoa, sameEvm, type RiskFacts } from './facts';
import { amountText, perLocale, quantity, tokenLabel } from './format';
import { poisoningFindings } from './poisoning';

export type EvmTxInput = { from?: string; to?: string | null; value?: string; data?: string };

const ABI = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function transfer(address to, uint256 amount)',
  'function transferFrom(address from, address to, uint256 amount)',
  'function setApprovalForAll(address operator, bool approved)',
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)',
]);

export type TokenCall =
  | { name: 'approve' | 'increaseAllowance'; spender: string; amount: bigint }
  | { name: 'transfer'; recipient: string; amount: bigint }
  | { name: 'transferFrom' | 'safeTransferFrom'; owner: string; recipient: string; amount: bigint }
  | { name: 'setApprovalForAll'; operator: string; approved: boolean };

export function decodeTokenCall(data: string | undefined): TokenCall | null {
  if (typeof data !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(data)) return null;
  let call: { functionName: string; args?: readonly unknown[] };
  try {
    call = decodeFunctionData({ abi: ABI, data: data.toLowerCase() as Hex });
  } catch {
    return null;
  }
  const a = call.args ?? [];
  switch (call.functionName) {
    case 'approve':
    case 'increaseAllowance':
      return { name: call.functionName, spender: getAddress(a[0] as string), amount: a[1] as bigint };
    case 'transfer':
      return { name: 'transfer', recipient: getAddress(a[0] as string), amount: a[1] as bigint };
    case 'transferFrom':
    case 'safeTransferFrom':
      return { name: call.functionName, owner: getAddress(a[0] as string), recipient: getAddress(a[1] as string), amount: a[2] as bigint };
    case 'setApprovalForAll':
      return { name: 'setApprovalForAll', operator: getAddress(a[0] as string), approved: a[1] as boolean };
    default:
      return null;
  }
}

const validTo = (tx: EvmTxInput): string | null => (typeof tx.to === 'string' && isAddress(tx.to, { strict: false }) ? getAddress(tx.to) : null);
const isNative = (tx: EvmTxInput) => tx.data === undefined || tx.data === null || tx.data === '' || tx.data === '0x';

/** The addresses whose facts the rules below read: eth_getCode for `code`, ERC-165 for `erc165`. */
export function evmTransactionTargets(tx: EvmTxInput): { code: string[]; erc165: string[] } {
  const to = validTo(tx);
  if (!to) return { code: [], erc165: [] };
  if (isNative(tx)) return { code: [to], erc165: [] };
  const call = decodeTokenCall(tx.data);
  if (!call) return { code: [], erc165: [] };
  const who = 'spender' in call ? call.spender : 'operator' in call ? call.operator : call.recipient;
  return { code: [who], erc165: call.name === 'transfer' || call.name === 'increaseAllowance' ? [] : [to] };
}

export function spenderEoaFindings(spender: string, facts: RiskFacts): Finding[] {
  return isEoa(facts, spender) === true ? [finding('spender-is-eoa', { spender })] : [];
}

function recipientFindings(recipient: string, token: string | null, facts: RiskFacts): Finding[] {
  const out: Finding[] = [];
  if (sameEvm(recipient, zeroAddress)) out.push(finding('recipient-zero-address', { recipient }));
  else if (token && sameEvm(recipient, token)) out.push(finding('recipient-token-contract', { token, recipient }));
  out.push(...poisoningFindings('evm', recipient, facts));
  return out;
}

function erc20Approval(call: { name: 'approve' | 'increaseAllowance'; spender: string; amount: bigint }, token: string, facts: RiskFacts): Finding[] {
  if (call.amount === 0n) return []; // approve(spender, 0) revokes
  const unlimited = call.amount >= UNLIMITED_THRESHOLD;
  const params = { token, spender: call.spender, amount: call.amount.toString(), method: call.name };
  const text = perLocale((l) => amountText(l, facts, token, call.amount, unlimited));
  const label = tokenLabel(facts, token);
  const main = unlimited
    ? finding('erc20-unlimited-approval', params, { localParams: { en: { token: label }, zh_CN: { token: label } } })
    : finding('erc20-approval', params, { localParams: { en: { amount: text.en }, zh_CN: { amount: text.zh_CN } } });
  return [main, ...spenderEoaFindings(call.spender, facts)];
}

export function evmTransactionFindings(tx: EvmTxInput, facts: RiskFacts): Finding[] {
  const to = validTo(tx);
  if (!to) return [];
  if (isNative(tx)) {
    const value = quantity(tx.value);
    if (!value) return [];
    if (sameEvm(to, zeroAddress)) return [finding('recipient-zero-address', { recipient: to }), ...poisoningFindings('evm', to, facts)];
    const f = evmFacts(facts, to);
    const contract = f?.hasCode === true && f.delegatedTo === undefined;
    return [...(contract ? [finding('recipient-is-contract', { recipient: to })] : []), ...poisoningFindings('evm', to, facts)];
  }
  const call = decodeTokenCall(tx.data);
  if (!call) return [];
  const nft = evmFacts(facts, to)?.isErc721 === true;
  switch (call.name) {
    case 'approve':
      if (!nft) return erc20Approval(call, to, facts);
      if (sameEvm(call.spender, zeroAddress)) return []; // clears the approval of that token id
      return [finding('erc721-approval', { spender: call.spender, collection: to, tokenId: call.amount.toString() }), ...spenderEoaFindings(call.spender, facts)];
    case 'increaseAllowance':
      return erc20Approval(call, to, facts);
    case 'setApprovalForAll':
      return call.approved
        ? [finding('nft-approval-for-all', { operator: call.operator, collection: to }), ...spenderEoaFindings(call.operator, facts)]
        : [finding('nft-approval-for-all-revoke', { operator: call.operator, collection: to })];
    case 'transfer':
      return recipientFindings(call.recipient, to, facts);
    case 'transferFrom':
    case 'safeTransferFrom': {
      // safeTransferFrom(address,address,uint256[,bytes]) exists only on ERC-721.
      const transfer = nft || call.name === 'safeTransferFrom'
        ? [finding('erc721-transfer', { collection: to, tokenId: call.amount.toString(), from: call.owner, recipient: call.recipient })] : [];
      return [...transfer, ...recipientFindings(call.recipient, to, facts)];
    }
  }
}
