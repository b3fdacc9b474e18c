/** solana:signIn: build and sign a Sign-In-With-Solana message, connecting the account if it was not. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToBase64, utf8 } from '../../../../shared/encoding';
import { isValidSolanaAddress } from '../../../../chains/solana/address';
import { InvalidParamsError, UserRejectedError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import { buildSiwsMessage, parseSiws, siwsWarnings } from '../../../dapp/decode/siwe';
import type { DappHandler } from '../context';
import { connectedSolanaAccounts } from './accounts';
import { obj, withSeed } from './util';

/**
 * solana:signIn. No silent oracle: whether the address is in this wallet and whether the wallet is locked never
 * changes what the page sees before the user acts. An address that is not in the wallet still opens the window (with
 * a danger notice; the unlock form first when locked) and ends as a rejection (4001), like a user's "Reject".
 */
export const signIn: DappHandler = async (p, ctx) => {
  const input = obj(obj(p).input);
  const host = new URL(ctx.origin).host;
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  // The wallet writes this message; it names only the site that asks (a page cannot sign in as another domain).
  const domain = str('domain') ?? host;
  if (domain !== host) throw new InvalidParamsError(`The sign-in domain must be this site (${host}), not ${domain.slice(0, 100)}.`);
  if (input.address !== undefined && (typeof input.address !== 'string' || !isValidSolanaAddress(input.address))) {
    throw new InvalidParamsError('address must be a base58 Solana address.');
  }
  // Public metadata only (readable while locked): which accounts exist and which this site may see.
  const known = await ctx.wallet.knownAddresses('solana');
  const granted = (await ctx.permissions.get(ctx.origin, 'solana'))?.accounts.filter((a) => known.addresses.includes(a)) ?? [];
  const address = str('address') ?? granted[0] ?? known.selected;
  if (!address) throw new UserRejectedError('User rejected the request.'); // no wallet at all: nothing to sign with
  const ours = known.addresses.includes(address);
  const text = buildSiwsMessage({
    domain, address, statement: str('statement'), uri: str('uri'), version: str('version'), chainId: str('chainId'),
    nonce: str('nonce'), issuedAt: str('issuedAt'), expirationTime: str('expirationTime'), notBefore: str('notBefore'),
    requestId: str('requestId'), resources: Array.isArray(input.resources) ? input.resources.filter((r): r is string => typeof r === 'string') : undefined,
  });
  const network = await ctx.networks.solana();
  const parsed = parseSiws(text);
  const warnings = [
    ...(ours ? [] : [{ level: 'danger' as const, code: 'account-not-in-wallet', message: 'This site asks to sign in with an account that is not in this wallet. It cannot be signed; the site will be told you declined.' }]),
    ...(parsed ? siwsWarnings(parsed, { origin: ctx.origin, accounts: [address] }) : []),
  ];
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'solana', kind: 'solana-sign-in', network: { id: network.id, name: network.name }, account: address,
    details: { text, siws: parsed, ...(ours ? {} : { notInWallet: true }) }, warnings, createdAt: ctx.now(),
  });
  // After the user's step (which unlocked the wallet if it was locked): the keyring decides.
  const { addresses } = await ctx.wallet.addresses('solana');
  if (!ours || !addresses.includes(address)) throw new UserRejectedError('User rejected the request.');
  const connected = await connectedSolanaAccounts(ctx);
  const message = utf8.encode(text);
  const signature = await withSeed(ctx, address, (seed) => ed25519.sign(message, seed));
  if (!connected.includes(address)) {
    await ctx.permissions.grant(ctx.origin, 'solana', [...connected, address]);
    ctx.emit(ctx.origin, { event: 'solana:accountsChanged', data: [...connected, address] });
  }
  return { account: address, signedMessage: bytesToBase64(message), signature: bytesToBase64(signature) };
};
