/**
 * Every finding code has a malicious fixture that produces it and a benign twin that does not (issue 8: "every
 * rule has its malicious and benign unit tests"). The table is checked against the catalogue, so a new code
 * without its pair fails here.
 */
import { describe, expect, it } from 'vitest';
import { decodeTypedData } from '../../../../src/background/dapp/decode/typedData';
import { MESSAGES, runRules, type Finding, type FindingCode, type RiskFacts } from '../../../../src/background/risk';
import {
  calldata, EOA, eip2612, evmFacts, MARKET_FEE, MAX_UINT256, NFT, OTHER, PERMIT2, SOL_ATTACKER, SOL_DEST, SOL_OWN_2, SOL_USER,
  seaportOrder, sol, solTx, SPENDER, TOKEN, TOKEN_2022_PROGRAM_ID, tx, USER, ZERO,
} from './fixtures';

const typed = (data: object, facts: RiskFacts = evmFacts) => {
  decodeTypedData(data); // the fixture is valid typed data (what the handler passes on)
  return runRules('typed-data', { data, account: USER }, facts);
};
const evm = (input: ReturnType<typeof tx>, facts: RiskFacts = evmFacts) => runRules('evm-transaction', input, facts);
const addChain = (nativeCurrency: unknown) => runRules('add-chain', { params: { chainId: '0x2105', chainName: 'Base', rpcUrls: ['https://x'], nativeCurrency } });
const solFacts: RiskFacts = { solanaChain: 'solana:mainnet', ownAccounts: [SOL_USER.toBase58(), SOL_OWN_2.toBase58()] };
const solana = (ixs: Parameters<typeof solTx>[0], facts: RiskFacts = solFacts) =>
  runRules('solana-transaction', { decoded: solTx(ixs), account: SOL_USER.toBase58() }, facts);
const BOOK = '0x9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
const LOOKALIKE = '0x9A8B0000000000000000000000000000000F1A0B';
const people: RiskFacts = { ownAccounts: [USER], addressBook: [BOOK], pastCounterparties: [OTHER] };
const ether = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/** `preview-changed` is not a rule over one request: its pair (outcome changed / same) is in dapp/previewRecheck.test.ts. */
type RuleCode = Exclude<FindingCode, 'preview-changed'>;
const PAIRS: Record<RuleCode, { malicious: () => Finding[]; benign: () => Finding[] }> = {
  'erc20-approval': { malicious: () => evm(tx(TOKEN, calldata('approve', [SPENDER, 5_000_000n]))), benign: () => evm(tx(TOKEN, calldata('approve', [SPENDER, 0n]))) },
  'erc20-unlimited-approval': {
    malicious: () => evm(tx(TOKEN, calldata('increaseAllowance', [SPENDER, MAX_UINT256]))),
    benign: () => evm(tx(TOKEN, calldata('increaseAllowance', [SPENDER, 5_000_000n]))),
  },
  'spender-is-eoa': { malicious: () => evm(tx(TOKEN, calldata('approve', [EOA, 5_000_000n]))), benign: () => evm(tx(TOKEN, calldata('approve', [SPENDER, 5_000_000n]))) },
  'token-permit': { malicious: () => typed(eip2612(5_000_000n)), benign: () => typed(eip2612(0n)) },
  'token-permit-unlimited': {
    malicious: () => typed(eip2612(MAX_UINT256, { primaryType: 'Mint' })), // renamed primaryType: recognised by structure
    benign: () => typed(eip2612(5_000_000n, { primaryType: 'Mint' })),
  },
  'permit2-unreadable': {
    malicious: () => typed({ types: { Claim: [{ name: 'who', type: 'address' }] }, primaryType: 'Claim', domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 }, message: { who: OTHER } }),
    benign: () => typed({ types: { Claim: [{ name: 'who', type: 'address' }] }, primaryType: 'Claim', domain: { name: 'Game', chainId: 1, verifyingContract: TOKEN }, message: { who: OTHER } }),
  },
  'nft-approval-for-all': {
    malicious: () => evm(tx(NFT, calldata('setApprovalForAll', [SPENDER, true]))),
    benign: () => evm(tx(NFT, calldata('setApprovalForAll', [SPENDER, false]))),
  },
  'nft-approval-for-all-revoke': {
    malicious: () => evm(tx(NFT, calldata('setApprovalForAll', [SPENDER, false]))),
    benign: () => evm(tx(NFT, calldata('setApprovalForAll', [SPENDER, true]))),
  },
  'erc721-approval': { malicious: () => evm(tx(NFT, calldata('approve', [SPENDER, 42n]))), benign: () => evm(tx(TOKEN, calldata('approve', [SPENDER, 42n]))) },
  'erc721-transfer': {
    malicious: () => evm(tx(NFT, calldata('transferFrom', [USER, OTHER, 42n]))),
    benign: () => evm(tx(TOKEN, calldata('transferFrom', [USER, OTHER, 42n]))),
  },
  'marketplace-order-free': {
    malicious: () => typed(seaportOrder([{ itemType: 0, amount: 10n ** 18n, recipient: OTHER }])),
    benign: () => typed(seaportOrder([
      { itemType: 0, amount: 975n * 10n ** 15n, recipient: USER }, { itemType: 0, amount: 25n * 10n ** 15n, recipient: MARKET_FEE },
    ])),
  },
  'typed-data-chain-mismatch': { malicious: () => typed(eip2612(1n, { chainId: 137 })), benign: () => typed(eip2612(1n, { chainId: 1 })) },
  'add-chain-bad-currency': { malicious: () => addChain('ETH'), benign: () => addChain(ether) },
  'add-chain-bad-decimals': { malicious: () => addChain({ ...ether, decimals: 36 }), benign: () => addChain(ether) },
  'add-chain-bad-symbol': { malicious: () => addChain({ ...ether, symbol: 'E' }), benign: () => addChain(ether) },
  'add-chain-bad-currency-name': { malicious: () => addChain({ ...ether, name: 'E'.repeat(101) }), benign: () => addChain({ ...ether, name: 'E'.repeat(100) }) },
  'solana-chain-mismatch': {
    malicious: () => runRules('solana-request', { chain: 'solana:devnet' }, solFacts),
    benign: () => runRules('solana-request', { chain: 'solana:mainnet' }, solFacts),
  },
  'personal-sign-too-large': {
    malicious: () => runRules('personal-sign', { message: 'a'.repeat(64 * 1024 + 1) }),
    benign: () => runRules('personal-sign', { message: 'a'.repeat(64 * 1024) }),
  },
  'recipient-zero-address': { malicious: () => evm(tx(ZERO, '0x', '0x1')), benign: () => evm(tx(OTHER, '0x', '0x1')) },
  'recipient-token-contract': { malicious: () => evm(tx(TOKEN, calldata('transfer', [TOKEN, 1n]))), benign: () => evm(tx(TOKEN, calldata('transfer', [OTHER, 1n]))) },
  'recipient-is-contract': { malicious: () => evm(tx(SPENDER, '0x', '0x1')), benign: () => evm(tx(OTHER, '0x', '0x1')) },
  'address-poisoning': {
    malicious: () => runRules('recipient', { family: 'evm', address: LOOKALIKE }, people),
    benign: () => runRules('recipient', { family: 'evm', address: BOOK.toUpperCase().replace('0X', '0x') }, people),
  },
  'first-time-recipient': {
    malicious: () => runRules('recipient', { family: 'evm', address: SPENDER }, people),
    benign: () => runRules('recipient', { family: 'evm', address: OTHER }, people),
  },
  'solana-unknown-instruction': { malicious: () => solana([sol.raw(TOKEN_2022_PROGRAM_ID, [99])]), benign: () => solana([sol.cpiGuardEnable()]) },
  'solana-token2022-extension': { malicious: () => solana([sol.cpiGuardEnable()]), benign: () => solana([sol.tokenTransfer()]) },
  'solana-token-authority-change': { malicious: () => solana([sol.setOwner(SOL_ATTACKER)]), benign: () => solana([sol.setOwner(SOL_OWN_2)]) },
  'solana-token-delegate': { malicious: () => solana([sol.approve(SOL_ATTACKER)]), benign: () => solana([sol.revoke()]) },
  'solana-assign-account': { malicious: () => solana([sol.assign(SOL_USER)]), benign: () => solana([sol.assign(SOL_DEST)]) },
  'solana-durable-nonce': { malicious: () => solana([sol.advanceNonce(), sol.transfer()]), benign: () => solana([sol.transfer(), sol.advanceNonce()]) },
  'invisible-characters': {
    malicious: () => runRules('personal-sign', { message: 'Sign in to exe.\u202Etxt' }),
    benign: () => runRules('personal-sign', { message: 'Sign in 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 — 登录\n\tok' }),
  },
};

describe('every rule: malicious fixture → finding, benign twin → none of that code', () => {
  it('covers every code of the catalogue', () => {
    expect(Object.keys(PAIRS).sort()).toEqual(Object.keys(MESSAGES).filter((c) => c !== 'preview-changed').sort());
  });

  for (const [code, pair] of Object.entries(PAIRS) as Array<[RuleCode, (typeof PAIRS)[RuleCode]]>) {
    it(code, () => {
      const bad = pair.malicious();
      const hit = bad.find((f) => f.code === code);
      expect(hit, `malicious fixture of ${code}: ${JSON.stringify(bad.map((f) => f.code))}`).toBeDefined();
      expect(hit!.severity).toBe(MESSAGES[code].severity);
      // Both languages rendered, every placeholder filled.
      for (const locale of ['en', 'zh_CN'] as const) {
        const names = MESSAGES[code][locale].match(/\{\w+\}/g) ?? [];
        for (const n of names) expect(hit!.message[locale], `${locale} ${n}`).not.toContain(n);
      }
      expect(hit!.message.zh_CN).not.toBe(hit!.message.en);
      expect(JSON.parse(JSON.stringify(hit))).toEqual(hit);
      const good = pair.benign();
      expect(good.map((f) => f.code), `benign twin of ${code}`).not.toContain(code);
    });
  }
});
