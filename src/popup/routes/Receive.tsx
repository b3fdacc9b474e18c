import { useEffect, useId, useState } from 'react';
import type { AccountView, PortfolioView } from '../../shared/types';
import { CopyButton } from '../components/CopyButton';
import { QrCode } from '../components/QrCode';
import { amountProblem, normalizeAmount } from '../format';
import { useT } from '../i18n';
import { buildEip681, buildSolanaPay } from '../paymentUri';
import { rpc } from '../rpc';

/** Full addresses as text, each with a QR code and a copy button; and payment requests with an amount. */
export function Receive({ account, onBack }: { account: AccountView; onBack: () => void }) {
  const t = useT();
  const rows = [
    account.evm ? { label: t('evmAddress'), value: account.evm, testid: 'receive-evm' } : null,
    account.solana ? { label: t('solanaAddress'), value: account.solana, testid: 'receive-solana' } : null,
  ].filter((r): r is NonNullable<typeof r> => r !== null);
  return (
    <main>
      <h1 className="ellipsis">{t('receive')} · {account.name}</h1>
      {rows.map((r) => (
        <section key={r.testid} className="card" aria-label={r.label}>
          <h2>{r.label}</h2>
          <QrCode value={r.value} label={t('qrFor', { what: r.label })} />
          <div className="address" data-testid={r.testid}>{r.value}</div>
          <CopyButton text={r.value} label={r.label} />
        </section>
      ))}
      <PaymentRequest />
      <button type="button" className="secondary" onClick={onBack}>{t('back')}</button>
    </main>
  );
}

function PaymentRequest() {
  const t = useT();
  const id = useId();
  const [p, setP] = useState<PortfolioView | null>(null);
  const [key, setKey] = useState('');
  const [amount, setAmount] = useState('');
  useEffect(() => { rpc.call('getPortfolio', {}).then(setP, () => setP(null)); }, []);
  if (!p) return null;
  const options = p.networks.flatMap((n) => n.assets.map((a) => ({ ...a, key: `${n.networkId}|${a.token ?? ''}`, family: n.family, address: n.address, networkName: n.name })));
  const a = options.find((o) => o.key === key) ?? options[0];
  if (!a) return null;
  const problem = amount.trim() === '' ? null : amountProblem(amount, a.decimals, null);
  let uri: string | null = null;
  if (!problem) {
    const n = normalizeAmount(amount);
    const base = n === '' ? undefined : BigInt(n.split('.')[0]! + (n.split('.')[1] ?? '').padEnd(a.decimals, '0'));
    uri = a.family === 'evm'
      ? buildEip681({ to: a.address, chainId: Number(a.networkId.split(':')[1]), ...(a.token ? { token: a.token } : {}), ...(base !== undefined ? { amountBase: base } : {}) })
      : buildSolanaPay({ to: a.address, ...(a.token ? { token: a.token } : {}), ...(n ? { amountDecimal: n } : {}) });
  }
  return (
    <section className="card" aria-label={t('paymentRequest')}>
      <h2>{t('paymentRequest')}</h2>
      <label htmlFor={`${id}-asset`}>{t('asset')}</label>
      <select id={`${id}-asset`} value={a.key} onChange={(e) => setKey(e.target.value)}>
        {options.map((o) => <option key={o.key} value={o.key}>{o.symbol} · {o.networkName}</option>)}
      </select>
      <label htmlFor={`${id}-amount`}>{t('amount')} ({a.symbol})</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoComplete="off" />
      {problem && <div className="error" role="alert">{t(problem)}</div>}
      {uri && (
        <>
          <QrCode value={uri} label={t('qrFor', { what: t('paymentRequest') })} />
          <div className="address" data-testid="payment-uri">{uri}</div>
          <CopyButton text={uri} label={t('paymentRequest')} />
        </>
      )}
    </section>
  );
}
