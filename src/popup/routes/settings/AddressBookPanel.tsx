import { useEffect, useId, useState } from 'react';
import type { AddressBookEntry } from '../../../shared/types';
import { ErrorText } from '../../components/ErrorText';
import { Loading } from '../../components/Status';
import { errorText } from '../../errorText';
import { useT } from '../../i18n';
import { rpc } from '../../rpc';

export function AddressBookPanel() {
  const t = useT();
  const id = useId();
  const [list, setList] = useState<AddressBookEntry[] | null>(null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = () => rpc.call('listAddressBook', {}).then(setList, setError);
  useEffect(() => { void load(); }, []);
  return (
    <section className="card" aria-label={t('addressBook')}>
      <h1>{t('addressBook')}</h1>
      {list === null && error === null && <Loading />}
      {list?.length === 0 && <p className="hint">{t('addressBookEmpty')}</p>}
      <ul className="plain-list">
        {list?.map((e) => (
          <li key={e.id} className="row between" data-testid="contact">
            <span className="grow"><strong className="ellipsis">{e.name}</strong><span className="mono small">{e.address}</span></span>
            <button type="button" className="secondary" aria-label={`${t('remove')} ${e.name}`} onClick={() => rpc.call('removeAddressBookEntry', { id: e.id }).then(load, setError)}>{t('remove')}</button>
          </li>
        ))}
      </ul>
      {/* The fields are read-only while saving: clearing them afterwards must not wipe what was typed meanwhile. */}
      <form onSubmit={(e) => {
        e.preventDefault(); setError(null); setBusy(true);
        rpc.call('saveAddressBookEntry', { name, address }).then(() => { setName(''); setAddress(''); return load(); }, setError).finally(() => setBusy(false));
      }}>
        <label htmlFor={`${id}-n`}>{t('contactName')}</label>
        <input id={`${id}-n`} value={name} maxLength={40} readOnly={busy} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-a`}>{t('address')}</label>
        <input id={`${id}-a`} value={address} readOnly={busy} onChange={(e) => setAddress(e.target.value)} spellCheck={false} autoComplete="off" />
        <ErrorText error={error !== null ? errorText(t, error) : null} />
        <button type="submit" disabled={busy || !name.trim() || !address.trim()}>{t('addContact')}</button>
      </form>
    </section>
  );
}
