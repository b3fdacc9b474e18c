/**
 * Per RPC URL: does it answer eth_simulateV1? Probed once (by the first preview) and remembered in memory, and through
 * an optional persistence hook (e.g. chrome.storage via the background's storage wrapper) so a restarted worker does
 * not probe again.
 */
export interface SimulateV1Memo {
  /** true / false once known, undefined before the first probe. */
  get(url: string): Promise<boolean | undefined>;
  set(url: string, supported: boolean): Promise<void>;
}

export interface SimulateV1MemoPersistence {
  load(url: string): Promise<boolean | undefined>;
  save(url: string, supported: boolean): Promise<void>;
}

export function createSimulateV1Memo(persistence?: SimulateV1MemoPersistence): SimulateV1Memo {
  const known = new Map<string, boolean>();
  return {
    async get(url) {
      const hit = known.get(url);
      if (hit !== undefined || !persistence) return hit;
      const loaded = await persistence.load(url);
      if (loaded !== undefined) known.set(url, loaded);
      return loaded;
    },
    async set(url, supported) {
      if (known.get(url) === supported) return;
      known.set(url, supported);
      await persistence?.save(url, supported);
    },
  };
}

/** A JSON-RPC error that means "this node has no such method" (not a failure of the call itself). */
export function isMethodUnsupported(error: { code?: number; message?: string } | undefined): boolean {
  if (!error) return false;
  // -32601 is JSON-RPC's "method not found"; Hardhat 2 answers -32004 "Method eth_simulateV1 is not supported".
  if (error.code === -32601 || error.code === -32004) return true;
  return /method .*(not (supported|found|available|exist)|unsupported)|unknown method|does not exist/i.test(error.message ?? '');
}
