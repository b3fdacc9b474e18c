// Bundled icons (issue 11, item 5): the built-in networks and default tokens get their bundled mark; a token the user
// added gets its address's identicon even when it claims a known symbol (a fake "USDC" never wears USDC's mark).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NetworkIcon, TokenIcon } from '../../../src/popup/components/AssetIcon';
import { BUILTIN_NETWORKS } from '../../../src/chains/networks';
import { DEFAULT_TOKENS } from '../../../src/chains/tokens';

const html = (el: ReturnType<typeof createElement>) => renderToStaticMarkup(el);

describe('bundled icons', () => {
  it('every built-in network and every default token has its own mark', () => {
    for (const n of BUILTIN_NETWORKS) expect(html(createElement(NetworkIcon, { networkId: n.id })), n.id).toContain(`data-icon="network:${n.id}"`);
    for (const [net, tokens] of Object.entries(DEFAULT_TOKENS)) {
      for (const t of tokens) expect(html(createElement(TokenIcon, { symbol: t.symbol, address: t.address, listed: true })), `${net} ${t.symbol}`).toContain(`data-icon="token:${t.symbol}"`);
    }
    for (const sym of ['ETH', 'SOL', 'BNB', 'POL', 'AVAX']) expect(html(createElement(TokenIcon, { symbol: sym, listed: true }))).toContain(`data-icon="token:${sym}"`);
  });

  it('an added token claiming a known symbol, or an unknown one, gets the identicon of its address', () => {
    const fake = html(createElement(TokenIcon, { symbol: 'USDC', address: '0x1234567890123456789012345678901234567890', listed: false }));
    expect(fake).not.toContain('data-icon=');
    expect(fake).toContain('data-address="0x1234567890123456789012345678901234567890"');
    expect(html(createElement(NetworkIcon, { networkId: 'eip155:999' }))).toContain('data-address="eip155:999"');
    expect(html(createElement(TokenIcon, { symbol: 'ZZZ', address: 'Mint111', listed: true }))).toContain('data-address="Mint111"');
  });
});
