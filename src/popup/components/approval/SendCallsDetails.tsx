import { useState } from 'react';
import type { WhatHappensView } from '../../../shared/preview';
import { formatBase } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { WhatHappens } from '../WhatHappens';

/* eslint-disable @typescript-eslint/no-explicit-any */
type CallView = { decoded: Record<string, any>; whatHappens: WhatHappensView; gas: string; maxFee: string; data: string };

const KIND_KEYS: Record<string, MessageKey> = { 'native-transfer': 'nativeTransfer', 'erc20-transfer': 'erc20Transfer', 'erc20-approve': 'erc20Approve', 'contract-deploy': 'contractDeploy' };

function Row({ label, children, testid }: { label: string; children: React.ReactNode; testid?: string }) {
  return <div className="kv"><span className="k">{label}</span><span className="v" data-testid={testid}>{children}</span></div>;
}

function Call({ call, n, count, sym, decimals }: { call: CallView; n: number; count: number; sym: string; decimals: number }) {
  const t = useT();
  const [raw, setRaw] = useState(false);
  const dec = call.decoded;
  return (
    <li className="card" data-testid="batch-call">
      <h2>{t('callNofM', { n, count })}</h2>
      <Row label={t('decodedCall')} testid="tx-kind">{t(KIND_KEYS[dec.kind as string] ?? 'contractCall')}</Row>
      <Row label={t('to')} testid="tx-to">{dec.recipient ?? dec.to ?? '—'}</Row>
      {dec.spender && <Row label={t('spender')} testid="tx-spender">{dec.spender}</Row>}
      {dec.amount !== undefined && <Row label={t('amount')} testid="tx-amount">{dec.unlimited ? t('unlimited') : (dec.amountFormatted ?? t('baseUnitsOf', { amount: dec.amount }))}</Row>}
      {dec.token && <Row label={t('tokenContract')} testid="tx-token">{dec.token.address}</Row>}
      <Row label={t('value')} testid="tx-value">{formatBase(dec.value, decimals)} {sym}</Row>
      <Row label={t('fee')} testid="tx-fee">{formatBase(call.maxFee, decimals)} {sym}</Row>
      <WhatHappens view={call.whatHappens} />
      {call.data !== '0x' && <button type="button" className="secondary" aria-expanded={raw} onClick={() => setRaw(!raw)}>{t(raw ? 'hideData' : 'showData')}</button>}
      {raw && <pre className="message" data-testid="tx-data">{call.data}</pre>}
    </li>
  );
}

/** wallet_sendCalls: every call in order (what it is, to whom, its value, fee, preview and data), then the totals. */
export function SendCallsDetails({ details }: { details: Record<string, any> }) {
  const t = useT();
  const calls = details.calls as CallView[];
  const sym = details.nativeSymbol as string;
  const decimals = details.nativeDecimals as number;
  return (
    <section data-testid="batch-calls" data-count={calls.length}>
      <p className="hint notice" data-testid="calls-one-by-one">{t('callsOneByOne')}</p>
      {details.previewEach === true && <p className="hint notice" data-testid="preview-each-call">{t('previewEachCall')}</p>}
      <ol className="instructions">
        {calls.map((c, i) => <Call key={i} call={c} n={i + 1} count={calls.length} sym={sym} decimals={decimals} />)}
      </ol>
      <div className="card">
        <Row label={t('value')} testid="batch-value">{formatBase(details.value, decimals)} {sym}</Row>
        <Row label={t('fee')} testid="batch-fee">{formatBase(details.maxFee, decimals)} {sym}</Row>
        <Row label={t('total')} testid="batch-total">{formatBase(details.total, decimals)} {sym}</Row>
      </div>
    </section>
  );
}
