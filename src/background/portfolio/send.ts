/**
 * Send: prepare (validate + build on chain, nothing signed) → the popup shows the review → confirm (sign with the
 * keyring's key inside the background, broadcast, start tracking). Built transfers wait in memory as drafts; a
 * draft lost to a worker restart or older than DRAFT_TTL_MS is refused ("review again").
 */
import type { FeeTier, TrackHandle, TransferDescription, TransferRequest } from '../../chains/ChainAdapter';
import type { EvmSignedTransfer } from '../../chains/evm/sign';
import type { EvmBuiltTransfer } from '../../chains/evm/transfer';
import { InsufficientFundsError, InvalidAddressError, InvalidAmountError, PreviewChangedError } from '../../chains/errors';
import { changedPreview } from '../dapp/previewRecheck';
import type { SolanaSignedTransfer } from '../../chains/solana/sign';
import type { SolanaBuiltTransfer } from '../../chains/solana/transfer';
import { NotFoundError } from '../../shared/errors';
import type { ActivityView, AmountLineView, BudgetWarning, RecipientCheck, SendPreview } from '../../shared/types';
import type { WhatHappensView } from '../../shared/preview';
import { VersionedTransaction } from '@solana/web3.js';
import { bytesToBase64 } from '../../shared/encoding';
import { previewEvm, previewSolana } from '../previewServices';
import { runRules } from '../risk';
import type { AdapterCache, AnyAdapter } from './adapters';
import type { Activity } from './activity';
import type { NetworkRegistry } from './networkRegistry';
import { evmSigner, solanaSigner, type KeySource } from './signers';
import type { TokenList } from './tokenList';

export const DRAFT_TTL_MS = 10 * 60_000;

type Draft = { adapter: AnyAdapter; built: EvmBuiltTransfer | SolanaBuiltTransfer; expiresAt: number; whatHappens: WhatHappensView; nativeSymbol: string };
/** How long Confirm's re-simulation may take before the reviewed preview is taken as it stands. */
export const RECHECK_BUDGET_MS = 5_000;

export interface SendDeps {
  now: () => number;
  newId: () => string;
  registry: NetworkRegistry;
  tokens: TokenList;
  adapters: AdapterCache;
  activity: Activity;
  keyFor: KeySource;
  /** The sender must be one of the wallet's own addresses of that family. */
  ownsAddress: (family: 'evm' | 'solana', address: string) => Promise<boolean>;
  /** The wallet's own addresses of a family (the preview reports their balance changes); the sender alone when absent. */
  ownAddresses?: (family: 'evm' | 'solana') => Promise<string[]>;
  /** Address-book entries and earlier counterparties (look-alike and first-time recipient checks). */
  knownRecipients?: (networkId: string) => Promise<{ addressBook: string[]; pastCounterparties: string[] }>;
  /** The monthly budgets this send would exceed (issue 11): the review warns; nothing is refused. */
  budgetCheck?: (send: { networkId: string; token?: string; symbol: string; decimals: number; amount: bigint }) => Promise<BudgetWarning[]>;
}

export type PrepareParams = { networkId: string; from: string; to: string; token?: string; amount?: string; max?: boolean; feeTier: FeeTier };

const line = (l: TransferDescription['amount']): AmountLineView => ({ symbol: l.symbol, decimals: l.decimals, amount: l.amount.toString() });

export function createSendService(deps: SendDeps) {
  const drafts = new Map<string, Draft>();

  // A draft holds no nonce (EVM nonces are reserved at signing), so dropping one is just forgetting it.
  function sweep(): void {
    for (const [id, d] of drafts) if (d.expiresAt <= deps.now()) drafts.delete(id);
  }
  const build = (a: AnyAdapter, req: TransferRequest) => (a.family === 'evm' ? a.buildTransfer(req) : a.buildTransfer(req));

  /** The built (unsigned) transfer simulated on the network's RPC: what the review's "What happens" shows. */
  async function whatHappensOf(a: AnyAdapter, built: EvmBuiltTransfer | SolanaBuiltTransfer, nativeSymbol: string): Promise<WhatHappensView> {
    const own = deps.ownAddresses ? await deps.ownAddresses(a.family) : [built.from];
    try {
      if (built.family === 'evm') {
        const tx = built.tx;
        return await previewEvm(a.transport, { from: built.from, to: tx.to, value: tx.value ?? 0n, data: tx.data ?? '0x', gas: tx.gas, chainId: built.chainId },
          { accounts: own, nativeSymbol, ...(built.token ? { knownTokens: { [built.token.address.toLowerCase()]: { symbol: built.token.symbol, decimals: built.token.decimals } } } : {}) });
      }
      const wire = bytesToBase64(new VersionedTransaction(built.message).serialize());
      return await previewSolana(a.transport, wire, own, built.token ? { [built.token.address]: { symbol: built.token.symbol } } : undefined);
    } catch (e) {
      return { simulated: false, reason: e instanceof Error ? e.message.replace(/https?:\/\/\S+/g, '<rpc>') : 'unknown error' };
    }
  }

  /** Base units of everything the account holds of the asset, less the fee of the tier when it is the native coin. */
  async function maxAmount(a: AnyAdapter, req: TransferRequest): Promise<bigint> {
    const snap = await a.getBalances({ accounts: [req.from], tokens: req.token ? [req.token] : [] });
    const b = snap.accounts[req.from] ?? Object.values(snap.accounts)[0];
    if (req.token) {
      const t = b?.tokens[req.token.address] ?? null;
      if (!t) throw new InvalidAmountError('Nothing to send', { reason: 'zero' });
      return t;
    }
    const native = b?.native ?? 0n;
    if (native <= 0n) throw new InsufficientFundsError('Nothing to send', { reason: 'empty' });
    // The fee does not depend on the amount: build a probe to learn it, then send the rest.
    const probe = await build(a, { ...req, amount: native / 2n > 0n ? native / 2n : 1n });
    const fee = probe.tiers[req.feeTier ?? 'normal'].maxFee;
    if (native <= fee) throw new InsufficientFundsError('The balance does not cover the network fee', { reason: 'fee' });
    return native - fee;
  }

  return {
    async validateRecipient(networkId: string, address: string): Promise<RecipientCheck> {
      const n = await deps.registry.get(networkId);
      const a = address.trim();
      const looksEvm = /^0x/i.test(a);
      if ((n.family === 'evm') !== looksEvm && a.length > 0 && (looksEvm || /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a))) return { ok: false, reason: 'family' };
      try {
        const address = deps.adapters.get(n).validateAddress(a);
        // Look-alike of an address the user knows (address poisoning) → danger + "I checked the whole address";
        // an address never used before → a notice.
        const known = deps.knownRecipients ? await deps.knownRecipients(n.id) : { addressBook: [], pastCounterparties: [] };
        const own = deps.ownAddresses ? await deps.ownAddresses(n.family) : [];
        const findings = runRules('recipient', { family: n.family, address }, { ownAccounts: own, ...known })
          .map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...(f.confirm ? { confirm: f.confirm } : {}) }));
        return { ok: true, address, ...(findings.length ? { findings } : {}) };
      } catch (e) {
        const reason = e instanceof InvalidAddressError ? (e.data as { reason?: string } | undefined)?.reason : undefined;
        return { ok: false, reason: reason === 'checksum' ? 'checksum' : reason === 'off-curve' ? 'off-curve' : 'format' };
      }
    },

    async prepare(p: PrepareParams): Promise<SendPreview> {
      sweep();
      const n = await deps.registry.get(p.networkId);
      if (!(await deps.ownsAddress(n.family, p.from))) throw new NotFoundError('The sender is not an account of this wallet.');
      const a = deps.adapters.get(n);
      const token = p.token ? await deps.tokens.find(n.id, p.token) : undefined;
      const base: TransferRequest = { networkId: n.id, from: p.from, to: p.to.trim(), amount: p.amount ?? '', feeTier: p.feeTier, ...(token ? { token } : {}) };
      a.validateAddress(base.to);
      const req = p.max ? { ...base, amount: await maxAmount(a, base) } : base;
      let built;
      try {
        built = await build(a, req);
      } catch (e) {
        // Max: fees can rise between the probe and the build; measure once more rather than fail.
        if (!p.max || !(e instanceof InsufficientFundsError)) throw e;
        built = await build(a, { ...base, amount: await maxAmount(a, base) });
      }
      const d = a.family === 'evm' ? a.describe(built as EvmBuiltTransfer) : a.describe(built as SolanaBuiltTransfer);
      const whatHappens = await whatHappensOf(a, built, n.nativeCurrency.symbol);
      const budgetWarnings = await deps.budgetCheck?.({ networkId: n.id, ...(d.token ? { token: d.token.address } : {}), symbol: d.amount.symbol,
        decimals: d.amount.decimals, amount: d.amount.amount }).catch(() => []) ?? [];
      const draftId = deps.newId();
      const expiresAt = deps.now() + DRAFT_TTL_MS;
      drafts.set(draftId, { adapter: a, built, expiresAt, whatHappens, nativeSymbol: n.nativeCurrency.symbol });
      return {
        draftId, networkId: n.id, networkName: d.networkName, from: d.from, to: d.to, ...(d.token ? { token: d.token.address } : {}),
        amount: line(d.amount), fee: line(d.fee), feeTier: d.feeTier,
        tiers: { slow: built.tiers.slow.maxFee.toString(), normal: built.tiers.normal.maxFee.toString(), fast: built.tiers.fast.maxFee.toString() },
        total: d.total.map(line), createsRecipientAccount: d.createsRecipientAccount === true, expiresAt, whatHappens,
        ...(d.tokenTransferFee && d.recipientReceives ? { tokenTransferFee: line(d.tokenTransferFee), recipientReceives: line(d.recipientReceives) } : {}),
        ...(budgetWarnings.length ? { budgetWarnings } : {}),
      };
    },

    async confirm(draftId: string): Promise<ActivityView> {
      const d = drafts.get(draftId);
      drafts.delete(draftId);
      if (!d || d.expiresAt <= deps.now()) {
        throw new NotFoundError('This review has expired. Review the transfer again.', { reason: 'draft-expired' });
      }
      // EVM: a newer block that changes what the transfer does (e.g. the balance went meanwhile) shows the new result
      // and asks again; nothing is signed. A failed or slow re-simulation keeps what was reviewed.
      if (d.built.family === 'evm') {
        const a = d.adapter;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const fresh = await Promise.race([
          changedPreview(d.whatHappens, {
            blockNumber: async () => BigInt(await a.transport.request<string>('eth_blockNumber', [])),
            preview: () => whatHappensOf(a, d.built, d.nativeSymbol),
          }).catch(() => null),
          new Promise<null>((r) => { timer = setTimeout(() => r(null), RECHECK_BUDGET_MS); }),
        ]);
        clearTimeout(timer);
        if (fresh && d.whatHappens.simulated) {
          drafts.set(draftId, { ...d, whatHappens: fresh });
          throw new PreviewChangedError('What this transfer does changed on a newer block. Check it again before you confirm.',
            { whatHappens: fresh, at: fresh.at, was: d.whatHappens.at });
        }
      }
      // Signed first; then watched (so the poller follows it even if this worker dies mid-send), recorded and sent by
      // the adapter. No answer from any RPC keeps it pending ("Retry" re-sends the same bytes); a refusal forgets it.
      const a = d.adapter;
      const signed = a.family === 'evm'
        ? await a.sign(d.built as EvmBuiltTransfer, evmSigner(deps.keyFor))
        : await a.sign(d.built as SolanaBuiltTransfer, solanaSigner(deps.keyFor));
      const watched: TrackHandle = 'hash' in signed
        ? { networkId: signed.built.networkId, id: signed.hash, from: signed.built.from, submittedAt: deps.now(), nonce: signed.built.tx.nonce }
        : { networkId: signed.built.networkId, id: signed.signature, from: signed.built.from, submittedAt: deps.now(), lastValidBlockHeight: signed.built.lastValidBlockHeight };
      await deps.activity.watch(watched);
      let handle;
      try {
        handle = a.family === 'evm' ? await a.broadcast(signed as EvmSignedTransfer) : await a.broadcast(signed as SolanaSignedTransfer);
      } catch (e) {
        await deps.activity.unwatch(watched);
        throw e;
      }
      return deps.activity.get(handle.networkId, handle.from, handle.id);
    },

    cancel(draftId: string): void {
      drafts.delete(draftId);
    },

    clear(): void {
      drafts.clear();
    },
  };
}
export type SendService = ReturnType<typeof createSendService>;
