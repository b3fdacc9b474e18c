/**
 * The facts risk rules read. Rules never do I/O: a handler gathers these (`gatherEvmFacts` for on-chain ones,
 * storage for the rest) and passes them in. A fact that is absent is UNKNOWN, and a rule that needs it stays
 * silent rather than guessing (e.g. no "spender is a personal account" without an eth_getCode answer).
 */

export type EvmAddressFacts = {
  /** eth_getCode returned non-empty code. */
  hasCode?: boolean;
  /** The code is an EIP-7702 delegation designator: an EOA that runs this contract's code. Treated as an EOA. */
  delegatedTo?: string;
  /** ERC-165: supportsInterface(0x80ac58cd) true and supportsInterface(0xffffffff) false. */
  isErc721?: boolean;
  /** ERC-165: supportsInterface(0xd9b67a26) true and supportsInterface(0xffffffff) false. */
  isErc1155?: boolean;
};

export type RiskFacts = {
  /** The EVM chain the wallet is on (selected network). */
  evmChainId?: number;
  /** The Solana cluster selected for dapps ("solana:mainnet", …). */
  solanaChain?: string;
  /** Per address, keyed by LOWERCASE 0x address. */
  evm?: Record<string, EvmAddressFacts>;
  /** Tokens the wallet knows (for display), keyed by lowercase address. */
  tokens?: Record<string, { symbol: string; decimals: number }>;
  /** The wallet's own accounts (both families may be mixed). */
  ownAccounts?: readonly string[];
  addressBook?: readonly string[];
  /** Addresses the user sent to or received from before (activity). */
  pastCounterparties?: readonly string[];
  /** Solana token accounts known to belong to the user (besides those the instruction shows the user owning). */
  userTokenAccounts?: readonly string[];
  /** Why some facts could not be read (for "not checked: …" in the window). */
  factErrors?: readonly string[];
};

export const evmFacts = (facts: RiskFacts, address: string): EvmAddressFacts | undefined => facts.evm?.[address.toLowerCase()];

/** true: an EOA (no code, or an EIP-7702-delegated EOA); false: a contract; undefined: not known. */
export function isEoa(facts: RiskFacts, address: string): boolean | undefined {
  const f = evmFacts(facts, address);
  if (!f) return undefined;
  if (f.delegatedTo !== undefined) return true;
  return f.hasCode === undefined ? undefined : !f.hasCode;
}

export const sameEvm = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
