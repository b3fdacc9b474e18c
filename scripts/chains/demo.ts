// Constants of Meridian's local dev chains (scripts/chains/*). Pure data: safe to import from wallet code and tests.
//
// !!! DEMO_MNEMONIC is the PUBLIC Hardhat/Anvil test phrase. Every key derived from it (and every key derived
// !!! from the SOLANA_SEED_LABELS below) is publicly known. NEVER send real funds to these addresses on any
// !!! real network: bots sweep them within seconds.

export const DEMO_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEMO_ACCOUNT_COUNT = 10;

// ───────────────────────────── EVM (Hardhat 2 node) ─────────────────────────────
export const EVM_DEFAULT_PORT = 8545;
export const EVM_CHAIN_ID = 31337;
/** m/44'/60'/0'/0/i of DEMO_MNEMONIC, i = 0..9 (checksummed). */
export const EVM_DEMO_ACCOUNTS = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
] as const satisfies readonly `0x${string}`[];
/** Hardhat's default accountsBalance: 10,000 ETH per account. Account 0 pays the token deployments' gas at start, so
 *  only accounts 1..9 hold exactly this amount on a fresh chain. */
export const EVM_INITIAL_ETH_WEI = 10_000n * 10n ** 18n;
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;

export interface DemoTokenInfo {
  readonly address: `0x${string}`;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Base units minted to each of the 10 demo accounts at start. */
  readonly initialBalance: bigint;
}
/** Deployed by EVM account 0 at nonce 0 (CREATE address is therefore fixed on every fresh start). */
export const EVM_DEMO_USD: DemoTokenInfo = {
  address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  name: 'Meridian Demo USD',
  symbol: 'mUSD',
  decimals: 6,
  initialBalance: 1_000_000_000_000n, // 1,000,000 mUSD
};
/** Deployed by EVM account 0 at nonce 1. A plain ERC-20 (not a wrapper: no deposit/withdraw). */
export const EVM_DEMO_WETH: DemoTokenInfo = {
  address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  name: 'Meridian Demo WETH',
  symbol: 'mWETH',
  decimals: 18,
  initialBalance: 100n * 10n ** 18n, // 100 mWETH
};
export const EVM_DEMO_TOKENS = [EVM_DEMO_USD, EVM_DEMO_WETH] as const;

/** Deployer of the contracts below: a fixed PUBLIC key, keccak256(utf8(EVM_DEMO_DEPLOYER_LABEL)), funded with
 *  hardhat_setBalance at start, so the demo accounts keep the balances and nonces documented above. Its CREATE
 *  addresses (nonces 0, 1, 2) are therefore fixed on every fresh start. */
export const EVM_DEMO_DEPLOYER_LABEL = 'meridian-demo/evm-deployer/v1';
export const EVM_DEMO_DEPLOYER = '0xFFb637fa9Fff0E2407Ace52722eC41AeFdB70F70' as const;

/** Minimal ERC-721 (scripts/chains/contracts/DemoNFT.sol, ERC-165), deployer nonce 0: ids 1..5 belong to EVM account 0. */
export const EVM_DEMO_NFT = {
  address: '0x92C778F567DBCe87822546BefB2c2Fefe92B72Fe',
  name: 'Meridian Demo NFT',
  symbol: 'mNFT',
  holder: EVM_DEMO_ACCOUNTS[0],
  tokenIds: [1n, 2n, 3n, 4n, 5n],
} as const;
/** Minimal ERC-1155 (DemoMulti.sol, ERC-165), deployer nonce 1: EVM account 0 holds these amounts. */
export const EVM_DEMO_MULTI = {
  address: '0x34F45eD595CF240B453A36D6d33BF2448db839A8',
  holder: EVM_DEMO_ACCOUNTS[0],
  balances: [{ id: 1n, amount: 10n }, { id: 2n, amount: 250n }],
} as const;
/** A Permit2-compatible contract (DemoPermit2.sol: Uniswap's EIP-712 domain "Permit2" and PermitSingle types,
 *  permit / approve / allowance / transferFrom), its runtime code placed at Permit2's canonical address with
 *  hardhat_setCode (no constructor, no immutables: the domain separator is computed per call). */
export const EVM_PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3' as const;
/** Constant-product pool mUSD (token0) / mWETH (token1), 0.3% fee (DemoPool.sol), deployer nonce 2. Its reserves are
 *  credited at start by writing the pool's balanceOf slots of both DemoTokens (and their totalSupply), then `sync()`:
 *  no demo account pays for the liquidity. */
export const EVM_DEMO_POOL = {
  address: '0x39Dd72cA52aF53C0AA023b16dae6C33582C7732e',
  token0: EVM_DEMO_USD.address,
  token1: EVM_DEMO_WETH.address,
  reserve0: 500_000_000_000n, // 500,000 mUSD
  reserve1: 250n * 10n ** 18n, // 250 mWETH
  feeBps: 30,
} as const;

export interface EvmDemoInfo {
  readonly chainId: number;
  readonly rpcUrl: string;
  readonly accounts: readonly `0x${string}`[];
  readonly initialEthWei: bigint;
  readonly multicall3: `0x${string}`;
  readonly tokens: readonly DemoTokenInfo[];
}

// ───────────────────────────── Solana (litesvm behind JSON-RPC) ─────────────────────────────
export const SOLANA_DEFAULT_PORT = 8899;
/** m/44'/501'/i'/0' of DEMO_MNEMONIC (SLIP-0010 ed25519), i = 0..9. */
export const SOLANA_DEMO_ACCOUNTS = [
  'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96',
  'AqynRZwvVqUPRwRJXvm6odUb3t93fDjnWe3p6BeuUFxD',
  'CqMbRgMuEhQi9BUS8xP44Wk5nENm48FqJnfjEi4eNb1k',
  '9Tj3srBSxH7RFRCm8uharreY7ZBS49XSfpwCeYa7Xaqp',
  '6gYw7q94fJdEwL8WkT1a6LHBdTMbix1aciALwEWPx3Wp',
  '7EeV8eiRuGoR8bFHCjdCRGQd1RM5sR2dAkdiTEtC9ko7',
  'F9fVg2LeE2RhM6CfNn888hbjqovZDEWY3vm2hEkvX3Nh',
  '26roUwgM5T6bccX41hakjiW4fDiKFSao1RyoFsAxr6e6',
  '5mCGtMUD21HEvWJxKGKS6HEAH7ezzy12MWGs4bPgcJwV',
  '2yaW8VAMLhQiornz1BgcSWDUSH2jC2dmB8RWnTJi8Yab',
] as const;
/** 100 SOL per demo account, airdropped at start. Setup fees/rent are paid by SOLANA_DEMO_AUTHORITY, not by these. */
export const SOLANA_INITIAL_LAMPORTS = 100_000_000_000n;
export const SOLANA_LAMPORTS_PER_SIGNATURE = 5000;
/** sha256(label) is the ed25519 seed of each fixed keypair; sha256(genesis label) in base58 is the genesis hash. */
export const SOLANA_SEED_LABELS = {
  splMint: 'meridian-demo/spl-mint/v1',
  token2022Mint: 'meridian-demo/token-2022-mint/v1',
  authority: 'meridian-demo/solana-authority/v1',
  genesis: 'meridian-devnet/genesis/v1',
} as const;
/** Fixed answer of getGenesisHash (lets the wallet recognise "Meridian localnet" vs devnet/mainnet). */
export const SOLANA_GENESIS_HASH = '8wNnPxR3rwYkcuUaUWEtrJzSRx8xwZyais6uamoH18Db';
/** Fee payer of the setup transactions and mint authority of both demo mints (no freeze authority). */
export const SOLANA_DEMO_AUTHORITY = 'B3ear7RZH36PqsAgGtKW8FaNP5xePdBRXgQySwdi78Wr';
export const SPL_TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

export interface SolanaDemoMint {
  readonly address: string;
  readonly programId: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Base units in each demo account's associated token account. */
  readonly initialBalance: bigint;
}
export const SOLANA_DEMO_SPL_MINT: SolanaDemoMint = {
  address: '8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A',
  programId: SPL_TOKEN_PROGRAM,
  name: 'Meridian Demo USD (SPL)',
  symbol: 'mUSD',
  decimals: 6,
  initialBalance: 1_000_000_000_000n, // 1,000,000 tokens
};
export const SOLANA_DEMO_TOKEN2022_MINT: SolanaDemoMint = {
  address: '9pGgqNteNkv5vviuLdGcRkY1hEKzsTmgdb8z6mcrdqzj',
  programId: TOKEN_2022_PROGRAM,
  name: 'Meridian Demo USD (Token-2022)',
  symbol: 'mUSD22',
  decimals: 6,
  initialBalance: 1_000_000_000_000n,
};
export const SOLANA_DEMO_MINTS = [SOLANA_DEMO_SPL_MINT, SOLANA_DEMO_TOKEN2022_MINT] as const;
/** getRecentPrioritizationFees answers these fees (micro-lamports per CU) for the 5 most recent slots, oldest first. */
export const SOLANA_DEMO_PRIORITIZATION_FEES = [0, 1000, 5000, 2000, 10000] as const;
/** A blockhash stays valid for this many blocks (lastValidBlockHeight = blockHeight + 150), as on a real cluster. */
export const SOLANA_BLOCKHASH_VALIDITY_BLOCKS = 150;

export interface SolanaDemoInfo {
  readonly rpcUrl: string;
  readonly genesisHash: string;
  readonly accounts: readonly string[];
  readonly initialLamports: bigint;
  readonly authority: string;
  readonly mints: readonly SolanaDemoMint[];
}
