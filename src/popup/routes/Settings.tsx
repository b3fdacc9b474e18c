import { useEffect, useId, useState } from 'react';
import type { ChainFamily, ConnectedSite, UiSettings, WalletState } from '../../shared/types';
import { AddressBookPanel } from './settings/AddressBookPanel';
import { AutoLock } from './settings/AutoLock';
import { NetworksPanel } from './settings/NetworksPanel';
import { Preferences } from './settings/Preferences';
import { PasskeyPanel } from './settings/PasskeyPanel';
import { ResetWallet } from './settings/ResetWallet';
import { TokensPanel } from './settings/TokensPanel';
import { ErrorText } from '../components/ErrorText';
import { errorText } from '../errorText';
import { PasswordFields, passwordProblem } from '../components/PasswordFields';
import { useT, type MessageKey } from '../i18n';
import { rpc } from '../rpc';

type Panel = 'reveal' | 'password' | 'importKey' | 'exportKey' | null;

type Sub = 'networks' | 'tokens' | 'addressBook' | null;

export function Settings({ state, ui, onUi, onBack }: { state: WalletState; ui: UiSettings; onUi: (u: UiSettings) => void; onBack: () => void }) {
  const t = useT();
  const [panel, setPanel] = useState<Panel>(null);
  const [sub, setSub] = useState<Sub>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  if (sub) {
    return (
      <main>
        {sub === 'networks' && <NetworksPanel />}
        {sub === 'tokens' && <TokensPanel />}
        {sub === 'addressBook' && <AddressBookPanel />}
        <button type="button" className="secondary" onClick={() => setSub(null)}>{t('back')}</button>
      </main>
    );
  }
  return (
    <main>
      <h1>{t('settings')}</h1>
      <Preferences ui={ui} onChange={onUi} />
      <nav className="row" aria-label={t('settings')}>
        <button type="button" className="secondary" onClick={() => setSub('networks')}>{t('networks')}</button>
        <button type="button" className="secondary" onClick={() => setSub('tokens')}>{t('tokens')}</button>
        <button type="button" className="secondary" onClick={() => setSub('addressBook')}>{t('addressBook')}</button>
      </nav>
      <AutoLock minutes={state.settings.autoLockMinutes} />
      <SettingToggle setting="defaultWallet" enabled={state.settings.defaultWallet} />
      <SettingToggle setting="appearAsMetaMask" enabled={state.settings.appearAsMetaMask} hint="appearAsMetaMaskHint" />
      <ConnectedSites />
      <PasskeyPanel state={state} />
      {state.hasMnemonic && <button type="button" className="secondary" aria-expanded={panel === 'reveal'} onClick={() => toggle('reveal')}>{t('revealPhrase')}</button>}
      <button type="button" className="secondary" aria-expanded={panel === 'password'} onClick={() => toggle('password')}>{t('changePassword')}</button>
      <button type="button" className="secondary" aria-expanded={panel === 'importKey'} onClick={() => toggle('importKey')}>{t('importPrivateKey')}</button>
      <button type="button" className="secondary" aria-expanded={panel === 'exportKey'} onClick={() => toggle('exportKey')}>{t('exportPrivateKey')}</button>
      {panel === 'reveal' && <RevealPhrase />}
      {panel === 'password' && <ChangePassword />}
      {panel === 'importKey' && <ImportKey onDone={() => setPanel(null)} />}
      {panel === 'exportKey' && <ExportKey state={state} />}
      <ResetWallet />
      <div><button type="button" className="secondary" onClick={onBack}>{t('back')}</button></div>
    </main>
  );
}

function PasswordPrompt({ onSubmit, label, hint }: { onSubmit: (pw: string) => Promise<void>; label: string; hint: string }) {
  const t = useT();
  const id = useId();
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); setError(null); onSubmit(pw).then(() => setPw(''), (err: unknown) => setError(errorText(t, err))); }}>
      <p className="hint">{hint}</p>
      <label htmlFor={`${id}-pw`}>{t('password')}</label>
      <input id={`${id}-pw`} type="password" autoComplete="current-password" value={pw} onChange={(e) => setPw(e.target.value)} />
      <ErrorText error={error} />
      <button type="submit" disabled={!pw}>{label}</button>
    </form>
  );
}

function RevealPhrase() {
  const t = useT();
  const [phrase, setPhrase] = useState<string | null>(null);
  if (phrase) return (
    <div className="card">
      <ol className="words" aria-label={t('secretRecoveryPhrase')} data-testid="revealed-phrase">{phrase.split(' ').map((w, i) => <li key={i}>{w}</li>)}</ol>
      <button type="button" onClick={() => setPhrase(null)}>{t('done')}</button>
    </div>
  );
  return <PasswordPrompt label={t('reveal')} hint={t('revealHint')} onSubmit={async (password) => setPhrase((await rpc.call('revealPhrase', { password })).phrase)} />;
}

function ChangePassword() {
  const t = useT();
  const id = useId();
  const [old, setOld] = useState('');
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [msg, setMsg] = useState<{ ok?: string; error?: string }>({});
  return (
    <form className="card" onSubmit={(e) => {
      e.preventDefault(); setMsg({});
      rpc.call('changePassword', { oldPassword: old, newPassword: pw }).then(() => { setOld(''); setPw(''); setConfirm(''); setMsg({ ok: t('passwordChanged') }); }, (err: unknown) => setMsg({ error: errorText(t, err) }));
    }}>
      <label htmlFor={`${id}-old`}>{t('currentPassword')}</label>
      <input id={`${id}-old`} type="password" autoComplete="current-password" value={old} onChange={(e) => setOld(e.target.value)} />
      <PasswordFields password={pw} confirm={confirm} onPassword={setPw} onConfirm={setConfirm} labels={{ password: 'newPassword', confirm: 'confirmNewPassword' }} />
      <ErrorText error={msg.error} />
      {msg.ok && <div className="ok" role="status">{msg.ok}</div>}
      <button type="submit" disabled={!old || passwordProblem(pw, confirm) !== null}>{t('changePassword')}</button>
    </form>
  );
}

function FamilySelect({ value, onChange }: { value: ChainFamily; onChange: (f: ChainFamily) => void }) {
  const t = useT();
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-fam`}>{t('network')}</label>
      <select id={`${id}-fam`} value={value} onChange={(e) => onChange(e.target.value as ChainFamily)}>
        <option value="evm">{t('familyEvm')}</option>
        <option value="solana">{t('familySolana')}</option>
      </select>
    </>
  );
}

function ImportKey({ onDone }: { onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [family, setFamily] = useState<ChainFamily>('evm');
  const [key, setKey] = useState('');
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="card" onSubmit={(e) => {
      e.preventDefault(); setError(null);
      rpc.call('importPrivateKey', { family, privateKey: key, password: pw }).then(() => { setKey(''); setPw(''); onDone(); }, (err: unknown) => setError(errorText(t, err)));
    }}>
      <FamilySelect value={family} onChange={setFamily} />
      <label htmlFor={`${id}-key`}>{t('privateKey')}</label>
      <textarea id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
      <label htmlFor={`${id}-pw`}>{t('password')}</label>
      <input id={`${id}-pw`} type="password" autoComplete="current-password" value={pw} onChange={(e) => setPw(e.target.value)} />
      <ErrorText error={error} />
      <button type="submit" disabled={!key || !pw}>{t('importKeyButton')}</button>
    </form>
  );
}

function ExportKey({ state }: { state: WalletState }) {
  const t = useT();
  const account = state.accounts.find((a) => a.id === state.selectedAccountId);
  const [family, setFamily] = useState<ChainFamily>(account?.evm ? 'evm' : 'solana');
  const [key, setKey] = useState<string | null>(null);
  if (!account) return null;
  if (key) return <div className="card"><div className="address" data-testid="exported-key">{key}</div><button type="button" onClick={() => setKey(null)}>{t('done')}</button></div>;
  return (
    <div className="card">
      <FamilySelect value={family} onChange={setFamily} />
      <PasswordPrompt label={t('exportPrivateKey')} hint={t('exportHint')}
        onSubmit={async (password) => setKey((await rpc.call('exportPrivateKey', { accountId: account.id, family, password })).privateKey)} />
    </div>
  );
}

/** An on/off setting, saved at once (defaultWallet, appearAsMetaMask: both read by pages when they load). */
function SettingToggle({ setting, enabled, hint }: { setting: 'defaultWallet' | 'appearAsMetaMask'; enabled: boolean; hint?: MessageKey }) {
  const t = useT();
  // Shown at once; back to the stored value with an error when the background refuses.
  const [shown, setShown] = useState(enabled);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setShown(enabled), [enabled]);
  return (
    <div className="card">
      <label className="check">
        <input type="checkbox" checked={shown} onChange={(e) => {
          const next = e.target.checked;
          setShown(next); setError(null);
          rpc.call('updateSettings', { [setting]: next }).catch((err: unknown) => { setShown(enabled); setError(err); });
        }} data-setting={setting} />
        {t(setting)}
      </label>
      {hint && <p className="hint">{t(hint)}</p>}
      <ErrorText error={error !== null ? errorText(t, error) : null} />
    </div>
  );
}

/** Sites with a permission, per family, each with a Disconnect button (the site gets accountsChanged []). */
function ConnectedSites() {
  const t = useT();
  const [sites, setSites] = useState<ConnectedSite[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => rpc.call('listConnectedSites', {}).then(setSites, (e: unknown) => setError(errorText(t, e)));
  useEffect(() => { void load(); }, []);
  return (
    <section className="card" aria-label={t('connectedSites')}>
      <h2>{t('connectedSites')}</h2>
      <ErrorText error={error} />
      {sites === null ? <p role="status">{t('loading')}</p> : sites.length === 0 ? <p className="hint">{t('noConnectedSites')}</p> : (
        <ul className="sites">
          {sites.map((s) => (
            <li key={s.origin} className="row" data-testid="connected-site">
              <span className="address">{s.origin}</span>
              <span className="hint">{[s.evm ? 'EVM' : null, s.solana ? 'Solana' : null].filter(Boolean).join(' · ')}</span>
              <button type="button" className="secondary" aria-label={`${t('revoke')} ${s.origin}`}
                onClick={() => rpc.call('revokeSite', { origin: s.origin }).then(load, (e: unknown) => setError(errorText(t, e)))}>{t('revoke')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
