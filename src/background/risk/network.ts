/**
 * Refusals about networks (-32602, no window), as MetaMask answers:
 * - typed data whose domain chainId is not the current chain;
 * - wallet_addEthereumChain with a native currency other than decimals 18, a 2–6 character symbol and a name of at
 *   most 100 characters (characters = Unicode code points). An absent nativeCurrency is allowed (EIP-3085 makes it
 *   optional), an absent name too; a present one must be right;
 * - a Solana request whose `chain` is not the selected cluster.
 * And the invisible-character warning for the names a network brings.
 */
import { finding, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { invisibleCharacterFindings, type TextSource } from './text';
import { toBig, type RawTypedData } from './typedData';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as the refusal message shows it: JSON, cut to 60 characters. */
export function shown(v: unknown): string {
  let s: string;
  try { s = v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v); } catch { s = String(v); }
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

export function typedDataChainFindings(td: RawTypedData, facts: RiskFacts): Finding[] {
  const current = facts.evmChainId;
  const raw = td.domain.chainId;
  if (current === undefined || raw === undefined || raw === null) return [];
  const chainId = toBig(raw);
  if (chainId === BigInt(current)) return [];
  return [finding('typed-data-chain-mismatch', { chainId: chainId === null ? shown(raw) : chainId.toString(), current: String(current) }, { refuse: true })];
}

const codePoints = (s: string) => [...s].length;

export function addChainFindings(params: unknown): Finding[] {
  if (!isRecord(params)) return [];
  const out: Finding[] = [];
  const texts: TextSource[] = [];
  if (typeof params.chainName === 'string') texts.push({ where: 'where:network-name', text: params.chainName });
  const nc = params.nativeCurrency;
  if (nc !== undefined) {
    if (!isRecord(nc)) return [finding('add-chain-bad-currency', { value: shown(nc) }, { refuse: true })];
    if (nc.decimals !== 18) out.push(finding('add-chain-bad-decimals', { value: shown(nc.decimals) }, { refuse: true }));
    if (typeof nc.symbol !== 'string' || codePoints(nc.symbol) < 2 || codePoints(nc.symbol) > 6) {
      out.push(finding('add-chain-bad-symbol', { value: shown(nc.symbol) }, { refuse: true }));
    } else {
      texts.push({ where: 'where:currency-symbol', text: nc.symbol });
    }
    if (nc.name !== undefined && (typeof nc.name !== 'string' || codePoints(nc.name) > 100)) {
      out.push(finding('add-chain-bad-currency-name', { value: shown(nc.name) }, { refuse: true }));
    } else if (typeof nc.name === 'string') {
      texts.push({ where: 'where:currency-name', text: nc.name });
    }
  }
  return [...out, ...invisibleCharacterFindings(texts)];
}

export function solanaChainFindings(chain: unknown, facts: RiskFacts): Finding[] {
  const selected = facts.solanaChain;
  if (chain === undefined || selected === undefined || chain === selected) return [];
  return [finding('solana-chain-mismatch', { chain: typeof chain === 'string' ? chain : shown(chain), selected }, { refuse: true })];
}
