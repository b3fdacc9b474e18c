import { useEffect, useState } from 'react';
import type { UiSettings } from '../shared/types';
import { LocaleContext, localizeAccountName, resolveLocale, translate } from './i18n';
import { useWalletState } from './hooks/useWalletState';
import { rpc } from './rpc';
import { Welcome } from './routes/Welcome';
import { CreateWallet } from './routes/CreateWallet';
import { ImportWallet } from './routes/ImportWallet';
import { Unlock } from './routes/Unlock';
import { Corrupt } from './routes/Corrupt';
import { Home } from './routes/Home';
import { Receive } from './routes/Receive';
import { Send } from './routes/Send';
import { Activity } from './routes/Activity';
import { Settings } from './routes/Settings';
import { Approval } from './routes/Approval';
import { Overview } from './routes/Overview';
import { TabBar, type Tab } from './components/TabBar';

type View = 'main' | 'create' | 'import' | 'restore' | 'receive' | 'send' | 'activity' | 'settings' | 'overview';
const UNLOCKED_VIEWS: View[] = ['receive', 'send', 'activity', 'settings', 'overview'];
const TAB_VIEWS: readonly View[] = ['main', 'activity', 'overview', 'settings'];
/** popup.html?view=overview opens the Overview full-page (in a tab). */
const startView = (): View => (new URLSearchParams(location.search).get('view') === 'overview' ? 'overview' : 'main');

export function App() {
  const { state: stored, error, refresh } = useWalletState();
  const [ui, setUi] = useState<UiSettings | null>(null);
  const [view, setView] = useState<View>(startView);
  const fullPage = new URLSearchParams(location.search).get('view') === 'overview';
  const [filter, setFilter] = useState('all');
  const locale = resolveLocale(ui?.language);
  const state = stored && { ...stored, accounts: stored.accounts.map((a) => ({ ...a, name: localizeAccountName(locale, a.name) })) };
  const home = () => { setView('main'); void refresh(); };
  useEffect(() => { rpc.call('getUiSettings', {}).then(setUi, () => undefined); }, []);
  useEffect(() => { document.documentElement.lang = locale === 'zh_CN' ? 'zh-CN' : 'en'; }, [locale]);
  // A lock (manual or auto) always returns to the unlock screen.
  useEffect(() => { if (state?.status === 'locked' && UNLOCKED_VIEWS.includes(view) && !fullPage) setView('main'); }, [state?.status, view, fullPage]);

  const approvalId = new URLSearchParams(location.search).get('approval');
  // wallet_showCallsStatus opens this page on one batch's transactions.
  const calls = new URLSearchParams(location.search).get('calls');
  let body: React.ReactNode;
  if (state && approvalId !== null) body = <Approval state={state} />;
  else if (!state) body = <p role="status">{error ?? translate(locale, 'loading')}</p>;
  else if (view === 'create') body = <CreateWallet onBack={home} onDone={home} />;
  else if (view === 'import' || view === 'restore') body = <ImportWallet restore={view === 'restore' || state.status !== 'uninitialized'} onBack={home} onDone={home} />;
  else if (state.status === 'uninitialized') body = <Welcome onCreate={() => setView('create')} onImport={() => setView('import')} />;
  else if (state.status === 'corrupt') body = <Corrupt reason={state.corruptReason} onRestore={() => setView('restore')} />;
  else if (state.status === 'locked') body = <Unlock passkey={state.passkey} onRestore={() => setView('restore')} />;
  else if (calls !== null && view === 'main') body = <Activity filter="all" only={calls.split(',')} onBack={() => window.close()} />;
  else {
    const account = state.accounts.find((a) => a.id === state.selectedAccountId) ?? state.accounts[0];
    if (view === 'receive' && account) body = <Receive account={account} onBack={home} />;
    else if (view === 'send') body = <Send filter={filter} onDone={home} />;
    else if (view === 'activity') body = <Activity filter={filter} onBack={home} />;
    else if (view === 'overview') body = <Overview fullPage={fullPage} />;
    else if (view === 'settings' && ui) body = <Settings state={state} ui={ui} onUi={setUi} onBack={home} />;
    else body = <Home state={state} filter={filter} onFilter={setFilter} onNav={setView} />;
  }
  const tabs = state?.status === 'unlocked' && approvalId === null && calls === null && TAB_VIEWS.includes(view);
  return (
    <LocaleContext.Provider value={locale}>
      {body}
      {tabs && <TabBar current={view as Tab} onSelect={(v) => (v === 'main' ? home() : setView(v))} />}
    </LocaleContext.Provider>
  );
}
