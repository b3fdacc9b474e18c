import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code from the `qrcode` library, rendered as an <img> data URL. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: 320 }).then((url) => live && setSrc(url), () => live && setSrc(null));
    return () => { live = false; };
  }, [value]);
  return src ? <img className="qr" src={src} alt={label} data-qr-value={value} /> : null;
}
