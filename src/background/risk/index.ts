/**
 * Pre-sign risk rules (issue 8, items 3 and 5). Every rule is a small pure function of the request and of FACTS
 * gathered beforehand (`gatherEvmFacts`, storage); `runRules` runs the rules of one request kind and returns the
 * findings danger first. A finding with `refuse` means: answer the dapp with that -32602 and open no window.
 */
import type { DecodedSolanaTransaction } from '../dapp/decode/solanaTransaction';
import { decodePersonalMessage } from '../dapp/decode/personalMessage';
import { sortFindings, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { evmTransactionFindings, evmTransactionTargets, type EvmTxInput } from './evmCalls';
import { addChainFindings, solanaChainFindings, typedDataChainFindings } from './network';
import { orderFindings } from './orders';
import { permitFindings, permitTargets } from './permits';
import { poisoningFindings, type AddressFamily } from './poisoning';
import { authorityFindings, durableNonceFindings, solanaRecipientFindings, unknownInstructionFindings } from './solana';
import { invisibleCharacterFindings, personalSignSizeFindings, stringsIn } from './text';
import { asTypedData } from './typedData';

export type RiskInputs = {
  /** eth_sendTransaction params (and the popup's own EVM sends). */
  'evm-transaction': { tx: EvmTxInput };
  /** eth_signTypedData_v3/v4: the typed data (object or JSON string, as validated by decodeTypedData) and the signer. */
  'typed-data': { data: unknown; account?: string };
  /** personal_sign: the message parameter as the dapp sent it. */
  'personal-sign': { message: string };
  /** wallet_addEthereumChain: its first parameter. */
  'add-chain': { params: unknown };
  /** wallet_watchAsset and token lists: what the token calls itself. */
  'token-metadata': { symbol?: unknown; name?: unknown };
  /** Any Solana request that names a `chain`. */
  'solana-request': { chain?: unknown };
  /** solana:signTransaction / signAndSendTransaction (and the popup's Solana sends). */
  'solana-transaction': { decoded: DecodedSolanaTransaction; account: string; chain?: unknown };
  /** A recipient typed or pasted into the popup's send form. */
  recipient: { family: AddressFamily; address: string };
};
export type RiskKind = keyof RiskInputs;

type Rule<K extends RiskKind> = (input: RiskInputs[K], facts: RiskFacts) => Finding[];

const RULES: { [K in RiskKind]: ReadonlyArray<Rule<K>> } = {
  'evm-transaction': [(i, f) => evmTransactionFindings(i.tx, f)],
  'typed-data': [(i, f) => {
    const td = asTypedData(i.data);
    if (!td) return [];
    return [
      ...typedDataChainFindings(td, f),
      ...permitFindings(td, f),
      ...orderFindings(td, i.account, f),
      ...invisibleCharacterFindings(stringsIn({ primaryType: td.primaryType, domain: td.domain, message: td.message })
        .map((s) => ({ where: 'where:typed-data' as const, text: s.text, path: s.path }))),
    ];
  }],
  'personal-sign': [
    (i) => personalSignSizeFindings(i.message),
    (i) => {
      if (typeof i.message !== 'string') return [];
      const text = decodePersonalMessage(i.message).text;
      return text === null ? [] : invisibleCharacterFindings([{ where: 'where:message', text }]);
    },
  ],
  'add-chain': [(i) => addChainFindings(i.params)],
  'token-metadata': [(i) => invisibleCharacterFindings([
    ...(typeof i.symbol === 'string' ? [{ where: 'where:token-symbol' as const, text: i.symbol }] : []),
    ...(typeof i.name === 'string' ? [{ where: 'where:token-name' as const, text: i.name }] : []),
  ])],
  'solana-request': [(i, f) => solanaChainFindings(i.chain, f)],
  'solana-transaction': [
    (i, f) => solanaChainFindings(i.chain, f),
    (i) => unknownInstructionFindings(i.decoded),
    (i, f) => authorityFindings(i.decoded, i.account, f),
    (i) => durableNonceFindings(i.decoded),
    (i, f) => solanaRecipientFindings(i.decoded, i.account, f),
  ],
  recipient: [(i, f) => poisoningFindings(i.family, i.address, f)],
};

/** Runs the rules of one request kind; findings sorted danger > warning > info (stable). */
export function runRules<K extends RiskKind>(kind: K, input: RiskInputs[K], facts: RiskFacts = {}): Finding[] {
  const rules = RULES[kind] as ReadonlyArray<Rule<K>>;
  return sortFindings(rules.flatMap((r) => r(input, facts)));
}

/** What `gatherEvmFacts` should read for this request (empty lists: nothing to read, skip the RPC). */
export function evmFactTargets<K extends RiskKind>(kind: K, input: RiskInputs[K]): { code: string[]; erc165: string[] } {
  if (kind === 'evm-transaction') return evmTransactionTargets((input as RiskInputs['evm-transaction']).tx);
  if (kind === 'typed-data') {
    const td = asTypedData((input as RiskInputs['typed-data']).data);
    return { code: td ? permitTargets(td) : [], erc165: [] };
  }
  return { code: [], erc165: [] };
}

export {
  finding, interpolate, needsSecondConfirmation, needsWholeAddressCheck, refusalOf, sortFindings, throwIfRefused, toWarning, toWarnings,
  type Finding, type FindingCode, type FindingWarning, type Localized, type RiskLocale, type Severity,
} from './finding';
export { MESSAGES, WORDS } from './messages';
export { evmFacts, isEoa, type EvmAddressFacts, type RiskFacts } from './facts';
export { gatherEvmFacts, type EvmFactRequest } from './gatherEvmFacts';
export { escapeInvisible, PERSONAL_SIGN_MAX_BYTES, personalSignBytes } from './text';
export { looksAlike, poisoningFindings } from './poisoning';
export { PERMIT2_ADDRESS, permitOf } from './permits';
export { decodeTokenCall } from './evmCalls';
export { token2022InstructionName } from './solana';
