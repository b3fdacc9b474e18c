import { useEffect, useId, useState } from 'react';
import type { NetworkView, TokenView } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { Loading } from '../../components/Status';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

/** Tokens per network: hide/show, add a custom one by contract address or mint (read from the chain). */
export function TokensPanel() {
  const t = useT();
  const id = useId();
  const [nets, setNets] = useState<NetworkView[] | null>(null);
  const [net, setNet] = useState('');
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { rpc.call('listNetworks', {}).then((l) => { const en = l.filter((n) => n.enabled); setNets(en); setNet(en[0]?.id ?? ''); }, setError); }, []);
  const load = (n = net) => n ? rpc.call('listTokens', { networkId: n }).then(setTokens, setError) : Promise.resolve();
  useEffect(() => { setTokens(null); void load(net); }, [net]);
  // Shown at once (a controlled checkbox must not lag the click); the stored list wins when the call returns.
  const setHidden = (address: string, hidden: boolean) => {
    setError(null);
    setTokens((l) => l && l.map((x) => (x.address === address ? { ...x, hidden } : x)));
    rpc.call('setTokenHidden', { networkId: net, address, hidden }).then(() => load(), (e: unknown) => { setError(e); void load(); });
  };
  return (
    <section aria-label={t('tokens')}>
      <h1>{t('tokens')}</h1>
      {nets === null && error === null && <Loading />}
      {nets && (<>
        <label htmlFor={`${id}-net`}>{t('network')}</label>
        <select id={`${id}-net`} value={net} onChange={(e) => setNet(e.target.value)}>
          {nets.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </select>
      </>)}
      {net && tokens === null && <Loading />}
      <ul className="plain-list">
        {tokens?.map((tk) => (
          <li key={tk.address} className="row between" data-testid="token-row">
            <label className="check grow">
              <input type="checkbox" checked={!tk.hidden} onChange={(e) => setHidden(tk.address, !e.target.checked)} />
              <span className="ellipsis"><strong>{tk.symbol}</strong> {tk.name}</span>
            </label>
            {tk.custom && <span className="tag">{t('custom')}</span>}
          </li>
        ))}
      </ul>
      {net && (
        <form onSubmit={(e) => { e.preventDefault(); setBusy(true); setError(null); rpc.call('addToken', { networkId: net, address }).then(() => { setAddress(''); return load(); }, setError).finally(() => setBusy(false)); }}>
          <label htmlFor={`${id}-addr`}>{t('tokenAddress')}</label>
          <input id={`${id}-addr`} value={address} readOnly={busy} onChange={(e) => setAddress(e.target.value)} spellCheck={false} autoComplete="off" />
          <ErrorText error={error !== null ? errorText(t, error) : null} />
          <button type="submit" disabled={busy || !address.trim()}>{busy ? t('checking') : t('addToken')}</button>
        </form>
      )}
    </section>
  );
}
