// Starts both local dev chains (EVM: Hardhat node; Solana: litesvm JSON-RPC) with the demo state.
import { EVM_DEFAULT_PORT, SOLANA_DEFAULT_PORT } from './demo';
import { startCountingProxy, type CountingProxy } from './countingProxy';
import { startEvmChain, type EvmChain } from './evm';
import { startSolanaChain, type SolanaChain } from './solana';

export * from './demo';
export { startEvmChain, type EvmChain } from './evm';
export { startSolanaChain, type SolanaChain } from './solana';
export { startCountingProxy, type CountingProxy } from './countingProxy';
export { startAnvilChain } from './anvil';
export { startFaultProxy, type FaultProxy, type FaultRule, type Fault } from './faultProxy';

export interface DevChainsOptions {
  /** Default: env MERIDIAN_EVM_PORT, else 8545. */
  evmPort?: number;
  /** Default: env MERIDIAN_SOL_PORT, else 8899. */
  solanaPort?: number;
  host?: string;
  /** Also start a counting proxy in front of the EVM node on this port (0 = any free port). Default: none. */
  evmProxyPort?: number;
}

export interface DevChains {
  evm: EvmChain;
  solana: SolanaChain;
  evmProxy?: CountingProxy;
  /** Milliseconds each chain took to start (including its demo setup). */
  startupMs: { evm: number; solana: number };
  stop(): Promise<void>;
}

function envPort(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a valid TCP port`);
  return n;
}

export async function startDevChains(opts: DevChainsOptions = {}): Promise<DevChains> {
  const evmPort = opts.evmPort ?? envPort('MERIDIAN_EVM_PORT') ?? EVM_DEFAULT_PORT;
  const solanaPort = opts.solanaPort ?? envPort('MERIDIAN_SOL_PORT') ?? SOLANA_DEFAULT_PORT;
  const host = opts.host ?? '127.0.0.1';
  const t0 = performance.now();
  const solana = await startSolanaChain({ port: solanaPort, host });
  const t1 = performance.now();
  let evm: EvmChain;
  try {
    evm = await startEvmChain({ port: evmPort, host });
  } catch (e) {
    await solana.stop();
    throw e;
  }
  const t2 = performance.now();
  let evmProxy: CountingProxy | undefined;
  if (opts.evmProxyPort !== undefined) {
    try {
      evmProxy = await startCountingProxy(evm.url, opts.evmProxyPort, host);
    } catch (e) {
      await Promise.all([evm.stop(), solana.stop()]);
      throw e;
    }
  }
  let stopped: Promise<void> | undefined;
  return {
    evm, solana, evmProxy,
    startupMs: { solana: Math.round(t1 - t0), evm: Math.round(t2 - t1) },
    stop: () => (stopped ??= Promise.all([evmProxy?.stop(), evm.stop(), solana.stop()]).then(() => undefined)),
  };
}
