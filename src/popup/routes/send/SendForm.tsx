import { useEffect, useId, useRef, useState } from 'react';
import type { AddressBookEntry, FeeTierName, RecipientCheck, SendPreview } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { errorText } from '../../errorText';
import { amountProblem, formatAmount, formatBase, normalizeAmount } from '../../format';
import { useDebounced } from '../../hooks/useDebounced';
import { useLocale, useT } from '../../i18n';
import { parsePaymentUri } from '../../paymentUri';
import type { ScanResult } from '../../scan/classifyScan';
import { rpc } from '../../rpc';
import { assetKey, type SendAsset } from './assets';
import { ScanQrPanel } from './ScanQrPanel';

const TIERS: FeeTierName[] = ['slow', 'normal', 'fast'];
const RECIPIENT_ERRORS = { format: 'recipientFormat', checksum: 'recipientChecksum', 'off-curve': 'recipientOffCurve', family: 'recipientFamily' } as const;

/** `round`: a new value builds the transfer again (Back from the review: its draft may be spent). */
type Props = { assets: SendAsset[]; initialKey: string; round?: number; onReview: (p: SendPreview) => void; onCancel: () => void };

/** Asset, recipient (validated as typed; payment URIs fill the form), amount with Max, fee tier; a live preview. */
export function SendForm({ assets, initialKey, round = 0, onReview, onCancel }: Props) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [key, setKey] = useState(initialKey);
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [amountTouched, setAmountTouched] = useState(false);
  const [max, setMax] = useState(false);
  const [tier, setTier] = useState<FeeTierName>('normal');
  const [check, setCheck] = useState<RecipientCheck | null>(null);
  const [checkedAddress, setCheckedAddress] = useState<string | null>(null);
  const [preview, setPreview] = useState<SendPreview | null>(null);
  /** The inputs the preview was built from: Review opens only while they are still what the form shows. */
  const [previewFor, setPreviewFor] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [uriError, setUriError] = useState<string | null>(null);
  const [book, setBook] = useState<AddressBookEntry[]>([]);
  const [naming, setNaming] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const draft = useRef<string | null>(null);
  const asset = assets.find((a) => a.key === key) ?? assets[0];

  useEffect(() => { rpc.call('listAddressBook', {}).then(setBook, () => setBook([])); }, []);
  useEffect(() => () => { if (draft.current) void rpc.call('cancelSend', { draftId: draft.current }).catch(() => undefined); }, []);

  // Recipient check as the user types (the background applies the adapter's exact rules, EIP-55 included).
  const toD = useDebounced(to.trim(), 150);
  useEffect(() => {
    setCheck(null);
    if (!toD || !asset) return;
    let live = true;
    rpc.call('validateRecipient', { networkId: asset.networkId, address: toD }).then((c) => live && setCheck(c), () => live && setCheck({ ok: false, reason: 'format' }));
    return () => { live = false; };
  }, [toD, asset?.networkId]);

  const balance = asset?.amount != null ? BigInt(asset.amount) : null;
  const localAmountProblem = !max && asset ? amountProblem(amount, asset.decimals, balance) : null;
  const recipientOk = check?.ok === true && check.address !== undefined && toD === to.trim();
  const amountD = useDebounced(amount, 250);
  const inputs = asset ? [asset.key, to.trim(), max ? '\u0000max' : amount.trim(), tier].join('|') : '';

  // A live build (nothing signed): fee tiers, totals, insufficient funds. The last draft is released when replaced.
  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    if (!asset || !recipientOk || (!max && (localAmountProblem || amountD !== amount))) return;
    let live = true;
    setBusy(true);
    const builtFor = inputs;
    const prev = draft.current;
    draft.current = null;
    if (prev) void rpc.call('cancelSend', { draftId: prev }).catch(() => undefined);
    rpc.call('prepareSend', {
      networkId: asset.networkId, from: asset.from, to: to.trim(), feeTier: tier,
      ...(asset.token ? { token: asset.token } : {}), ...(max ? { max: true } : { amount: normalizeAmount(amountD) }),
    }).then((p) => {
      if (!live) { void rpc.call('cancelSend', { draftId: p.draftId }).catch(() => undefined); return; }
      draft.current = p.draftId;
      setPreview(p);
      setPreviewFor(builtFor);
      if (max) setAmount(formatBase(p.amount.amount, p.amount.decimals));
    }, (e: unknown) => live && setPreviewError(e)).finally(() => live && setBusy(false));
    return () => { live = false; };
  }, [asset?.key, recipientOk, toD, max ? '\u0000max' : amountD, tier, round]);

  function onRecipient(value: string) {
    setUriError(null);
    const req = /^(ethereum|solana):/i.test(value.trim()) ? parsePaymentUri(value) : null;
    if (/^(ethereum|solana):/i.test(value.trim()) && !req) { setTo(value); setUriError(t('uriInvalid')); return; }
    if (!req) { setTo(value); return; }
    const sameFamily = assets.filter((a) => a.family === req.family);
    const networkId = req.chainId !== undefined ? `eip155:${req.chainId}` : (asset?.family === req.family ? asset.networkId : sameFamily[0]?.networkId);
    const target = sameFamily.find((a) => a.networkId === networkId && (req.token ? a.token?.toLowerCase() === req.token.toLowerCase() : !a.token));
    // Not an asset held here: keep the pasted text, never a recipient for some other asset or network.
    if (!target) { setTo(value); setUriError(t('uriUnknownAsset')); return; }
    setKey(target.key);
    setTo(req.recipient);
    setMax(false);
    if (req.amountBase !== undefined) { setAmount(formatBase(req.amountBase, target.decimals)); setAmountTouched(true); }
    else if (req.amountDecimal !== undefined) { setAmount(req.amountDecimal); setAmountTouched(true); }
  }

  /** "Use it" on a scanned QR code: a payment link fills the form as a pasted one; a plain address of the other family
   *  switches to that family's first asset (its native coin when listed). */
  function takeScanned(r: ScanResult) {
    setScanning(false);
    if ((r.kind === 'evm-address' || r.kind === 'solana-address') && asset) {
      const family = r.kind === 'evm-address' ? 'evm' : 'solana';
      const target = asset.family === family ? null : assets.find((a) => a.family === family && !a.token) ?? assets.find((a) => a.family === family);
      if (target) { setKey(target.key); setMax(false); }
    }
    onRecipient(r.text);
  }

  const recipientError = uriError ?? (to.trim() && check && !check.ok ? t(RECIPIENT_ERRORS[check.reason]) : null);
  const amountError = (amountTouched || amount !== '') && localAmountProblem ? t(localAmountProblem) : null;
  const findings = recipientOk && check?.ok ? check.findings ?? [] : [];
  // A look-alike of a known address: Review waits for "I checked the whole address" (for this exact address).
  const needsWholeCheck = findings.some((f) => f.confirm === 'checked-whole-address');
  const wholeChecked = !needsWholeCheck || (check?.ok === true && checkedAddress === check.address);
  const canReview = !!preview && previewFor === inputs && !busy && recipientOk && !localAmountProblem && !uriError && wholeChecked;
  const savedHere = book.filter((b) => b.family === asset?.family);
  const inBook = check?.ok && book.some((b) => b.address === check.address);
  if (!asset) return <p className="hint">{t('nothingToSend')}</p>;
  const feeLine = (v: string) => formatAmount(v, preview?.fee.decimals ?? 18, locale).full;

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); if (canReview && preview) onReview(preview); }} noValidate>
      <label htmlFor={`${id}-asset`}>{t('asset')}</label>
      <select id={`${id}-asset`} value={asset.key} onChange={(e) => { setKey(e.target.value); setMax(false); }}>
        {assets.map((a) => (
          <option key={a.key} value={a.key}>{a.symbol} · {a.networkName} ({a.amount === null ? '—' : formatAmount(a.amount, a.decimals, locale).text})</option>
        ))}
      </select>
      <div className="row">
        <label htmlFor={`${id}-to`} className="grow">{t('recipient')}</label>
        <button type="button" className="secondary" aria-expanded={scanning} data-testid="scan-qr-button" onClick={() => setScanning(!scanning)}>{t('scanQr')}</button>
      </div>
      <input id={`${id}-to`} value={to} onChange={(e) => onRecipient(e.target.value)} autoComplete="off" spellCheck={false}
        placeholder={asset.family === 'evm' ? '0x… / ethereum:…' : 'base58 / solana:…'} aria-invalid={!!recipientError} aria-describedby={`${id}-to-err`} />
      {scanning && <ScanQrPanel onUse={takeScanned} onClose={() => setScanning(false)} />}
      <div id={`${id}-to-err`}>{recipientError && <div className="error" role="alert" data-testid="recipient-error">{recipientError}</div>}</div>
      {recipientOk && check?.ok && check.address !== to.trim() && <p className="hint">{t('recipientCanonical', { address: check.address })}</p>}
      {findings.map((f) => (
        <p key={f.code} className={f.severity === 'danger' ? 'warn danger' : f.severity === 'warning' ? 'warn' : 'hint'} role={f.severity === 'danger' ? 'alert' : undefined}
          data-testid={`recipient-finding-${f.code}`}>{f.message[locale === 'zh_CN' ? 'zh_CN' : 'en']}</p>
      ))}
      {needsWholeCheck && check?.ok && (
        <label className="row"><input type="checkbox" data-testid="checked-whole-address" checked={checkedAddress === check.address}
          onChange={(e) => setCheckedAddress(e.target.checked ? check.address : null)} /> {t('checkedWholeAddress')}</label>
      )}
      {savedHere.length > 0 && (
        <select aria-label={t('pickSaved')} value="" onChange={(e) => e.target.value && onRecipient(e.target.value)}>
          <option value="">{t('pickSaved')}</option>
          {savedHere.map((b) => <option key={b.id} value={b.address}>{b.name} · {b.address.slice(0, 8)}…</option>)}
        </select>
      )}
      {check?.ok && !inBook && (naming === null
        ? <button type="button" className="secondary" onClick={() => setNaming('')}>{t('saveToBook')}</button>
        : (
          <div className="row">
            <input aria-label={t('contactName')} placeholder={t('contactName')} value={naming} maxLength={40} onChange={(e) => setNaming(e.target.value)} className="grow" />
            <button type="button" disabled={!naming.trim()} onClick={() => rpc.call('saveAddressBookEntry', { name: naming, address: check.address })
              .then((entry) => { setBook([...book, entry]); setNaming(null); }, (e: unknown) => setUriError(errorText(t, e)))}>{t('save')}</button>
          </div>
        ))}
      <label htmlFor={`${id}-amount`}>{t('amount')} ({asset.symbol})</label>
      <div className="row nowrap">
        <input id={`${id}-amount`} className="grow" inputMode="decimal" value={amount} autoComplete="off" aria-invalid={!!amountError} aria-describedby={`${id}-amount-err`}
          onChange={(e) => { setMax(false); setAmount(e.target.value); }} onBlur={() => setAmountTouched(true)} />
        <button type="button" className="secondary" aria-pressed={max} onClick={() => { setMax(true); setAmountTouched(true); }}>{t('max')}</button>
      </div>
      <div id={`${id}-amount-err`}>{amountError && <div className="error" role="alert" data-testid="amount-error">{amountError}</div>}</div>
      <p className="hint">{t('available', { amount: asset.amount === null ? '—' : formatAmount(asset.amount, asset.decimals, locale).full, symbol: asset.symbol })}</p>
      <fieldset className="tiers">
        <legend>{t('feeTier')}</legend>
        {TIERS.map((tr) => (
          <label key={tr} className="check">
            <input type="radio" name={`${id}-tier`} value={tr} checked={tier === tr} onChange={() => setTier(tr)} />
            {t(tr === 'slow' ? 'tierSlow' : tr === 'normal' ? 'tierNormal' : 'tierFast')}
            {preview && <span className="hint" data-testid={`tier-${tr}`}>{feeLine(preview.tiers[tr])} {preview.fee.symbol}</span>}
          </label>
        ))}
      </fieldset>
      {busy && <p role="status" className="hint"><span className="spinner" aria-hidden="true" /> {t('estimating')}</p>}
      {previewError !== null && <ErrorText error={errorText(t, previewError)} />}
      <div className="row sticky">
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
        <button type="submit" disabled={!canReview} data-testid="review-button">{t('review')}</button>
      </div>
    </form>
  );
}
export { assetKey };
