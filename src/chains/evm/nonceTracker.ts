/**
 * Local nonce bookkeeping so that two quick sends from one account never get the same nonce, even when the RPC's
 * `eth_getTransactionCount(pending)` lags (load-balanced nodes) or two signings run before either is broadcast.
 * A nonce is reserved when the user confirms (just before signing), not when the review is built, so an open or
 * abandoned review holds nothing. One tracker per chain is shared by the wallet's sends and by dapp sends.
 *
 * nonce = the smallest n >= chain pending count that is neither broadcast (and not yet reflected by the chain)
 * nor reserved by a build in flight. A reservation that is never broadcast expires after `reservationTtlMs`,
 * so an abandoned confirmation screen does not leave a gap forever.
 */
export interface NonceTracker {
  reserve(from: string, chainPending: number): number;
  /** The transaction with this nonce was accepted by the node. */
  commit(from: string, nonce: number): void;
  /** The build was abandoned or the broadcast refused: the nonce is free again. */
  release(from: string, nonce: number): void;
}

export function createNonceTracker(now: () => number, reservationTtlMs = 120_000): NonceTracker {
  const sent = new Map<string, Set<number>>();
  const reserved = new Map<string, Map<number, number>>();
  const key = (a: string) => a.toLowerCase();
  const setOf = <V>(m: Map<string, V>, k: string, make: () => V): V => {
    let v = m.get(k);
    if (!v) m.set(k, (v = make()));
    return v;
  };
  return {
    reserve(from, chainPending) {
      const k = key(from);
      const s = setOf(sent, k, () => new Set<number>());
      const r = setOf(reserved, k, () => new Map<number, number>());
      const t = now();
      for (const n of s) if (n < chainPending) s.delete(n);
      for (const [n, at] of r) if (n < chainPending || t - at > reservationTtlMs) r.delete(n);
      let n = chainPending;
      while (s.has(n) || r.has(n)) n++;
      r.set(n, t);
      return n;
    },
    commit(from, nonce) {
      const k = key(from);
      reserved.get(k)?.delete(nonce);
      setOf(sent, k, () => new Set<number>()).add(nonce);
    },
    release(from, nonce) {
      reserved.get(key(from))?.delete(nonce);
    },
  };
}

/** One tracker per EVM chain id for the life of the worker: every adapter of that chain and every dapp send. */
export function createNonceTrackers(now: () => number) {
  const byChain = new Map<number, NonceTracker>();
  return {
    for(chainId: number): NonceTracker {
      let t = byChain.get(chainId);
      if (!t) byChain.set(chainId, (t = createNonceTracker(now)));
      return t;
    },
  };
}
export type NonceTrackers = ReturnType<typeof createNonceTrackers>;
