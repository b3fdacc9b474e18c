import { useEffect, useState } from 'react';
import type { AccountTotalsView, WalletState } from '../../shared/types';
import { formatUsd, shortAddress } from '../format';
import { useLocale, useT } from '../i18n';
import { rpc } from '../rpc';
import { CopyButton } from './CopyButton';
import { Identicon } from './Identicon';
import { RenameAccount } from './RenameAccount';

/** An account's total in USD, or nothing when none of its assets is priced. */
export function AccountTotal({ total }: { total: AccountTotalsView['accounts'][number] | undefined }) {
  const locale = useLocale();
  if (!total?.priced || total.usd === undefined) return null;
  return <span className="account-total" data-testid="account-total" data-usd={String(total.usd)}>{formatUsd(total.usd, locale)}</span>;
}

/**
 * The selected account as a button; opens the list of accounts, each with its total (from the cached balances of
 * every account, no request to a chain) and its EVM and Solana addresses.
 */
export function AccountSwitcher({ state, onError }: { state: WalletState; onError: (e: unknown) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [totals, setTotals] = useState<AccountTotalsView | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    // Totals are extras: a failure leaves the menu as it is.
    rpc.call('getAccountTotals', {}).then((v) => { if (live) setTotals(v); }, () => undefined);
    return () => { live = false; };
  }, [open, state.accounts]);
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => { if (e.key === 'Escape') { setOpen(false); setRenaming(null); } };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [open]);
  const account = state.accounts.find((a) => a.id === state.selectedAccountId) ?? state.accounts[0];
  if (!account) return null;
  return (
    <div className="switcher">
      <button type="button" className="secondary account-button" aria-expanded={open} aria-haspopup="true"
        aria-label={t('switchAccount', { name: account.name })} onClick={() => setOpen(!open)} data-testid="account-switcher">
        <Identicon address={account.evm ?? account.solana ?? account.id} />
        <span className="ellipsis" data-testid="account-name">{account.name}</span>
      </button>
      {open && (
        <ul className="menu" aria-label={t('accounts')}>
          {state.accounts.map((a) => (
            <li key={a.id} className={a.id === account.id ? 'current' : ''}>
              <button type="button" className="plain" aria-current={a.id === account.id}
                onClick={() => { setOpen(false); rpc.call('selectAccount', { id: a.id }).catch(onError); }}>
                <Identicon address={a.evm ?? a.solana ?? a.id} size={28} />
                <span className="ellipsis">{a.name}{a.kind === 'imported' ? ` · ${t('imported')}` : ''}</span>
                <AccountTotal total={totals?.accounts.find((x) => x.accountId === a.id)} />
              </button>
              {renaming === a.id
                ? <RenameAccount id={a.id} name={a.name} onDone={() => setRenaming(null)} />
                : <button type="button" className="link small" aria-label={`${t('rename')} ${a.name}`} onClick={() => setRenaming(a.id)}>{t('rename')}</button>}
              {a.evm && <div className="row small"><span className="tag">EVM</span><span className="mono" title={a.evm} data-testid="evm-short">{shortAddress(a.evm)}</span><CopyButton text={a.evm} label={`${a.name} ${t('evmAddress')}`} /></div>}
              {a.solana && <div className="row small"><span className="tag">SOL</span><span className="mono" title={a.solana} data-testid="solana-short">{shortAddress(a.solana)}</span><CopyButton text={a.solana} label={`${a.name} ${t('solanaAddress')}`} /></div>}
            </li>
          ))}
          {state.hasMnemonic && (
            <li><button type="button" className="secondary" onClick={() => { setOpen(false); rpc.call('addAccount', {}).catch(onError); }}>{t('addAccount')}</button></li>
          )}
        </ul>
      )}
    </div>
  );
}
