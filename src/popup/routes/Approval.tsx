import { WhatHappens } from '../components/WhatHappens';
import type { WhatHappensView } from '../../shared/preview';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApprovalQueueView, ApprovalView, Warning } from '../../shared/approval';
import type { WalletState } from '../../shared/types';
import { QueueHeader } from '../components/approval/QueueHeader';
import { SendCallsDetails } from '../components/approval/SendCallsDetails';
import { useArmed } from '../components/approval/useArmed';
import { ErrorText } from '../components/ErrorText';
import { TreeView, type Tree } from '../components/TreeView';
import { useLocale, useT, type MessageKey } from '../i18n';
import { rpc } from '../rpc';
import { formatBase } from '../format';
import { Unlock } from './Unlock';

const TITLES: Record<ApprovalView['kind'], MessageKey> = {
  connect: 'approvalConnectTitle', 'solana-connect': 'approvalConnectTitle', 'personal-sign': 'approvalSignTitle',
  'typed-data': 'approvalTypedTitle', 'send-transaction': 'approvalTxTitle', 'send-calls': 'approvalCallsTitle', 'switch-chain': 'approvalSwitchTitle',
  'add-chain': 'approvalAddChainTitle', 'watch-asset': 'approvalWatchTitle', 'solana-sign-transaction': 'approvalSolTxTitle',
  'solana-sign-message': 'approvalSignTitle', 'solana-sign-in': 'approvalSignInTitle',
};

/** A warning as the background sends it; risk-rule findings add a severity (info too) and both languages. */
type ShownWarning = Warning & { severity?: 'info' | 'warning' | 'danger'; i18n?: { en: string; zh_CN: string } };

function Warnings({ warnings }: { warnings: ShownWarning[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {warnings.map((w, i) => {
        const severity = w.severity ?? w.level;
        return (
          <div key={`${w.code}-${i}`} role={severity === 'info' ? undefined : 'alert'} className={severity === 'danger' ? 'warn danger' : severity === 'info' ? 'hint notice' : 'warn'}
            data-warning={w.code} data-severity={severity}>
            <strong>{t(severity === 'danger' ? 'danger' : severity === 'info' ? 'notice' : 'warning')}:</strong> {w.i18n?.[locale] ?? w.message}
          </div>
        );
      })}
    </>
  );
}

function Row({ label, children, testid }: { label: string; children: React.ReactNode; testid?: string }) {
  return <div className="kv"><span className="k">{label}</span><span className="v" data-testid={testid}>{children}</span></div>;
}

/** The accounts of one family to share, the selected account checked first. */
function AccountPicker({ state, family, picked, onChange }: { state: WalletState; family: 'evm' | 'solana'; picked: string[]; onChange: (a: string[]) => void }) {
  const t = useT();
  const accounts = state.accounts.filter((a) => a[family]);
  return (
    <fieldset className="card">
      <legend>{t('accountsToShare')}</legend>
      {accounts.map((a) => {
        const addr = a[family]!;
        return (
          <label key={a.id} className="check">
            <input type="checkbox" checked={picked.includes(addr)} onChange={(e) => onChange(e.target.checked ? [...picked, addr] : picked.filter((x) => x !== addr))} />
            {/* Name above address: at 360 px the name keeps its whole width ("Account 1", never "Accou/nt 1"). */}
            <span className="account-choice"><span>{a.name}</span>{' '}<span className="address">{addr}</span></span>
          </label>
        );
      })}
    </fieldset>
  );
}

function Details({ view }: { view: ApprovalView }) {
  const t = useT();
  const [raw, setRaw] = useState(false);
  const d = view.details as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (view.kind) {
    case 'personal-sign':
      return (
        <section className="card">
          {d.text !== null ? <><h2>{t('message')}</h2><pre className="message" data-testid="sign-message">{d.text}</pre></>
            : <><h2>{t('messageHex')}</h2><pre className="message" data-testid="sign-message">{d.hex}</pre></>}
          {d.siwe && <><h2>{t('signInDetails')}</h2><Row label={t('domain')} testid="siwe-domain">{d.siwe.domain}</Row></>}
        </section>
      );
    case 'typed-data':
      return (
        <section className="card">
          {/* The legacy v1 array (eth_signTypedData) has no primary type and no domain: only its values. */}
          {d.version !== 'v1' && <Row label={t('primaryType')}>{d.primaryType}</Row>}
          {d.version !== 'v1' && <><h2>{t('typedDomain')}</h2><TreeView tree={d.domain as Tree} /></>}
          <h2>{t('typedMessage')}</h2><TreeView tree={d.message as Tree} />
        </section>
      );
    case 'send-transaction': {
      const dec = d.decoded;
      const sym = d.nativeSymbol as string;
      const dec18 = d.nativeDecimals as number;
      return (
        <section className="card">
          <Row label={t('decodedCall')} testid="tx-kind">{t(({ 'native-transfer': 'nativeTransfer', 'erc20-transfer': 'erc20Transfer', 'erc20-approve': 'erc20Approve', 'contract-deploy': 'contractDeploy' } as Record<string, MessageKey>)[dec.kind] ?? 'contractCall')}</Row>
          <Row label={t('to')} testid="tx-to">{dec.recipient ?? dec.to ?? '—'}</Row>
          {dec.spender && <Row label={t('spender')} testid="tx-spender">{dec.spender}</Row>}
          {dec.owner && <Row label={t('from')} testid="tx-owner">{dec.owner}</Row>}
          {dec.amount !== undefined && <Row label={t('amount')} testid="tx-amount">{dec.unlimited ? t('unlimited') : (dec.amountFormatted ?? t('baseUnitsOf', { amount: dec.amount }))}</Row>}
          {dec.token && <Row label={t('tokenContract')} testid="tx-token">{dec.token.address}</Row>}
          <Row label={t('value')} testid="tx-value">{formatBase(d.decoded.value, dec18)} {sym}</Row>
          <Row label={t('fee')} testid="tx-fee">{formatBase(d.maxFee, dec18)} {sym}</Row>
          <Row label={t('total')} testid="tx-total">{formatBase(d.total, dec18)} {sym}</Row>
          {d.data !== '0x' && <button type="button" className="secondary" aria-expanded={raw} onClick={() => setRaw(!raw)}>{t(raw ? 'hideData' : 'showData')}</button>}
          {raw && <pre className="message" data-testid="tx-data">{d.data}</pre>}
        </section>
      );
    }
    case 'send-calls':
      return <SendCallsDetails details={d} />;
    case 'switch-chain':
      return <section className="card"><p data-testid="switch-to">{t('switchFromTo', { from: d.from.name, to: d.to.name })}</p><Row label={t('chainId')}>{d.to.chainId}</Row></section>;
    case 'add-chain':
      return <section className="card"><Row label={t('network')}>{d.name}</Row><Row label={t('chainId')}>{d.chainId}</Row><Row label={t('rpcUrl')}>{(d.rpcUrls as string[]).join(', ')}</Row></section>;
    case 'watch-asset':
      return <section className="card"><Row label={t('token')}>{d.token.symbol} ({d.token.name ?? ''})</Row><Row label={t('decimals')}>{d.token.decimals}</Row><Row label="">{d.token.address}</Row></section>;
    case 'solana-sign-transaction': {
      type SolItem = { decoded: { instructions: Array<{ program: string; kind: string; programId: string; summary: Record<string, string> }> }; fee: string; whatHappens?: WhatHappensView };
      const one = (item: SolItem) => (
        <>
          <h2>{t('instructions')}</h2>
          <ol className="instructions" data-testid="sol-instructions">
            {item.decoded.instructions.map((ix, i) => (
              <li key={i}>
                <strong>{ix.program === 'unknown' ? `${t('unknownProgram')} ${ix.programId}` : `${ix.program}: ${ix.kind}`}</strong>
                {Object.entries(ix.summary).map(([k, v]) => <div key={k} className="kv"><span className="k">{k}</span><span className="v">{v}</span></div>)}
              </li>
            ))}
          </ol>
          <Row label={t('fee')} testid="sol-fee">{formatBase(item.fee, 9)} SOL</Row>
        </>
      );
      // Several transactions in one request: each with its own What happens, in the order they are signed (and sent).
      if (Array.isArray(d.batch)) {
        const items = d.batch as SolItem[];
        return (
          <>
            {items.map((item, i) => (
              <section key={i} className="card" data-testid="sol-batch-item">
                <h2>{t('transactionNofM', { n: i + 1, total: items.length })}</h2>
                <WhatHappens view={item.whatHappens} />
                {one(item)}
              </section>
            ))}
          </>
        );
      }
      return <section className="card">{one(d as SolItem)}</section>;
    }
    case 'solana-sign-message':
      return <section className="card">{d.text !== null ? <pre className="message" data-testid="sign-message">{d.text}</pre> : <pre className="message" data-testid="sign-message">{d.hex}</pre>}</section>;
    case 'solana-sign-in':
      return <section className="card"><pre className="message" data-testid="sign-message">{d.text}</pre></section>;
    default:
      return null;
  }
}

/**
 * The request-details area: origin first, then network and account, warnings, and what is asked (or the accounts to
 * share). Blocks about the request go here.
 */
function RequestDetails({ view, state, picked, onPick }: { view: ApprovalView; state: WalletState; picked: string[]; onPick: (a: string[]) => void }) {
  const t = useT();
  const isConnect = view.kind === 'connect' || view.kind === 'solana-connect';
  const host = (() => { try { return new URL(view.origin).host; } catch { return view.origin; } })();
  return (
    <>
      {/* Real text, so screen readers announce where the request comes from (an aria-label on a div is not read). */}
      <p className="origin">
        <span className="origin-label">{t('requestFrom')}</span>{' '}
        <span className="origin-host" data-testid="approval-origin">{view.origin}</span>
      </p>
      <h1>{t(TITLES[view.kind], { origin: host })}</h1>
      <div className="kv"><span className="k">{t('network')}</span><span className="v" data-testid="approval-network">{view.network.name}</span></div>
      {view.account && <div className="kv"><span className="k">{t('account')}</span><span className="v address" data-testid="approval-account">{view.account}</span></div>}
      <WhatHappens view={(view.details as { whatHappens?: WhatHappensView }).whatHappens} />
      <Warnings warnings={view.warnings} />
      {isConnect ? <><p className="hint">{t('approvalConnectHint')}</p><AccountPicker state={state} family={view.family} picked={picked} onChange={onPick} /></> : <Details view={view} />}
    </>
  );
}

/**
 * The approval window, one for every site: the oldest waiting request (with "1 of N" and "Reject all" when more
 * wait), and the decision. It follows the queue (pushed by the background); when nothing waits it closes.
 */
export function Approval({ state }: { state: WalletState }) {
  const t = useT();
  const [queue, setQueue] = useState<ApprovalQueueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [dangerAck, setDangerAck] = useState<string | null>(null);
  // The accounts to share start as the selected one, once per request: later wallet events must not undo the choice.
  const pickedFor = useRef<string | null>(null);
  const load = useCallback(async () => {
    try { setQueue(await rpc.call('getApprovalQueue', {})); } catch (e) { setError((e as Error).message); }
  }, []);
  useEffect(() => {
    void load();
    return rpc.onStateChanged(() => void load());
  }, [load]);
  const view = queue?.request ?? null;
  const viewId = view?.id ?? null;
  const family = view?.family;
  useEffect(() => { if (queue && queue.total === 0) window.close(); }, [queue]);
  useEffect(() => { setBusy(false); setError(null); }, [viewId]);
  useEffect(() => {
    if (viewId === null || family === undefined || pickedFor.current === viewId) return;
    const sel = state.accounts.find((a) => a.id === state.selectedAccountId)?.[family] ?? state.accounts.find((a) => a[family])?.[family];
    setPicked(sel ? [sel] : []);
    pickedFor.current = sel ? viewId : null;
  }, [viewId, family, state.accounts, state.selectedAccountId]);
  // The approve button arms only once the request has been seen: 500 ms visible in the focused window (again after a
  // blur, an unlock, or when the next request shows), so a click meant for the page cannot land on it.
  const armed = useArmed(state.status === 'unlocked' && viewId !== null ? viewId : null);

  if (state.status === 'locked') return <Unlock onRestore={() => undefined} />;
  if (!view || !queue) return <main><ErrorText error={error} />{!error && <p role="status">{t(queue ? 'approvalQueueEmpty' : 'loading')}</p>}</main>;

  const isConnect = view.kind === 'connect' || view.kind === 'solana-connect';
  const action: MessageKey = isConnect ? 'connect'
    : ['send-transaction', 'send-calls', 'switch-chain', 'add-chain', 'watch-asset'].includes(view.kind) || (view.kind === 'solana-sign-transaction' && (view.details as { send?: boolean }).send) ? 'confirm' : 'sign';
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try { await call(); } catch (e) { setError((e as Error).message); setBusy(false); }
    await load();
  };
  const decide = (approved: boolean) => act(() => rpc.call('resolveApproval', { id: view.id, approved, ...(approved && isConnect ? { accounts: picked } : {}) }));
  // A danger needs a second, explicit step: the user ticks "I understand the risk" for this very request.
  const hasDanger = view.warnings.some((w) => ((w as ShownWarning).severity ?? w.level) === 'danger');
  const dangerOk = !hasDanger || dangerAck === view.id;

  return (
    <main className="approval" data-approval-id={view.id}>
      <QueueHeader total={queue.total} disabled={busy} onRejectAll={() => act(() => rpc.call('rejectAllApprovals', {}))} />
      <RequestDetails view={view} state={state} picked={picked} onPick={setPicked} />
      <ErrorText error={error} />
      {hasDanger && (
        <label className="row danger-ack"><input type="checkbox" data-testid="danger-ack" checked={dangerAck === view.id}
          onChange={(e) => setDangerAck(e.target.checked ? view.id : null)} /> {t('dangerAck')}</label>
      )}
      <div className="row sticky">
        <button type="button" className="secondary" disabled={busy} onClick={() => decide(false)}>{t('reject')}</button>
        <button type="button" disabled={busy || !armed || !dangerOk || (isConnect && picked.length === 0)} onClick={() => decide(true)}>{t(action)}</button>
      </div>
    </main>
  );
}
