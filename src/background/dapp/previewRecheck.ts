/**
 * "If a new block arrives before Confirm and the re-simulated result differs, show the new result and ask again"
 * (issue 8): the recheck an EVM transaction's approval runs when the user confirms. Pure over two callbacks, so it
 * is tested in Node.
 */
import type { WhatHappensView } from '../../shared/preview';
import { finding, toWarning } from '../risk/finding';
import type { Asked, Recheck } from './approvals';

/** What the user is asked to agree to: balance changes, grants, authority changes, failure. Not where or when. */
function outcome(v: Extract<WhatHappensView, { simulated: true }>): string {
  return JSON.stringify([v.changes, v.approvals ?? [], v.authority ?? [], v.willFail ?? null]);
}

export function sameOutcome(a: Extract<WhatHappensView, { simulated: true }>, b: Extract<WhatHappensView, { simulated: true }>): boolean {
  return outcome(a) === outcome(b);
}

/**
 * Only a preview that was simulated is checked (one that could not be simulated said so, and the user accepted that).
 * Same block: nothing to do. A newer block: simulate again; a re-simulation that fails keeps what was shown (the RPC
 * may be flaky; the user approved a real simulation). A different outcome: the request again, with the new preview
 * and a `preview-changed` warning on top.
 */
export type RecheckDeps = { blockNumber(): Promise<bigint>; preview(): Promise<WhatHappensView> };

/** The rule above for one preview: the new preview when the outcome changed on a newer block, else null. */
export async function changedPreview(was: WhatHappensView | undefined, deps: RecheckDeps): Promise<Extract<WhatHappensView, { simulated: true }> | null> {
  if (!was?.simulated) return null;
  if ((await deps.blockNumber()) <= BigInt(was.at)) return null;
  const fresh = await deps.preview();
  return !fresh.simulated || sameOutcome(was, fresh) ? null : fresh;
}

export function evmPreviewRecheck(deps: RecheckDeps): Recheck {
  return async (shown: Asked): Promise<Asked | null> => {
    const was = (shown.details as { whatHappens?: WhatHappensView }).whatHappens;
    const fresh = await changedPreview(was, deps);
    if (!fresh || !was?.simulated) return null;
    const notice = toWarning(finding('preview-changed', { at: fresh.at, was: was.at }));
    return {
      ...shown,
      details: { ...shown.details, whatHappens: fresh },
      warnings: [notice, ...shown.warnings.filter((w) => w.code !== 'preview-changed')],
    };
  };
}
