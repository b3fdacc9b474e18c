/**
 * Rules on a decoded Solana transaction (the output of `decodeSolanaTransaction`):
 * - an instruction of a known program that the decoder could not read (kind "unknown") → listed (warning);
 *   Token-2022 extension instructions (tags ≥ 25, and the token-metadata / token-group interface instructions
 *   with 8-byte discriminators) are named here from their raw bytes (info) or listed as unknown;
 * - SetAuthority on an account whose current authority is the user (or a known token account of the user), and
 *   Approve / ApproveChecked from the user's token account → danger, unless the new authority / delegate is one
 *   of the user's own accounts;
 * - System Assign of the user's account → danger;
 * - first instruction System AdvanceNonceAccount (durable nonce) → warning "stays valid indefinitely";
 * - look-alike / first-time recipients of System transfers and token transfers signed by the user.
 */
import type { DecodedSolanaTransaction, DecodedSolanaInstruction } from '../dapp/decode/solanaTransaction';
import { finding, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { poisoningFindings } from './poisoning';

/** Token-2022 top-level instruction tags beyond SPL Token's 0–24, with the sub-instructions of extensions. */
const TOKEN_2022: Record<number, { name: string; sub?: readonly string[] }> = {
  25: { name: 'initializeMintCloseAuthority' },
  26: { name: 'transferFeeExtension', sub: ['initializeTransferFeeConfig', 'transferCheckedWithFee', 'withdrawWithheldTokensFromMint', 'withdrawWithheldTokensFromAccounts', 'harvestWithheldTokensToMint', 'setTransferFee'] },
  27: {
    name: 'confidentialTransferExtension',
    sub: ['initializeMint', 'updateMint', 'configureAccount', 'approveAccount', 'emptyAccount', 'deposit', 'withdraw', 'transfer', 'applyPendingBalance',
      'enableConfidentialCredits', 'disableConfidentialCredits', 'enableNonConfidentialCredits', 'disableNonConfidentialCredits'],
  },
  28: { name: 'defaultAccountStateExtension', sub: ['initialize', 'update'] },
  29: { name: 'reallocate' },
  30: { name: 'memoTransferExtension', sub: ['enable', 'disable'] },
  31: { name: 'createNativeMint' },
  32: { name: 'initializeNonTransferableMint' },
  33: { name: 'interestBearingMintExtension', sub: ['initialize', 'updateRate'] },
  34: { name: 'cpiGuardExtension', sub: ['enable', 'disable'] },
  35: { name: 'initializePermanentDelegate' },
  36: { name: 'transferHookExtension', sub: ['initialize', 'update'] },
  37: { name: 'confidentialTransferFeeExtension', sub: ['initializeConfidentialTransferFeeConfig', 'withdrawWithheldTokensFromMint', 'withdrawWithheldTokensFromAccounts', 'harvestWithheldTokensToMint', 'enableHarvestToMint', 'disableHarvestToMint'] },
  38: { name: 'withdrawExcessLamports' },
  39: { name: 'metadataPointerExtension', sub: ['initialize', 'update'] },
  40: { name: 'groupPointerExtension', sub: ['initialize', 'update'] },
  41: { name: 'groupMemberPointerExtension', sub: ['initialize', 'update'] },
  42: { name: 'confidentialMintBurnExtension', sub: ['initializeMint', 'rotateSupplyElGamalPubkey', 'updateDecryptableSupply', 'mint', 'burn', 'applyPendingBurn'] },
  43: { name: 'scaledUiAmountExtension', sub: ['initialize', 'updateMultiplier'] },
  44: { name: 'pausableExtension', sub: ['initialize', 'pause', 'resume'] },
  45: { name: 'unwrapLamports' },
  46: { name: 'permissionedBurnExtension', sub: ['initialize', 'burn', 'burnChecked'] },
};

/** spl-token-metadata-interface and spl-token-group-interface: sha256("<namespace>:<name>")[0..8]. */
export const INTERFACE_DISCRIMINATORS: Record<string, string> = {
  'd2e11ea258b84d8d': 'tokenMetadata.initialize',
  'dde9312db5cadcc8': 'tokenMetadata.updateField',
  'ea122038598d25b5': 'tokenMetadata.removeKey',
  'd7e4a6e45464567b': 'tokenMetadata.updateAuthority',
  'faa6b4fa0d0cb846': 'tokenMetadata.emit',
  '79716c2736330004': 'tokenGroup.initializeGroup',
  '6c25ab8ff81e126e': 'tokenGroup.updateGroupMaxSize',
  'a1695801edddd8cb': 'tokenGroup.updateGroupAuthority',
  '9820deb0dfed7486': 'tokenGroup.initializeMember',
};

/** The Token-2022 name of raw instruction bytes (hex), or `{ unknown }` with what could be read. */
export function token2022InstructionName(hex: string): { name: string } | { unknown: string } {
  const iface = INTERFACE_DISCRIMINATORS[hex.slice(0, 16)];
  if (iface && hex.length >= 16) return { name: iface };
  const tag = hex.length >= 2 ? parseInt(hex.slice(0, 2), 16) : NaN;
  const entry = TOKEN_2022[tag];
  if (!entry) return { unknown: Number.isNaN(tag) ? 'empty data' : `type ${tag}` };
  if (!entry.sub) return { name: entry.name };
  const sub = hex.length >= 4 ? parseInt(hex.slice(2, 4), 16) : NaN;
  const subName = entry.sub[sub];
  return subName ? { name: `${entry.name}.${subName}` } : { unknown: `${entry.name}${Number.isNaN(sub) ? '' : ` (sub-instruction ${sub})`}` };
}

const firstByte = (hex: string | undefined) => (hex && hex.length >= 2 ? `type ${parseInt(hex.slice(0, 2), 16)}` : 'empty data');

export function unknownInstructionFindings(decoded: DecodedSolanaTransaction): Finding[] {
  const unknown: string[] = [];
  const named: string[] = [];
  decoded.instructions.forEach((ix, i) => {
    if (ix.program === 'unknown' || ix.kind !== 'unknown') return;
    const data = ix.summary.data ?? '';
    if (ix.program === 'token-2022') {
      const r = token2022InstructionName(data);
      if ('name' in r) named.push(`#${i + 1} ${r.name}`);
      else unknown.push(`#${i + 1} ${ix.program} ${r.unknown}`);
    } else {
      unknown.push(`#${i + 1} ${ix.program} ${firstByte(data)}`);
    }
  });
  return [
    ...(unknown.length ? [finding('solana-unknown-instruction', { instructions: unknown.join('; ') })] : []),
    ...(named.length ? [finding('solana-token2022-extension', { instructions: named.join('; ') })] : []),
  ];
}

const isToken = (ix: DecodedSolanaInstruction) => ix.program === 'spl-token' || ix.program === 'token-2022';

export function authorityFindings(decoded: DecodedSolanaTransaction, account: string, facts: RiskFacts): Finding[] {
  const own = new Set([account, ...(facts.ownAccounts ?? [])]);
  const userTokenAccounts = new Set(facts.userTokenAccounts ?? []);
  const users = (authority: string | undefined, tokenAccount: string | undefined) =>
    (authority !== undefined && own.has(authority)) || (tokenAccount !== undefined && userTokenAccounts.has(tokenAccount));
  const out: Finding[] = [];
  for (const ix of decoded.instructions) {
    const s = ix.summary;
    if (isToken(ix) && ix.kind === 'setAuthority' && users(s.currentAuthority, s.account) && !own.has(s.newAuthority ?? '')) {
      out.push(finding('solana-token-authority-change', { account: s.account ?? '', authorityType: s.authorityType ?? '', newAuthority: s.newAuthority ?? '' }));
    }
    if (isToken(ix) && (ix.kind === 'approve' || ix.kind === 'approveChecked') && users(s.owner, s.source)
      && !own.has(s.delegate ?? '') && s.amount !== '0') {
      out.push(finding('solana-token-delegate', { account: s.source ?? '', delegate: s.delegate ?? '', amount: s.amount ?? '' }));
    }
    if (ix.program === 'system' && ix.kind === 'assign' && s.account !== undefined && own.has(s.account)) {
      out.push(finding('solana-assign-account', { account: s.account, program: s.owner ?? '' }));
    }
  }
  return out;
}

export function durableNonceFindings(decoded: DecodedSolanaTransaction): Finding[] {
  const first = decoded.instructions[0];
  if (first?.program !== 'system' || first.kind !== 'advanceNonceAccount') return [];
  const nonceAccount = first.summary.nonceAccount ?? first.summary.accounts?.split(', ')[0] ?? '';
  return [finding('solana-durable-nonce', { nonceAccount })];
}

/** Recipients of value the user sends: System transfer `to`, token transfer destination (a token account). */
export function solanaRecipientFindings(decoded: DecodedSolanaTransaction, account: string, facts: RiskFacts): Finding[] {
  const recipients = new Set<string>();
  for (const ix of decoded.instructions) {
    const s = ix.summary;
    if (ix.program === 'system' && ix.kind === 'transfer' && s.from === account && s.to) recipients.add(s.to);
    if (isToken(ix) && /^transfer/.test(ix.kind) && s.owner === account && s.destination) recipients.add(s.destination);
  }
  return [...recipients].flatMap((r) => poisoningFindings('solana', r, facts));
}
