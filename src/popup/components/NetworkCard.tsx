import type { NetworkPortfolio } from '../../shared/types';
import { errorText } from '../errorText';
import { fiatValue, formatAge, formatUsd } from '../format';
import { useLocale, useT } from '../i18n';
import { Amount } from './Amount';
import { NetworkIcon, TokenIcon } from './AssetIcon';

export const STALE_AFTER_MS = 60_000;
/** RpcUnavailableError: every RPC URL of the network failed. */
const OFFLINE_CODE = 1104;

/** One network's balances: native first, then tokens; last known values with their age and a short error. */
export function NetworkCard({ net, refreshing, now, showFiat }: { net: NetworkPortfolio; refreshing: boolean; now: number; showFiat: boolean }) {
  const t = useT();
  const locale = useLocale();
  const stale = net.at !== null && now - net.at > STALE_AFTER_MS;
  const offline = net.error?.code === OFFLINE_CODE;
  return (
    <section className="card network" aria-label={net.name} data-testid="network-card" data-network={net.networkId}>
      <div className="row between">
        <h2 className="ellipsis"><NetworkIcon networkId={net.networkId} /> {net.name}</h2>
        {refreshing && <span className="hint" role="status" data-testid="refreshing"><span className="spinner" aria-hidden="true" /> {t('refreshing')}</span>}
      </div>
      {net.error && (
        // 1104 = no RPC URL of the network answered: say "offline" plainly; the balances below are the cached ones.
        <div className="error small" role="alert" data-testid="network-error" data-offline={offline ? 'true' : undefined}>
          {offline
            ? t(net.at === null ? 'networkOfflineNoData' : 'networkOffline')
            : t(net.at === null ? 'networkFailedNoData' : 'networkFailed', { reason: net.error.code === 1103 ? t('errWrongNetworkRpc') : errorText(t, net.error).replace(/[.。]$/, '') })}
        </div>
      )}
      {net.at === null && !refreshing && !net.error && <p className="hint">{t('notLoaded')}</p>}
      {(stale || (net.error && net.at !== null)) && <p className="hint" data-testid="data-age">{t('updatedAgo', { age: formatAge(net.at!, now, locale) })}</p>}
      <ul className="assets">
        {net.assets.filter((a) => !a.token || (a.amount !== null && a.amount !== '0')).map((a) => (
          <li key={a.token ?? 'native'} className="asset" data-testid="asset" data-symbol={a.symbol} data-token={a.token ?? ''}>
            <TokenIcon symbol={a.symbol} address={a.token ?? net.networkId} listed={!a.token || a.builtin === true} />
            <span className="asset-name"><strong className="ellipsis">{a.symbol}</strong><span className="hint ellipsis">{a.name}</span></span>
            <span className="asset-amount">
              {a.amount === null ? <span className="hint">—</span> : <Amount value={a.amount} decimals={a.decimals} symbol={a.symbol} testid="asset-amount" />}
              {showFiat && a.amount !== null && a.priceUsd !== undefined && <span className="hint fiat">{formatUsd(fiatValue(a.amount, a.decimals, a.priceUsd), locale)}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
