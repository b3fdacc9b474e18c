import { useEffect, useId, useState } from 'react';
import type { NetworkView } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { Loading } from '../../components/Status';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

const lines = (s: string) => s.split(/\s+/).map((x) => x.trim()).filter(Boolean);

/** Built-in and custom networks: show in portfolio, edit RPC URLs (checked against the chain), add/remove custom. */
export function NetworksPanel() {
  const t = useT();
  const [list, setList] = useState<NetworkView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = (): Promise<void> => rpc.call('listNetworks', {}).then(setList, setError);
  useEffect(() => { void load(); }, []);
  return (
    <section aria-label={t('networks')}>
      <h1>{t('networks')}</h1>
      {list === null && error === null && <Loading />}
      <ErrorText error={error !== null ? errorText(t, error) : null} />
      {list && <SiteNetworks list={list} />}
      <ul className="plain-list">{list?.map((n) => <NetworkRow key={n.id} n={n} onChanged={load} />)}</ul>
      <AddNetwork onAdded={load} />
    </section>
  );
}

/** The EVM network and the Solana cluster sites use; a change tells open sites (chainChanged / Wallet Standard change). */
function SiteNetworks({ list }: { list: NetworkView[] }) {
  const t = useT();
  const id = useId();
  const [selected, setSelected] = useState<{ evm: string; solana: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { rpc.call('getDappNetworks', {}).then(setSelected, setError); }, []);
  const pick = (networkId: string) => { setError(null); rpc.call('selectDappNetwork', { networkId }).then(setSelected, setError); };
  if (!selected) return <ErrorText error={error !== null ? errorText(t, error) : null} />;
  return (
    <fieldset className="card" aria-label={t('siteNetworks')}>
      <legend>{t('siteNetworks')}</legend>
      {(['evm', 'solana'] as const).map((family) => (
        <label key={family} className="field" htmlFor={`${id}-${family}`}>
          {t(family === 'evm' ? 'siteNetworkEvm' : 'siteNetworkSolana')}
          <select id={`${id}-${family}`} data-testid={`site-network-${family}`} value={selected[family]} onChange={(e) => pick(e.target.value)}>
            {list.filter((n) => n.family === family).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
          </select>
        </label>
      ))}
      <ErrorText error={error !== null ? errorText(t, error) : null} />
    </fieldset>
  );
}

function NetworkRow({ n, onChanged }: { n: NetworkView; onChanged: () => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [urls, setUrls] = useState(n.rpcUrls.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The click shows at once; the stored value wins when the list is reloaded.
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const toggle = (on: boolean) => {
    setEnabled(on); setError(null);
    rpc.call('setNetworkEnabled', { networkId: n.id, enabled: on }).catch(setError).then(onChanged).finally(() => setEnabled(null));
  };
  const saveUrls = (next: string[]) => {
    setBusy(true); setError(null);
    // The form closes once the list shows the saved URLs (never the old ones for a moment).
    rpc.call('setNetworkRpcUrls', { networkId: n.id, rpcUrls: next }).then(onChanged).then(() => setEditing(false), setError).finally(() => setBusy(false));
  };
  return (
    <li className="card" data-testid="network-row" data-network={n.id}>
      <div className="row between">
        <label className="check grow">
          <input type="checkbox" checked={enabled ?? n.enabled} onChange={(e) => toggle(e.target.checked)} />
          <span className="ellipsis">{n.name}</span>
        </label>
        {n.testnet && <span className="tag">{t('testnet')}</span>}
        {n.custom && <span className="tag">{t('custom')}</span>}
      </div>
      <div className="mono small">{n.rpcUrls.join(', ')}</div>
      {!editing ? (
        <div className="row">
          <button type="button" className="secondary" onClick={() => { setUrls(n.rpcUrls.join('\n')); setEditing(true); }} aria-label={`${t('editRpc')} ${n.name}`}>{t('editRpc')}</button>
          {n.custom && <button type="button" className="secondary" aria-label={`${t('remove')} ${n.name}`} onClick={() => rpc.call('removeCustomNetwork', { networkId: n.id }).then(onChanged, setError)}>{t('remove')}</button>}
        </div>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); saveUrls(lines(urls)); }}>
          <label htmlFor={`${id}-urls`}>{t('rpcUrlsLabel', { name: n.name })}</label>
          <textarea id={`${id}-urls`} value={urls} onChange={(e) => setUrls(e.target.value)} spellCheck={false} />
          <div className="row">
            <button type="submit" disabled={busy || lines(urls).length === 0}>{busy ? t('checking') : t('save')}</button>
            <button type="button" className="secondary" disabled={busy} onClick={() => saveUrls([])}>{t('restoreDefaults')}</button>
            <button type="button" className="secondary" onClick={() => { setEditing(false); setUrls(n.rpcUrls.join('\n')); }}>{t('cancel')}</button>
          </div>
        </form>
      )}
      <ErrorText error={error !== null ? errorText(t, error) : null} />
    </li>
  );
}

function AddNetwork({ onAdded }: { onAdded: () => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [family, setFamily] = useState<'evm' | 'solana'>('evm');
  const [name, setName] = useState('');
  const [chainId, setChainId] = useState('');
  const [url, setUrl] = useState('');
  const [symbol, setSymbol] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('addNetwork')}</button>;
  const chainOk = family === 'solana' || /^[1-9]\d{0,15}$/.test(chainId);
  return (
    <form className="card" onSubmit={(e) => {
      e.preventDefault(); setBusy(true); setError(null);
      rpc.call('addCustomNetwork', { family, name, rpcUrls: lines(url), ...(family === 'evm' ? { chainId: Number(chainId) } : {}), ...(symbol.trim() ? { symbol: symbol.trim() } : {}) })
        .then(onAdded).then(() => { setOpen(false); setName(''); setChainId(''); setUrl(''); setSymbol(''); }, setError).finally(() => setBusy(false));
    }}>
      <label htmlFor={`${id}-f`}>{t('network')}</label>
      <select id={`${id}-f`} value={family} onChange={(e) => setFamily(e.target.value as 'evm' | 'solana')}>
        <option value="evm">{t('familyEvm')}</option>
        <option value="solana">{t('familySolana')}</option>
      </select>
      <label htmlFor={`${id}-n`}>{t('networkName')}</label>
      <input id={`${id}-n`} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
      {family === 'evm' && (<>
        <label htmlFor={`${id}-c`}>{t('chainId')}</label>
        <input id={`${id}-c`} inputMode="numeric" value={chainId} onChange={(e) => setChainId(e.target.value)} />
        {chainId && !chainOk && <div className="error" role="alert">{t('chainIdInvalid')}</div>}
        <label htmlFor={`${id}-s`}>{t('currencySymbol')}</label>
        <input id={`${id}-s`} value={symbol} maxLength={12} onChange={(e) => setSymbol(e.target.value)} />
      </>)}
      <label htmlFor={`${id}-u`}>{t('rpcUrl')}</label>
      <input id={`${id}-u`} value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} placeholder="https://" />
      <ErrorText error={error !== null ? errorText(t, error) : null} />
      <div className="row">
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('cancel')}</button>
        <button type="submit" disabled={busy || !name.trim() || !url.trim() || !chainOk}>{busy ? t('checking') : t('addNetwork')}</button>
      </div>
    </form>
  );
}
