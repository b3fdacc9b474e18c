/**
 * The EIP-1193 provider the page sees as `window.ethereum` and through EIP-6963. It holds only the chain id and
 * accounts the background last reported; every request goes to the background, which decides.
 */
import type { DappEvent } from '../shared/protocol/envelope';
import { ProviderRpcError, type Transport } from './transport';

type Listener = (...args: unknown[]) => void;
export type RequestArguments = { readonly method: string; readonly params?: readonly unknown[] | object };
export type ProviderState = { chainId: string; accounts: string[]; isDefaultWallet: boolean; isMetaMask: boolean };

const isHexChainId = (x: unknown): x is `0x${string}` => typeof x === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(x);
const isAccounts = (x: unknown): x is string[] => Array.isArray(x) && x.every((a) => typeof a === 'string');

/** Check `request()`'s argument without sending anything: a coded error, or undefined when it may go. */
export function validateRequestArguments(args: unknown): ProviderRpcError | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return new ProviderRpcError(-32600, 'Invalid request: expected an object { method, params? }');
  const { method, params } = args as { method?: unknown; params?: unknown };
  if (typeof method !== 'string' || method.length === 0 || method.length > 100) return new ProviderRpcError(-32600, 'Invalid request: method must be a non-empty string of at most 100 characters');
  if (params !== undefined && (typeof params !== 'object' || params === null)) return new ProviderRpcError(-32602, 'Invalid params: params must be an array or an object');
  return undefined;
}

export class MeridianEthereumProvider {
  readonly isMeridian = true;
  #transport: Transport;
  #listeners = new Map<string, Listener[]>();
  #chainId: string | null = null;
  /** null until the background said something about accounts (an answer, an event or the seed). */
  #accounts: string[] | null = null;
  /** The user's "appear as MetaMask" setting, as the background reported it when this page loaded. */
  #isMetaMask = false;

  /**
   * Subscribes to the transport's events and asks the background for `meridian_getProviderState` at once;
   * `onState` receives the (shape-checked) answer. A failed call changes nothing.
   */
  constructor(transport: Transport, onState?: (state: ProviderState) => void) {
    this.#transport = transport;
    // Bound so that `const { request } = provider` (which some dapps do) still works.
    Object.defineProperty(this, 'request', { value: this.request.bind(this), enumerable: true });
    // Meridian's own API is pinned on the object (not writable, not configurable: a page cannot replace or shadow a
    // method or flip isMetaMask), but the object stays extensible: dapps written for MetaMask set their own flags on
    // the provider (MetaMask's test dapp: `provider.autoRefreshOnNetworkChange = false`), which a frozen object refuses
    // with a TypeError that stops the dapp's setup.
    for (const key of Object.getOwnPropertyNames(MeridianEthereumProvider.prototype)) {
      if (key === 'constructor' || key === 'request') continue;
      const d = Object.getOwnPropertyDescriptor(MeridianEthereumProvider.prototype, key)!;
      Object.defineProperty(this, key, d.get
        ? { get: d.get.bind(this), enumerable: false, configurable: false }
        : { value: (d.value as (...a: unknown[]) => unknown).bind(this), enumerable: false, writable: false, configurable: false });
    }
    Object.defineProperty(this, 'isMeridian', { value: true, enumerable: true, writable: false, configurable: false });
    transport.onEvent((e) => this.#handleEvent(e));
    transport.request('evm', 'meridian_getProviderState').then((s) => {
      const state = this.#seed(s);
      if (state) onState?.(state);
    }, () => {});
  }

  get chainId(): string | null { return this.#chainId; }
  /** The selected account in lower case, as MetaMask's (the background reports accounts lower-cased). */
  get selectedAddress(): string | null { return this.#accounts?.[0] ?? null; }
  /** True only when the user turned on "Appear as MetaMask" (read once, when the page loads). */
  get isMetaMask(): boolean { return this.#isMetaMask; }
  isConnected(): boolean { return true; }

  async request(args: RequestArguments): Promise<unknown> {
    const invalid = validateRequestArguments(args);
    if (invalid) throw invalid;
    const { method, params } = args;
    const result = await this.#transport.request('evm', method, params);
    if (method === 'eth_chainId' && isHexChainId(result)) this.#chainId = result;
    if ((method === 'eth_accounts' || method === 'eth_requestAccounts') && isAccounts(result)) this.#accounts = [...result];
    return result;
  }

  /** Legacy: same as `eth_requestAccounts`. */
  enable(): Promise<unknown> { return this.request({ method: 'eth_requestAccounts' }); }

  on(event: string, listener: Listener): this {
    if (typeof listener === 'function') this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  addListener(event: string, listener: Listener): this { return this.on(event, listener); }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => { this.removeListener(event, wrapper); listener(...args); };
    return this.on(event, wrapper);
  }
  removeListener(event: string, listener: Listener): this {
    const list = this.#listeners.get(event) ?? [];
    const i = list.lastIndexOf(listener);
    if (i >= 0) this.#listeners.set(event, list.filter((_, j) => j !== i));
    return this;
  }
  off(event: string, listener: Listener): this { return this.removeListener(event, listener); }
  removeAllListeners(event?: string): this {
    if (event === undefined) this.#listeners.clear(); else this.#listeners.delete(event);
    return this;
  }
  listenerCount(event: string): number { return this.#listeners.get(event)?.length ?? 0; }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list?.length) return false;
    for (const listener of list) {
      try { listener(...args); } catch (e) { console.error(e); } // one dapp listener must not starve the others
    }
    return true;
  }

  /** Seed the cache from `meridian_getProviderState`, without overriding what a fresher answer already set. */
  #seed(state: unknown): ProviderState | undefined {
    if (typeof state !== 'object' || state === null) return undefined;
    const { chainId, accounts, isDefaultWallet, isMetaMask } = state as Record<string, unknown>;
    if (!isHexChainId(chainId) || !isAccounts(accounts)) return undefined;
    this.#chainId ??= chainId;
    this.#accounts ??= [...accounts]; // an `accountsChanged []` (lock) that came first is fresher than this seed
    this.#isMetaMask = isMetaMask === true;
    return { chainId, accounts: [...accounts], isDefaultWallet: isDefaultWallet === true, isMetaMask: isMetaMask === true };
  }

  /** A background event for the EVM family → cache update and the EIP-1193 event. */
  #handleEvent(e: DappEvent): void {
    switch (e.event) {
      case 'evm:chainChanged':
        if (!isHexChainId(e.data)) return;
        this.#chainId = e.data;
        this.emit('chainChanged', e.data);
        return;
      case 'evm:accountsChanged':
        if (!isAccounts(e.data)) return;
        this.#accounts = [...e.data];
        this.emit('accountsChanged', [...e.data]);
        return;
      case 'evm:connect':
        if (!isHexChainId(e.data?.chainId)) return;
        this.#chainId = e.data.chainId;
        this.emit('connect', { chainId: e.data.chainId });
        return;
      case 'evm:disconnect': {
        const d = e.data as unknown as { code?: unknown; message?: unknown } | null;
        this.emit('disconnect', new ProviderRpcError(typeof d?.code === 'number' ? d.code : 4900,
          typeof d?.message === 'string' ? d.message : 'Disconnected'));
        return;
      }
    }
  }
}
Object.freeze(MeridianEthereumProvider.prototype);
