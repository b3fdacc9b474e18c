// Demo state of the Solana dev chain, created with real transactions executed by litesvm.
import { Keypair, SystemProgram, Transaction, type TransactionInstruction, PublicKey } from '@solana/web3.js';
import {
  MINT_SIZE, createAssociatedTokenAccountIdempotentInstruction, createInitializeMint2Instruction, createMintToInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { SOLANA_DEMO_ACCOUNTS, SOLANA_DEMO_AUTHORITY, SOLANA_DEMO_MINTS, SOLANA_INITIAL_LAMPORTS } from './demo';
import { demoSolanaKeypairs, solanaAuthorityKeypair, splMintKeypair, token2022MintKeypair } from './keys';
import type { DevSvm } from './solanaSvm';

/** Lamports airdropped to the authority that pays every setup fee and rent (demo accounts keep exactly 100 SOL). */
export const SOLANA_AUTHORITY_LAMPORTS = 1_000_000_000_000n;

function submit(chain: DevSvm, payer: Keypair, ixs: TransactionInstruction[], signers: Keypair[] = []): string {
  const tx = new Transaction({ feePayer: payer.publicKey, ...chain.latest() }).add(...ixs);
  tx.sign(payer, ...signers);
  return chain.send(tx.serialize(), { skipPreflight: false });
}

/** Funds the demo accounts, creates the SPL and Token-2022 demo mints and fills every demo account's ATA. */
export function setupSolanaDemo(chain: DevSvm): void {
  const authority = solanaAuthorityKeypair();
  const accounts = demoSolanaKeypairs(SOLANA_DEMO_ACCOUNTS.length);
  const mintKeys = [splMintKeypair(), token2022MintKeypair()];
  // Guard: the derivations must match the documented constants.
  const check = (got: PublicKey, want: string, what: string) => {
    if (got.toBase58() !== want) throw new Error(`Solana setup: ${what} derives to ${got.toBase58()}, demo.ts says ${want}`);
  };
  check(authority.publicKey, SOLANA_DEMO_AUTHORITY, 'authority');
  accounts.forEach((kp, i) => check(kp.publicKey, SOLANA_DEMO_ACCOUNTS[i] ?? '', `demo account ${i}`));

  chain.airdrop(authority.publicKey, SOLANA_AUTHORITY_LAMPORTS);
  for (const kp of accounts) chain.airdrop(kp.publicKey, SOLANA_INITIAL_LAMPORTS);

  const rent = Number(chain.svm.minimumBalanceForRentExemption(BigInt(MINT_SIZE)));
  SOLANA_DEMO_MINTS.forEach((mint, m) => {
    const mintKp = mintKeys[m];
    if (!mintKp) throw new Error('missing mint keypair');
    check(mintKp.publicKey, mint.address, `${mint.name} mint`);
    const programId = new PublicKey(mint.programId);
    submit(chain, authority, [
      SystemProgram.createAccount({ fromPubkey: authority.publicKey, newAccountPubkey: mintKp.publicKey, lamports: rent, space: MINT_SIZE, programId }),
      createInitializeMint2Instruction(mintKp.publicKey, mint.decimals, authority.publicKey, null, programId),
    ], [mintKp]);
    for (const owner of accounts) {
      const ata = getAssociatedTokenAddressSync(mintKp.publicKey, owner.publicKey, false, programId);
      submit(chain, authority, [
        createAssociatedTokenAccountIdempotentInstruction(authority.publicKey, ata, owner.publicKey, mintKp.publicKey, programId),
        createMintToInstruction(mintKp.publicKey, ata, authority.publicKey, mint.initialBalance, [], programId),
      ]);
    }
  });
}
