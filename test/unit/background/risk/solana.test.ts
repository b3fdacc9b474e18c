import { sha256 } from '@noble/hashes/sha2.js';
import {
  AuthorityType, createInitializePermanentDelegateInstruction, createSetAuthorityInstruction, createSetTransferFeeInstruction, createUpdateTransferHookInstruction,
} from '@solana/spl-token';
import { ComputeBudgetProgram, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { runRules, token2022InstructionName, type RiskFacts } from '../../../../src/background/risk';
import { INTERFACE_DISCRIMINATORS } from '../../../../src/background/risk/solana';
import {
  SOL_ATTACKER, SOL_DEST, SOL_MINT, SOL_NONCE, SOL_OWN_2, SOL_USER, SOL_USER_ATA, sol, solTx, SystemProgram, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID,
} from './fixtures';

const b = (k: PublicKey) => k.toBase58();
const facts: RiskFacts = { solanaChain: 'solana:mainnet', ownAccounts: [b(SOL_USER), b(SOL_OWN_2)] };
const run = (ixs: Parameters<typeof solTx>[0], f: RiskFacts = facts, chain?: string) =>
  runRules('solana-transaction', { decoded: solTx(ixs), account: b(SOL_USER), ...(chain ? { chain } : {}) }, f);
const codes = (ixs: Parameters<typeof solTx>[0], f: RiskFacts = facts) => run(ixs, f).map((x) => `${x.severity}:${x.code}`);
const hex = (bytes: number[]) => Buffer.from(bytes).toString('hex');

describe('Token-2022 instruction names', () => {
  it('names extension instructions from their tag and sub-instruction', () => {
    expect(token2022InstructionName(hex([26, 5]))).toEqual({ name: 'transferFeeExtension.setTransferFee' });
    expect(token2022InstructionName(hex([34, 1]))).toEqual({ name: 'cpiGuardExtension.disable' });
    expect(token2022InstructionName(hex([44, 1]))).toEqual({ name: 'pausableExtension.pause' });
    expect(token2022InstructionName(hex([35]))).toEqual({ name: 'initializePermanentDelegate' });
    expect(token2022InstructionName(hex([26, 9]))).toEqual({ unknown: 'transferFeeExtension (sub-instruction 9)' });
    expect(token2022InstructionName(hex([99]))).toEqual({ unknown: 'type 99' });
    expect(token2022InstructionName('')).toEqual({ unknown: 'empty data' });
  });

  it('the interface discriminators are sha256("<namespace>:<name>")[0..8]', () => {
    const preimages: Record<string, string> = {
      'tokenMetadata.initialize': 'spl_token_metadata_interface:initialize_account',
      'tokenMetadata.updateField': 'spl_token_metadata_interface:updating_field',
      'tokenMetadata.removeKey': 'spl_token_metadata_interface:remove_key_ix',
      'tokenMetadata.updateAuthority': 'spl_token_metadata_interface:update_the_authority',
      'tokenMetadata.emit': 'spl_token_metadata_interface:emitter',
      'tokenGroup.initializeGroup': 'spl_token_group_interface:initialize_token_group',
      'tokenGroup.updateGroupMaxSize': 'spl_token_group_interface:update_group_max_size',
      'tokenGroup.updateGroupAuthority': 'spl_token_group_interface:update_authority',
      'tokenGroup.initializeMember': 'spl_token_group_interface:initialize_member',
    };
    for (const [disc, name] of Object.entries(INTERFACE_DISCRIMINATORS)) {
      expect(Buffer.from(sha256(new TextEncoder().encode(preimages[name]!))).subarray(0, 8).toString('hex'), name).toBe(disc);
    }
    expect(Object.keys(INTERFACE_DISCRIMINATORS)).toHaveLength(9);
  });
});

describe('instructions of known programs the decoder cannot read', () => {
  it('Token-2022 extension instructions built by spl-token are named (info), not listed unknown', () => {
    const found = run([
      createSetTransferFeeInstruction(SOL_MINT, SOL_USER, [], 10, 100n, TOKEN_2022_PROGRAM_ID),
      createUpdateTransferHookInstruction(SOL_MINT, SOL_USER, SOL_DEST, [], TOKEN_2022_PROGRAM_ID),
      createInitializePermanentDelegateInstruction(SOL_MINT, SOL_ATTACKER, TOKEN_2022_PROGRAM_ID),
    ]);
    expect(found).toEqual([expect.objectContaining({
      code: 'solana-token2022-extension', severity: 'info',
      params: { instructions: '#1 transferFeeExtension.setTransferFee; #2 transferHookExtension.update; #3 initializePermanentDelegate' },
    })]);
  });

  it('lists unknown instruction types of System, SPL Token, Token-2022, ATA and Compute Budget in one warning', () => {
    const u32 = (n: number) => [n & 255, (n >> 8) & 255, 0, 0];
    const found = run([
      sol.raw(SystemProgram.programId, u32(99)),
      sol.raw(TOKEN_PROGRAM_ID, [26, 1]), // an extension tag on the legacy program
      sol.raw(TOKEN_2022_PROGRAM_ID, [26, 9]),
      sol.raw(new PublicKey('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'), [7]),
      sol.raw(ComputeBudgetProgram.programId, [9]),
      sol.transfer(),
    ], { ...facts, pastCounterparties: [b(SOL_DEST)], addressBook: [] });
    expect(found.map((f) => f.code)).toEqual(['solana-unknown-instruction']);
    expect(found[0]!.params.instructions).toBe(
      '#1 system type 99; #2 spl-token type 26; #3 token-2022 transferFeeExtension (sub-instruction 9); #4 associated-token type 7; #5 compute-budget type 9',
    );
    expect(found[0]!.message.zh_CN).toContain('#1 system type 99');
  });

  it('instructions the decoder reads, and unknown programs (reported by the decoder), are not listed', () => {
    expect(codes([sol.transfer(), sol.tokenTransfer(), sol.raw(SOL_ATTACKER, [1, 2])], { ...facts, pastCounterparties: [b(SOL_DEST)], addressBook: [] })).toEqual([]);
  });
});

describe('authority changes on the user\'s accounts', () => {
  it('SetAuthority of the owner or close authority to someone else: danger with the details', () => {
    const [f] = run([sol.setOwner(SOL_ATTACKER)]);
    expect(f).toMatchObject({
      code: 'solana-token-authority-change', severity: 'danger',
      params: { account: b(SOL_USER_ATA), authorityType: 'accountOwner', newAuthority: b(SOL_ATTACKER) },
    });
    expect(run([sol.setCloseAuthority(SOL_ATTACKER)])[0]!.params.authorityType).toBe('closeAccount');
  });

  it('not when the authority goes to the user\'s own account, or when the user is not the current authority', () => {
    expect(codes([sol.setOwner(SOL_OWN_2)])).toEqual([]);
    expect(codes([sol.setOwner(SOL_DEST, SOL_ATTACKER)])).toEqual([]);
  });

  it('a token account known as the user\'s counts even when another key signs', () => {
    const ix = createSetAuthorityInstruction(SOL_USER_ATA, SOL_DEST, AuthorityType.CloseAccount, SOL_ATTACKER, [], TOKEN_PROGRAM_ID);
    expect(codes([ix])).toEqual([]);
    expect(codes([ix], { ...facts, userTokenAccounts: [b(SOL_USER_ATA)] })).toEqual(['danger:solana-token-authority-change']);
  });

  it('Approve / ApproveChecked a delegate: danger; to own account, amount 0 or Revoke: nothing', () => {
    expect(run([sol.approve(SOL_ATTACKER, 77n)])[0]).toMatchObject({ code: 'solana-token-delegate', params: { account: b(SOL_USER_ATA), delegate: b(SOL_ATTACKER), amount: '77' } });
    expect(codes([sol.approveChecked(SOL_ATTACKER)])).toEqual(['danger:solana-token-delegate']);
    expect(codes([sol.approve(SOL_OWN_2)])).toEqual([]);
    expect(codes([sol.approve(SOL_ATTACKER, 0n)])).toEqual([]);
    expect(codes([sol.revoke()])).toEqual([]);
  });

  it('System Assign of the user\'s account: danger naming the program', () => {
    expect(run([sol.assign()])[0]).toMatchObject({ code: 'solana-assign-account', params: { account: b(SOL_USER), program: b(SOL_ATTACKER) } });
    expect(codes([sol.assign(SOL_DEST)])).toEqual([]);
  });
});

describe('durable nonce', () => {
  it('AdvanceNonceAccount first: warning naming the nonce account', () => {
    const [f] = run([sol.advanceNonce(), sol.transfer()], { ...facts, pastCounterparties: [b(SOL_DEST)], addressBook: [] });
    expect(f).toMatchObject({ code: 'solana-durable-nonce', severity: 'warning', params: { nonceAccount: b(SOL_NONCE) } });
    expect(f!.message.en).toContain('stays valid indefinitely');
    expect(f!.message.zh_CN).toContain('无限期有效');
  });
});

describe('recipients of Solana transfers', () => {
  const dest = b(SOL_DEST);
  const lookalike = `${dest.slice(0, 4)}${'1'.repeat(dest.length - 8)}${dest.slice(-4)}`;
  it('a transfer to an address that mimics a past counterparty is danger; to a known one nothing; a new one gets a notice', () => {
    const people = { ...facts, addressBook: [], pastCounterparties: [lookalike] };
    expect(run([sol.transfer()], people)[0]).toMatchObject({ code: 'address-poisoning', params: { recipient: dest, lookalike }, confirm: 'checked-whole-address' });
    expect(codes([sol.tokenTransfer()], people)).toEqual(['danger:address-poisoning']);
    expect(codes([sol.transfer()], { ...facts, addressBook: [dest], pastCounterparties: [] })).toEqual([]);
    expect(codes([sol.transfer()], { ...facts, addressBook: [], pastCounterparties: [] })).toEqual(['info:first-time-recipient']);
  });

  it('the request chain is checked in the same run', () => {
    const found = run([sol.transfer()], facts, 'solana:devnet');
    expect(found[0]).toMatchObject({ code: 'solana-chain-mismatch', refuse: { code: -32602 } });
  });
});
