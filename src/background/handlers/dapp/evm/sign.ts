/**
 * Message signing: personal_sign, eth_signTypedData_v3/v4, the legacy eth_signTypedData (v1), personal_ecRecover, and
 * withKey (signs with an account's key, then wipes it).
 */
import { isAddress, isHex, recoverMessageAddress, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex } from '../../../../shared/encoding';
import { InvalidParamsError } from '../../../../shared/errors';
import { requireApproved } from '../../../dapp/approvals';
import { decodePersonalMessage, personalSignPayload } from '../../../dapp/decode/personalMessage';
import { parseSiwe, siweWarnings } from '../../../dapp/decode/siwe';
import { decodeTypedData, decodeTypedDataV1, typedDataWarnings } from '../../../dapp/decode/typedData';
import type { DappContext, DappHandler } from '../context';
import { permittedAccount } from './accounts';
import { arr } from './util';
import { evmFactsFor, riskWarnings, storedFacts } from '../../../dapp/riskGlue';

export async function withKey<T>(ctx: DappContext, address: Address, fn: (account: ReturnType<typeof privateKeyToAccount>) => Promise<T>): Promise<T> {
  const key = await ctx.wallet.privateKeyFor('evm', address);
  try {
    return await fn(privateKeyToAccount(`0x${bytesToHex(key)}`));
  } finally {
    key.fill(0);
  }
}

export const personalSign: DappHandler = async (p, ctx) => {
  let [message, address] = arr(p);
  // Some dapps send [address, message]: accept it when the first is an address and the second is not.
  if (typeof message === 'string' && isAddress(message, { strict: false }) && typeof address === 'string' && !isAddress(address, { strict: false })) {
    [message, address] = [address, message];
  }
  if (typeof message !== 'string') throw new InvalidParamsError('The message must be a string.');
  const account = await permittedAccount(ctx, address);
  // Refusals (a message above 64 KiB) before any window; invisible characters become a warning.
  const risk = riskWarnings('personal-sign', { message }, {});
  const network = await ctx.networks.evm();
  const decoded = decodePersonalMessage(message);
  const siwe = decoded.text !== null ? parseSiwe(decoded.text) : null;
  const warnings = [...risk.warnings, ...(siwe ? siweWarnings(siwe, { origin: ctx.origin, chainId: network.chainId, accounts: [account] }) : [])];
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'personal-sign', network: { id: network.id, name: network.name }, account,
    details: { ...decoded, siwe }, warnings, createdAt: ctx.now(),
  });
  return withKey(ctx, account, (a) => a.signMessage({ message: personalSignPayload(message as string) }));
};

export async function signTypedData(params: unknown, ctx: DappContext): Promise<Hex> {
  const [address, data] = arr(params);
  const account = await permittedAccount(ctx, address);
  const network = await ctx.networks.evm();
  const decoded = decodeTypedData(data as string | object);
  // Rules: a domain chainId other than the current chain is refused (-32602, as MetaMask); permits, Permit2 and
  // marketplace orders are read by structure, with the spender's code and ERC-165 facts from the user's RPC.
  const input = { data: decoded.raw, account };
  const facts = await evmFactsFor(ctx, ctx.networks.transport(network), 'typed-data', input,
    { ...(await storedFacts(ctx)), evmChainId: network.chainId });
  const { warnings } = riskWarnings('typed-data', input, facts, typedDataWarnings(decoded, { chainId: network.chainId, origin: ctx.origin }));
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'typed-data', network: { id: network.id, name: network.name }, account,
    details: { primaryType: decoded.primaryType, domain: decoded.domain, message: decoded.message }, warnings, createdAt: ctx.now(),
  });
  const raw = decoded.raw as { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string; message: Record<string, unknown> };
  return withKey(ctx, account, (a) => a.signTypedData({ domain: raw.domain, types: raw.types, primaryType: raw.primaryType, message: raw.message } as never));
}

/**
 * eth_signTypedData (legacy v1): params [typedDataArray, address], as MetaMask. Same rules as v3/v4: a connected
 * account, values checked by the typed-data decoder, the risk rules, a window that shows each name, type and value;
 * signed over eth-sig-util's typedSignatureHash (SignTypedDataVersion.V1).
 */
export async function signTypedDataV1(params: unknown, ctx: DappContext): Promise<Hex> {
  const [data, address] = arr(params);
  const account = await permittedAccount(ctx, address);
  const network = await ctx.networks.evm();
  const decoded = decodeTypedDataV1(data);
  const input = { data: decoded.asStruct, account };
  const facts = await evmFactsFor(ctx, ctx.networks.transport(network), 'typed-data', input,
    { ...(await storedFacts(ctx)), evmChainId: network.chainId });
  const { warnings } = riskWarnings('typed-data', input, facts);
  await requireApproved(ctx, {
    origin: ctx.origin, family: 'evm', kind: 'typed-data', network: { id: network.id, name: network.name }, account,
    details: { version: 'v1', message: decoded.message }, warnings, createdAt: ctx.now(),
  });
  return withKey(ctx, account, (a) => a.sign({ hash: decoded.hash }));
}

/**
 * personal_ecRecover: params [message, signature] → the signer's address in lower case (eth-sig-util's
 * recoverPersonalSignature, as MetaMask answers). No window, no connection needed: it uses no key. The message is read
 * as personal_sign reads it (0x-hex bytes, otherwise UTF-8 text).
 */
export const personalEcRecover: DappHandler = async (p) => {
  const [message, signature] = arr(p);
  if (typeof message !== 'string') throw new InvalidParamsError('The message must be a string.');
  if (typeof signature !== 'string' || !isHex(signature) || signature.length !== 132) {
    throw new InvalidParamsError('The signature must be 65 bytes of 0x-prefixed hex.');
  }
  try {
    return (await recoverMessageAddress({ message: personalSignPayload(message), signature })).toLowerCase();
  } catch {
    throw new InvalidParamsError('The signature is not valid.');
  }
};
