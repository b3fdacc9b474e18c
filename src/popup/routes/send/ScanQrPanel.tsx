import { useEffect, useRef, useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { classifyScan, type ScanResult } from '../../scan/classifyScan';
import { blobPixels, captureCurrentTab } from '../../scan/imageSource';

type State =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'found'; result: ScanResult }
  | { step: 'problem'; message: MessageKey };

type Props = { onUse: (r: ScanResult) => void; onClose: () => void };

/**
 * "Scan QR code" in Send: from the visible part of the current tab, or from a pasted, dropped or picked image. The
 * decoded text is shown first; only "Use it" hands it to the form (and only a payment link or an address).
 */
export function ScanQrPanel({ onUse, onClose }: Props) {
  const t = useT();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const round = useRef(0);

  /** Decode `source`; `refused` is the message when the image cannot be had at all. */
  async function outcome(source: () => Promise<Blob>, refused: MessageKey): Promise<State> {
    let blob: Blob;
    try { blob = await source(); } catch { return { step: 'problem', message: refused }; }
    let text: string | null;
    try {
      // jsQR is loaded on first use only (its own chunk): most popup openings never scan.
      const { decodeQr } = await import('../../scan/decodeQr');
      text = decodeQr(await blobPixels(blob));
    } catch { return { step: 'problem', message: 'scanNotImage' }; }
    return text === null ? { step: 'problem', message: 'scanNoQr' } : { step: 'found', result: classifyScan(text) };
  }
  /** The newest scan wins (a slow one finishing later does not replace it). */
  async function read(source: () => Promise<Blob>, refused: MessageKey) {
    const mine = ++round.current;
    setState({ step: 'reading' });
    const next = await outcome(source, refused);
    if (mine === round.current) setState(next);
  }
  const readFile = (file: File | null | undefined) => {
    if (!file) { setState({ step: 'problem', message: 'scanNotImage' }); return; }
    void read(async () => file, 'scanNotImage');
  };

  // An image pasted anywhere in the popup while the panel is open (text pastes are left alone).
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.kind === 'file' && i.type.startsWith('image/'));
      if (!item) return;
      e.preventDefault();
      readFile(item.getAsFile());
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
  useEffect(() => () => { round.current++; }, []);

  const found = state.step === 'found' ? state.result : null;
  return (
    <div className="scan-panel stack" data-testid="scan-panel">
      <div className="row">
        <button type="button" className="secondary" data-testid="scan-from-tab" disabled={state.step === 'reading'}
          onClick={() => void read(captureCurrentTab, 'scanCaptureRefused')}>{t('scanFromTab')}</button>
        <button type="button" className="secondary" onClick={() => { round.current++; onClose(); }}>{t('scanClose')}</button>
      </div>
      <div className={`scan-drop${dragging ? ' dragging' : ''}`} data-testid="scan-drop" tabIndex={0}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)}
        onDrop={(e) => { e.preventDefault(); setDragging(false); readFile([...e.dataTransfer.files].find((f) => f.type.startsWith('image/')) ?? e.dataTransfer.files[0]); }}>
        <p>{t('scanPasteOrDrop')}</p>
        <label className="hint">{t('scanChooseImage')}{' '}
          <input type="file" accept="image/*" data-testid="scan-file" onChange={(e) => { readFile(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
      </div>
      {state.step === 'reading' && <p role="status" className="hint"><span className="spinner" aria-hidden="true" /> {t('scanReading')}</p>}
      {state.step === 'problem' && <div className="error" role="alert" data-testid="scan-message">{t(state.message)}</div>}
      {found && (
        <div className="stack">
          <p className="scan-found" data-testid="scan-found">{t('scanFound', { text: found.shown })}</p>
          {found.kind === 'unknown'
            ? <div className="error" role="alert" data-testid="scan-message">{t(found.paymentLink ? 'scanUnsupportedLink' : 'scanNotPayment')}</div>
            : (
              <div className="row">
                <button type="button" className="secondary" onClick={() => setState({ step: 'idle' })}>{t('cancel')}</button>
                <button type="button" data-testid="scan-use" onClick={() => onUse(found)}>{t('scanUse')}</button>
              </div>
            )}
        </div>
      )}
    </div>
  );
}
