/**
 * The Solana Wallet Standard wallet. Every feature is a call to the background; the wallet keeps only the accounts
 * the background last reported (base58), as frozen account objects whose getters return copies.
 */
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import type { StandardEventsChangeProperties, StandardEventsListeners } from '@wallet-standard/features';
import type { SolanaSignInInput, SolanaSignTransactionInput, SolanaSignAndSendTransactionInput, SolanaSignMessageInput } from '@solana/wallet-standard-features';
import { base64ToBytes, bytesToBase64 } from '../shared/encoding';
import type { DappEvent } from '../shared/protocol/envelope';
import { base58Decode } from './base58';
import { ICON } from './icon';
import { ProviderRpcError, type Transport } from './transport';

export const SOLANA_CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'] as const;
export const SOLANA_ACCOUNT_FEATURES = ['solana:signTransaction', 'solana:signAndSendTransaction', 'solana:signMessage', 'solana:signIn'] as const;
const SIGN_IN_FIELDS = ['domain', 'address', 'statement', 'uri', 'version', 'chainId', 'nonce', 'issuedAt', 'expirationTime', 'notBefore', 'requestId'] as const;
const chainOf = (input: { chain?: unknown } | undefined): { chain?: string } => (typeof input?.chain === 'string' ? { chain: input.chain } : {});
const SEND_OPTIONS = ['preflightCommitment', 'minContextSlot', 'commitment', 'skipPreflight', 'maxRetries', 'mode'] as const;

type Obj = Record<string, unknown>;
const invalidParams = (what: string) => new ProviderRpcError(-32602, `Invalid params: ${what}`);
const badAnswer = () => new ProviderRpcError(-32603, 'Invalid response from the wallet');
/** The wallet's answer to a request of `n` inputs: exactly `n` answers, in input order. */
const listOf = (r: unknown, n: number): unknown[] => { if (!Array.isArray(r) || r.length !== n) throw badAnswer(); return r; };
const str = (o: unknown, k: string): string => {
  const v = typeof o === 'object' && o !== null ? (o as Obj)[k] : undefined;
  if (typeof v !== 'string') throw badAnswer();
  return v;
};
const b64 = (o: unknown, k: string): Uint8Array => {
  try { return base64ToBytes(str(o, k)); } catch { throw badAnswer(); }
};
function addressOf(input: unknown): string {
  const a = (input as { account?: { address?: unknown } } | null)?.account?.address;
  if (typeof a !== 'string') throw invalidParams('account');
  return a;
}
function bytesOf(input: unknown, k: string): string {
  const v = (input as Obj | null)?.[k];
  if (!(v instanceof Uint8Array)) throw invalidParams(`${k} must be a Uint8Array`);
  return bytesToBase64(v);
}
/** Only the known primitive fields of an options/input object, so nothing else crosses. */
function pick(o: unknown, keys: readonly string[], ok: (v: unknown) => boolean): Obj | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const out: Obj = {};
  for (const k of keys) if (ok((o as Obj)[k])) out[k] = (o as Obj)[k];
  return out;
}
const primitive = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);

export class MeridianSolanaAccount implements WalletAccount {
  #address: string;
  #publicKey: Uint8Array;
  #chains: readonly `${string}:${string}`[];
  /** `chain`: the cluster the wallet signs for now (unknown before connect: every cluster the wallet supports). */
  constructor(address: string, chain?: `${string}:${string}`) {
    const key = base58Decode(address);
    if (key.length !== 32) throw new TypeError('a Solana address is 32 bytes');
    this.#address = address;
    this.#publicKey = key;
    this.#chains = Object.freeze(chain ? [chain] : [...SOLANA_CHAINS]);
    Object.freeze(this);
  }
  get address(): string { return this.#address; }
  get publicKey(): Uint8Array { return this.#publicKey.slice(); }
  /** The account can sign for the selected cluster only (a request for another is refused). */
  get chains(): `${string}:${string}`[] { return [...this.#chains]; }
  get features(): `${string}:${string}`[] { return [...SOLANA_ACCOUNT_FEATURES]; }
}
Object.freeze(MeridianSolanaAccount.prototype);

export class MeridianSolanaWallet implements Wallet {
  #transport: Transport;
  #accounts: MeridianSolanaAccount[] = [];
  #listeners = new Set<StandardEventsListeners['change']>();
  #chain: `${string}:${string}` | undefined;

  constructor(transport: Transport) {
    this.#transport = transport;
    transport.onEvent((e: DappEvent) => {
      if (e.event === 'solana:accountsChanged') this.#setAccounts(e.data);
      if (e.event === 'solana:chainChanged') this.#setChain(e.data);
    });
    Object.freeze(this);
  }

  get version() { return '1.0.0' as const; }
  get name() { return 'Meridian'; }
  get icon() { return ICON; }
  get chains(): `${string}:${string}`[] { return [...SOLANA_CHAINS]; }
  get accounts(): MeridianSolanaAccount[] { return [...this.#accounts]; }
  get features() {
    return Object.freeze({
      'standard:connect': Object.freeze({ version: '1.0.0' as const, connect: this.#connect }),
      'standard:disconnect': Object.freeze({ version: '1.0.0' as const, disconnect: this.#disconnect }),
      'standard:events': Object.freeze({ version: '1.0.0' as const, on: this.#on }),
      'solana:signTransaction': Object.freeze({ version: '1.0.0' as const, supportedTransactionVersions: Object.freeze(['legacy', 0] as const), signTransaction: this.#signTransaction }),
      'solana:signAndSendTransaction': Object.freeze({ version: '1.0.0' as const, supportedTransactionVersions: Object.freeze(['legacy', 0] as const), signAndSendTransaction: this.#signAndSendTransaction }),
      'solana:signMessage': Object.freeze({ version: '1.0.0' as const, signMessage: this.#signMessage }),
      'solana:signIn': Object.freeze({ version: '1.0.0' as const, signIn: this.#signIn }),
    });
  }

  #call(method: string, params: unknown): Promise<unknown> { return this.#transport.request('solana', method, params); }

  /** Replace the accounts (keeping the same objects for unchanged addresses); `change` only when they differ. */
  #setAccounts(addresses: unknown): void {
    if (!Array.isArray(addresses)) return;
    const next: MeridianSolanaAccount[] = [];
    for (const a of addresses) {
      if (typeof a !== 'string' || next.some((x) => x.address === a)) continue;
      try { next.push(this.#accounts.find((x) => x.address === a) ?? new MeridianSolanaAccount(a, this.#chain)); } catch { /* not an address */ }
    }
    if (next.length === this.#accounts.length && next.every((x, i) => x === this.#accounts[i])) return;
    this.#accounts = next;
    this.#emit();
  }

  #emit(): void {
    const change: StandardEventsChangeProperties = Object.freeze({ accounts: this.accounts });
    for (const l of [...this.#listeners]) {
      try { l(change); } catch (e) { console.error(e); }
    }
  }

  /** The user switched clusters: the accounts now name the new one (new objects, as the standard's accounts are values). */
  #setChain(chain: unknown): void {
    if (typeof chain !== 'string' || !/^solana:[A-Za-z0-9]{1,64}$/.test(chain) || chain === this.#chain) return;
    this.#chain = chain as `${string}:${string}`;
    if (this.#accounts.length === 0) return;
    this.#accounts = this.#accounts.map((a) => new MeridianSolanaAccount(a.address, this.#chain));
    this.#emit();
  }

  #on = (event: string, listener: StandardEventsListeners['change']): (() => void) => {
    if (event !== 'change' || typeof listener !== 'function') return () => {};
    const l = (p: StandardEventsChangeProperties) => listener(p); // distinct per subscription
    this.#listeners.add(l);
    return () => { this.#listeners.delete(l); };
  };

  #connect = async (input?: { silent?: boolean }) => {
    const result = await this.#call('solana:connect', input?.silent === true ? { silent: true } : {});
    const accounts = (result as { accounts?: unknown } | null)?.accounts;
    if (!Array.isArray(accounts)) throw badAnswer();
    const chain = (result as { chain?: unknown }).chain;
    if (typeof chain === 'string' && chain !== this.#chain) { this.#chain = chain as `${string}:${string}`; this.#accounts = []; }
    this.#setAccounts(accounts);
    return { accounts: this.accounts };
  };

  #disconnect = async () => {
    await this.#call('solana:disconnect', {});
    this.#setAccounts([]);
  };

  // Several inputs go in one request: the wallet shows them in one window and answers in input order.
  #signTransaction = async (...inputs: SolanaSignTransactionInput[]) => {
    const each = inputs.map((input) => ({
      // No chain from the dapp: the background uses the cluster the user selected (never silently mainnet).
      account: addressOf(input), ...chainOf(input), transaction: bytesOf(input, 'transaction'),
    }));
    if (each.length === 0) return [];
    const answers = each.length === 1 ? [await this.#call('solana:signTransaction', each[0])] : listOf(await this.#call('solana:signTransaction', { inputs: each }), each.length);
    return answers.map((r) => ({ signedTransaction: b64(r, 'signedTransaction') }));
  };

  #signAndSendTransaction = async (...inputs: SolanaSignAndSendTransactionInput[]) => {
    const each = inputs.map((input) => {
      const options = pick(input?.options, SEND_OPTIONS, primitive);
      return { account: addressOf(input), ...chainOf(input), transaction: bytesOf(input, 'transaction'), ...(options ? { options } : {}) };
    });
    if (each.length === 0) return [];
    const answers = each.length === 1 ? [await this.#call('solana:signAndSendTransaction', each[0])] : listOf(await this.#call('solana:signAndSendTransaction', { inputs: each }), each.length);
    return answers.map((r) => {
      let signature: Uint8Array;
      try { signature = base58Decode(str(r, 'signature')); } catch { throw badAnswer(); }
      if (signature.length !== 64) throw badAnswer();
      return { signature };
    });
  };

  #signMessage = async (...inputs: SolanaSignMessageInput[]) => {
    const outputs = [];
    for (const input of inputs) {
      const r = await this.#call('solana:signMessage', { account: addressOf(input), message: bytesOf(input, 'message') });
      outputs.push({ signedMessage: b64(r, 'signedMessage'), signature: b64(r, 'signature') });
    }
    return outputs;
  };

  #signIn = async (...inputs: SolanaSignInInput[]) => {
    const outputs = [];
    for (const input of inputs.length ? inputs : [undefined]) {
      const fields = pick(input, SIGN_IN_FIELDS, (v) => typeof v === 'string');
      const resources = (input as Obj | undefined)?.resources;
      if (fields && Array.isArray(resources)) fields.resources = resources.filter((x) => typeof x === 'string');
      const r = await this.#call('solana:signIn', fields ? { input: fields } : {});
      const address = str(r, 'account');
      if (!this.#accounts.some((a) => a.address === address)) this.#setAccounts([address, ...this.#accounts.map((a) => a.address)]);
      const account = this.#accounts.find((a) => a.address === address);
      if (!account) throw badAnswer();
      outputs.push({ account, signedMessage: b64(r, 'signedMessage'), signature: b64(r, 'signature'), signatureType: 'ed25519' as const });
    }
    return outputs;
  };
}
Object.freeze(MeridianSolanaWallet.prototype);
