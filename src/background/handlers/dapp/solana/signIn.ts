/** solana:signIn: build and sign a Sign-In-With-Solana message, connecting the account if it was not. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToBase64, utf8 } from '../../../../shared/encoding';
import { InvalidParamsError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import { buildSiwsMessage, parseSiws, siwsWarnings } from '../../../dapp/decode/siwe';
import type { DappHandler } from '../context';
import { connectedSolanaAccounts } from './accounts';
import { obj, withSeed } from './util';

export const signIn: DappHandler = async (p, ctx) => {
  const input = obj(obj(p).input);
  const host = new URL(ctx.origin).host;
  const connected = await connectedSolanaAccounts(ctx);
  const { addresses, selected } = await ctx.wallet.addresses('solana');
  const address = typeof input.address === 'string' ? input.address : (connected[0] ?? selected);
  if (!address || !addresses.includes(address)) throw new InvalidParamsError('No such account in this wallet.');
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  // The wallet writes this message; it names only the site that asks (a page cannot sign in as another domain).
  const domain = str('domain') ?? host;
  if (domain !== host) throw new InvalidParamsError(`The sign-in domain must be this site (${host}), not ${domain.slice(0, 100)}.`);
  const text = buildSiwsMessage({
    domain, address, statement: str('statement'), uri: str('uri'), version: str('version'), chainId: str('chainId'),
    nonce: str('nonce'), issuedAt: str('issuedAt'), expirationTime: str('expirationTime'), notBefore: str('notBefore'),
    requestId: str('requestId'), resources: Array.isArray(input.resources) ? input.resources.filter((r): r is string => typeof r === 'string') : undefined,
  });
  const network = await ctx.networks.solana();
  const parsed = parseSiws(text);
  const warnings = parsed ? siwsWarnings(parsed, { origin: ctx.origin, accounts: [address] }) : [];
  requireApproved(await ctx.approvals.request({
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-in', network: { id: network.id, name: network.name }, account: address,
    details: { text, siws: parsed }, warnings, createdAt: ctx.now(),
  }));
  const message = utf8.encode(text);
  const signature = await withSeed(ctx, address, (seed) => ed25519.sign(message, seed));
  if (!connected.includes(address)) {
    await ctx.permissions.grant(ctx.origin, 'solana', [...connected, address]);
    ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: [...connected, address] });
  }
  return { account: address, signedMessage: bytesToBase64(message), signature: bytesToBase64(signature) };
};
