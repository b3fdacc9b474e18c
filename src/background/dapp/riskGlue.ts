/**
 * Between the dapp handlers and the pure risk rules (`background/risk`): gathers the facts a rule needs (own accounts,
 * address book and past counterparties from storage; code and ERC-165 answers from the user's RPC in one batch), runs
 * the rules, refuses with -32602 where a rule says so (before any window), and merges the findings with the
 * decoders' own warnings, dropping the decoder warnings a rule now covers.
 */
import type { Warning } from '../../shared/approval';
import type { RpcTransport } from '../../chains/rpcTransport';
import { activityKey } from '../stores/activityStore';
import { ADDRESS_BOOK_KEY } from '../portfolio/addressBook';
import type { DappContext } from '../handlers/dapp/context';
import { evmFactTargets, gatherEvmFacts, runRules, throwIfRefused, toWarnings, type Finding, type RiskFacts, type RiskInputs, type RiskKind } from '../risk';

/** Decoder warning codes that a risk rule replaces (so nothing is said twice). */
export const COVERED_BY_RULES: ReadonlySet<string> = new Set([
  'typed-data-chain-mismatch', 'unlimited-permit', 'permit', 'unlimited-approval', 'transfer-to-token-contract',
  'token-approve', 'set-authority', 'assign-account',
]);

/** Facts from storage only (no RPC): the wallet's accounts, the address book, where this account sent before. */
export async function storedFacts(ctx: DappContext, account?: { networkId: string; address: string }): Promise<RiskFacts> {
  const [evm, sol] = await Promise.all([ctx.wallet.knownAddresses('evm'), ctx.wallet.knownAddresses('solana')]);
  const book = (await ctx.local.get<Array<{ address?: unknown }>>(ADDRESS_BOOK_KEY)) ?? [];
  const sent = account ? (await ctx.local.get<Array<{ to?: unknown }>>(activityKey(account.networkId, account.address))) ?? [] : [];
  const strings = (xs: unknown[]) => xs.filter((x): x is string => typeof x === 'string');
  return {
    ownAccounts: [...evm.addresses, ...sol.addresses],
    addressBook: strings(Array.isArray(book) ? book.map((e) => e?.address) : []),
    pastCounterparties: strings(Array.isArray(sent) ? sent.map((r) => r?.to) : []),
  };
}

/** EVM facts: storage facts plus code / ERC-165 of the addresses the request names, read in one batch. */
export async function evmFactsFor<K extends RiskKind>(ctx: DappContext, transport: RpcTransport, kind: K, input: RiskInputs[K], base: RiskFacts): Promise<RiskFacts> {
  const targets = evmFactTargets(kind, input);
  const onChain = targets.code.length + targets.erc165.length > 0 ? await gatherEvmFacts(transport, targets) : {};
  return { ...base, ...onChain };
}

/** Runs the rules: a refusal throws (-32602, no window); otherwise the findings as window warnings, then the rest. */
export function riskWarnings<K extends RiskKind>(kind: K, input: RiskInputs[K], facts: RiskFacts, legacy: readonly Warning[] = []): { findings: Finding[]; warnings: Warning[] } {
  const findings = runRules(kind, input, facts);
  throwIfRefused(findings);
  return { findings, warnings: [...toWarnings(findings), ...legacy.filter((w) => !COVERED_BY_RULES.has(w.code))] };
}
