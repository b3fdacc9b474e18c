import { useEffect, useState } from 'react';
import type { ActivityView, PortfolioView, SendPreview } from '../../shared/types';
import { ErrorText } from '../components/ErrorText';
import { Loading } from '../components/Status';
import { TxStatus } from '../components/TxStatus';
import { errorText } from '../errorText';
import { useT } from '../i18n';
import { rpc } from '../rpc';
import { assetKey, sendableAssets } from './send/assets';
import { SendForm } from './send/SendForm';
import { SendReview } from './send/SendReview';

/** Send: form → review → status. */
export function Send({ filter, onDone }: { filter: string; onDone: () => void }) {
  const t = useT();
  const [portfolio, setPortfolio] = useState<PortfolioView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<SendPreview | null>(null);
  const [sent, setSent] = useState<ActivityView | null>(null);
  // Back from the review builds afresh: the reviewed draft may be spent (a Confirm that failed, a restarted worker).
  const [round, setRound] = useState(0);
  useEffect(() => { rpc.call('getPortfolio', {}).then(setPortfolio, setError); }, []);
  if (sent) return <main><TxStatus initial={sent} onDone={onDone} /></main>;
  const assets = portfolio ? sendableAssets(portfolio) : [];
  const first = assets.find((a) => filter === 'all' || a.networkId === filter) ?? assets[0];
  return (
    <main>
      {preview && <SendReview preview={preview} onSent={setSent} onBack={() => { setPreview(null); setRound((r) => r + 1); }} />}
      <div hidden={!!preview}>
        <h1>{t('send')}</h1>
        {!portfolio && error === null && <Loading />}
        {error !== null && <ErrorText error={errorText(t, error)} />}
        {!portfolio && <div className="row sticky"><button type="button" className="secondary" onClick={onDone}>{t('cancel')}</button></div>}
        {portfolio && <SendForm assets={assets} initialKey={first?.key ?? assetKey('', '')} round={round} onReview={setPreview} onCancel={onDone} />}
      </div>
    </main>
  );
}
