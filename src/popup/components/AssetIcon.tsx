import { Identicon } from './Identicon';

/**
 * Icons bundled with the popup (no image is fetched) for the built-in networks and default tokens: our own simple
 * marks (a coloured disc and a glyph), not the projects' logos. Anything else gets the identicon of its address.
 * Decorative: the symbol or network name is always written next to it.
 */
type Mark = { bg: string; fg?: string; glyph: string };

const TOKEN_MARKS: Readonly<Record<string, Mark>> = {
  ETH: { bg: '#627EEA', glyph: 'Ξ' }, WETH: { bg: '#3C3C3D', glyph: 'Ξ' }, SOL: { bg: '#9945FF', glyph: '◎' },
  USDC: { bg: '#2775CA', glyph: '$' }, USDT: { bg: '#26A17B', glyph: '₮' }, USDt: { bg: '#26A17B', glyph: '₮' }, DAI: { bg: '#F5AC37', fg: '#1f2937', glyph: '◈' },
  BNB: { bg: '#F3BA2F', fg: '#1f2937', glyph: 'B' }, WBNB: { bg: '#F3BA2F', fg: '#1f2937', glyph: 'B' }, POL: { bg: '#8247E5', glyph: 'P' },
  WPOL: { bg: '#8247E5', glyph: 'P' }, AVAX: { bg: '#E84142', glyph: 'A' }, WAVAX: { bg: '#E84142', glyph: 'A' },
  PYUSD: { bg: '#0070E0', glyph: 'P' }, wSOL: { bg: '#7C3AED', glyph: '◎' },
  mUSD: { bg: '#64748B', glyph: 'm' }, mWETH: { bg: '#475569', glyph: 'Ξ' }, mUSD22: { bg: '#64748B', glyph: 'm' },
};
const NETWORK_MARKS: Readonly<Record<string, Mark>> = {
  'eip155:1': { bg: '#627EEA', glyph: 'Ξ' }, 'eip155:8453': { bg: '#0052FF', glyph: 'B' }, 'eip155:42161': { bg: '#28A0F0', glyph: 'A' },
  'eip155:10': { bg: '#FF0420', glyph: 'OP' }, 'eip155:137': { bg: '#8247E5', glyph: 'P' }, 'eip155:56': { bg: '#F3BA2F', fg: '#1f2937', glyph: 'B' },
  'eip155:43114': { bg: '#E84142', glyph: 'A' }, 'eip155:11155111': { bg: '#94A3B8', glyph: 'S' }, 'eip155:31337': { bg: '#475569', glyph: 'L' },
  'solana:mainnet': { bg: '#9945FF', glyph: '◎' }, 'solana:devnet': { bg: '#A78BFA', glyph: 'D' }, 'solana:testnet': { bg: '#A78BFA', glyph: 'T' },
  'solana:localnet': { bg: '#6D28D9', glyph: 'L' },
};

function Disc({ mark, size, kind, id }: { mark: Mark; size: number; kind: string; id: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="asset-icon" data-icon={`${kind}:${id}`}>
      <circle cx="12" cy="12" r="12" fill={mark.bg} />
      <text x="12" y="16.5" textAnchor="middle" fontSize={mark.glyph.length > 1 ? 10 : 13} fontWeight="700" fill={mark.fg ?? '#fff'}>{mark.glyph}</text>
    </svg>
  );
}

/** A token's icon: a bundled mark for the default tokens (matched by symbol on a listed token), else its identicon. */
export function TokenIcon({ symbol, address, listed, size = 24 }: { symbol: string; address?: string; listed: boolean; size?: number }) {
  const mark = listed ? TOKEN_MARKS[symbol] : undefined;
  if (mark) return <Disc mark={mark} size={size} kind="token" id={symbol} />;
  return <Identicon address={address ?? symbol} size={size} />;
}

export function NetworkIcon({ networkId, size = 20 }: { networkId: string; size?: number }) {
  const mark = NETWORK_MARKS[networkId];
  return mark ? <Disc mark={mark} size={size} kind="network" id={networkId} /> : <Identicon address={networkId} size={size} />;
}
