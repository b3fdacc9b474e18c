/**
 * What an EVM transaction will do to the user's own accounts, computed from the user's own RPC at one pinned block:
 * eth_simulateV1 where the RPC answers it (probed once per RPC URL), else the in-worker EVM. A preview that could not
 * run says so (`not-simulated` with the reason); it is never an empty "simulated" result.
 */
import { RpcResponseError, RpcUnavailableError } from '../../errors';
import { buildPreview } from './buildPreview';
import { executeInWorkerEvm } from './inWorkerEvm';
import { pinLatestBlock } from './pinBlock';
import { SimulateV1Unsupported, executeWithSimulateV1 } from './simulateV1';
import { PreviewAborted } from './transportStateManager';
import type { EvmPreview, EvmPreviewDeps, EvmPreviewInput, Execution, PreviewEngine } from './types';

export const DEFAULT_PREVIEW_BUDGET_MS = 2000;

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function previewEvmTransaction(input: EvmPreviewInput, deps: EvmPreviewDeps): Promise<EvmPreview> {
  const budget = deps.timeBudgetMs ?? DEFAULT_PREVIEW_BUDGET_MS;
  const deadline = deps.now() + budget;
  let aborted = false;
  const expired = () => aborted || deps.now() >= deadline;
  const guard = { check: () => { if (expired()) throw new PreviewAborted('time budget spent'); } };
  const timedOut: EvmPreview = { status: 'not-simulated', reason: `timed out after ${budget} ms` };
  let stage = 'reading the latest block';

  const run = async (): Promise<EvmPreview> => {
    const { transport } = deps;
    const url = transport.urls[0] ?? '';
    const pinned = await pinLatestBlock(transport);
    guard.check();
    const opts = { transport, pinned, accounts: deps.accounts, guard };
    let engine: PreviewEngine = 'eth_simulateV1';
    let exec: Execution | undefined;
    if ((await deps.simulateV1Support.get(url)) !== false) {
      stage = 'eth_simulateV1';
      try {
        exec = await executeWithSimulateV1(input, opts);
        await deps.simulateV1Support.set(url, true);
      } catch (e) {
        if (e instanceof SimulateV1Unsupported) await deps.simulateV1Support.set(url, false);
        // The node refused this request (anvil cannot simulate a contract creation): the in-worker EVM tries it.
        else if (!(e instanceof RpcResponseError)) throw e;
      }
    }
    if (!exec) {
      stage = 'the in-worker EVM';
      engine = 'in-worker-evm';
      exec = await executeInWorkerEvm(input, { ...opts, chainId: input.chainId, expired });
    }
    const preview = await buildPreview(exec, {
      pinned, engine, rpcHost: hostOf(url), accounts: deps.accounts,
      ...(deps.knownTokens ? { knownTokens: deps.knownTokens } : {}), ...(deps.errorAbi ? { errorAbi: deps.errorAbi } : {}),
    });
    guard.check();
    return preview;
  };

  const work = run().catch((e: unknown): EvmPreview => {
    if (e instanceof PreviewAborted || expired()) return timedOut;
    if (e instanceof RpcUnavailableError) return { status: 'not-simulated', reason: `RPC unavailable: ${message(e)}` };
    return { status: 'not-simulated', reason: `${stage} failed: ${message(e)}` };
  });
  let cancel = () => {};
  const timer = new Promise<EvmPreview>((resolve) => {
    cancel = (deps.schedule ?? defaultSchedule)(() => {
      aborted = true;
      resolve(timedOut);
    }, budget);
  });
  try {
    return await Promise.race([work, timer]);
  } finally {
    cancel();
  }
}
