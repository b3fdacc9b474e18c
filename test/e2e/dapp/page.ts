/**
 * The test dapp page: discovers the wallet with real dapp-side libraries (mipd for EIP-6963, @wallet-standard/app
 * for Solana, viem over the EIP-1193 provider) and exposes `window.dapp` for Playwright. Every async method
 * returns `{ result }` or `{ error: { code, message, data? } }` and never throws across `page.evaluate`.
 */
import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import bs58 from 'bs58';
import { createStore, type EIP6963ProviderDetail } from 'mipd';
import { createPublicClient, createWalletClient, custom, type Address, type EIP1193Provider, type Hex } from 'viem';
import { hardhat } from 'viem/chains';
import { connect as wagmiConnect, createConfig as wagmiConfig, injected, sendCalls as wagmiSendCalls, waitForCallsStatus as wagmiWaitForCallsStatus } from '@wagmi/core';

export type Outcome<T> = { result: T } | { error: { code: number | null; message: string; data?: unknown } };
export type ProviderInfo = { uuid: string; name: string; rdns: string; icon: string };
export type ProviderEvent = { name: 'connect' | 'disconnect' | 'chainChanged' | 'accountsChanged' | 'message'; payload: unknown };
export type SolanaWalletInfo = { name: string; version: string; icon: string; chains: string[]; features: string[]; accounts: string[];
  accountFeatures: string[][]; supportedTransactionVersions: unknown[] };
export type SolanaChain = 'solana:mainnet' | 'solana:devnet' | 'solana:testnet' | 'solana:localnet';

export type DappApi = {
  /** Resolves once both the EIP-6963 provider (rdns contains 'meridian') and the 'Meridian' Standard wallet are found, or at the timeout. */
  waitForWallets(timeoutMs?: number): Promise<{ evm: boolean; solana: boolean }>;
  /** Every EIP-6963 announcement mipd saw (all wallets). */
  eip6963Providers(): ProviderInfo[];
  /** The Meridian EIP-6963 provider's info, or null. */
  evmProvider(): (ProviderInfo & { isMeridian: boolean; isMetaMask: boolean; isWindowEthereum: boolean }) | null;
  /** What is at window.ethereum now. `marker` is `isOtherWallet` of the fake wallet on /other-wallet.html. */
  windowEthereum(): { defined: boolean; isMeridian: boolean; isOtherWallet: boolean; sameAsEip6963: boolean;
    descriptor: { configurable: boolean; writable: boolean; enumerable: boolean; hasGetter: boolean } | null };
  /** The provider's cached active account (`selectedAddress`), or null. */
  evmSelectedAddress(): string | null;
  /** A raw EIP-1193 request through the EIP-6963 provider. */
  request(method: string, params?: unknown): Promise<Outcome<unknown>>;
  /** A raw request with any argument at all (to test argument validation). */
  requestRaw(arg: unknown): Promise<Outcome<unknown>>;
  /** Every provider event, in order (disconnect payload as `{ code, message }`). */
  events: ProviderEvent[];
  clearEvents(): void;
  // viem, over `custom(provider)`
  evmRequestAddresses(): Promise<Outcome<Address[]>>;
  evmAddresses(): Promise<Outcome<Address[]>>;
  evmChainId(): Promise<Outcome<number>>;
  evmSwitchChain(chainId: number): Promise<Outcome<null>>;
  evmSignMessage(message: string, account?: Address): Promise<Outcome<{ address: Address; signature: Hex }>>;
  evmSignTypedData(typedData: unknown, account?: Address): Promise<Outcome<{ address: Address; signature: Hex }>>;
  /** `value` in wei as a decimal string. */
  evmSendTransaction(tx: { to: Address; value?: string; data?: Hex; account?: Address }): Promise<Outcome<Hex>>;
  evmGetBalance(address: Address): Promise<Outcome<string>>;
  evmWaitForReceipt(hash: Hex): Promise<Outcome<{ status: string; blockNumber: string }>>;
  // EIP-5792 (chain: the dev chain, 31337). viem's sendCalls / waitForCallsStatus, or @wagmi/core's over an injected connector.
  evmSendCalls(calls: BatchCall[], opts?: { id?: string; forceAtomic?: boolean; via?: 'viem' | 'wagmi' }): Promise<Outcome<{ id: string }>>;
  evmWaitForCallsStatus(id: string, via?: 'viem' | 'wagmi'): Promise<Outcome<CallsStatus>>;
  // Solana Wallet Standard (`chain` defaults to 'solana:localnet'; `address` to the first account)
  solanaWallet(): SolanaWalletInfo | null;
  solanaAccounts(): string[];
  solanaConnect(silent?: boolean): Promise<Outcome<{ accounts: string[] }>>;
  solanaDisconnect(): Promise<Outcome<null>>;
  solanaSignMessage(text: string, address?: string): Promise<Outcome<{ address: string; signedMessage: string; signature: string }>>;
  solanaSignMessageBytes(base64: string): Promise<Outcome<{ address: string; signedMessage: string; signature: string }>>;
  /** signMessage for `address` with an account object the page made itself (as a page that was never given the account would). */
  solanaSignMessageAs(text: string, address: string): Promise<Outcome<{ address: string; signedMessage: string; signature: string }>>;
  solanaSignTransaction(base64Tx: string, chain?: SolanaChain, address?: string): Promise<Outcome<{ signedTransaction: string }>>;
  solanaSignAndSend(base64Tx: string, chain?: SolanaChain, options?: Record<string, unknown>, address?: string): Promise<Outcome<{ signature: string }>>;
  /** Several transactions in one signAndSendTransaction call (one window); the signatures in input order. */
  solanaSignAndSendMany(base64Txs: string[], chain?: SolanaChain): Promise<Outcome<string[]>>;
  /** The chains each connected account names (the selected cluster). */
  solanaAccountChains(): string[][];
  solanaSignIn(input?: Record<string, unknown>): Promise<Outcome<{ address: string; signedMessage: string; signature: string; signatureType: string | null }>>;
  /** Every Standard `change` event: the account addresses after it. */
  solanaEvents: Array<{ accounts: string[] | null }>;
};

type Feature<F> = F & { version: string };
/** `value` in wei as a decimal string. */
export type BatchCall = { to: Address; value?: string; data?: Hex };
export type CallsStatus = { status: string | undefined; statusCode: number; atomic: boolean; chainId: number; version: string;
  receipts: Array<{ transactionHash: Hex; status: string; blockNumber: string; gasUsed: string }> };
type Rpc = EIP1193Provider & { isMeridian?: boolean; on(e: string, l: (x: unknown) => void): unknown };

const b64 = (b: Uint8Array) => { let s = ''; for (const x of b) s += String.fromCharCode(x); return btoa(s); };
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function errorOf(e: unknown): { code: number | null; message: string; data?: unknown } {
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur; i++) { // viem wraps provider errors; find the first coded one
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'number') {
      const data = (cur as { data?: unknown }).data;
      const message = String((cur as { shortMessage?: unknown; message?: unknown }).message ?? '');
      return data === undefined ? { code: c, message } : { code: c, message, data: JSON.parse(JSON.stringify(data)) as unknown };
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return { code: null, message: e instanceof Error ? e.message : String(e) };
}
async function outcome<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
  try { return { result: await fn() }; } catch (e) { return { error: errorOf(e) }; }
}

const store = createStore();
const isMeridian = (d: EIP6963ProviderDetail) => d.info.rdns.toLowerCase().includes('meridian');
const meridianDetail = () => store.getProviders().find(isMeridian);
const wallets = getWallets();
const meridianWallet = () => wallets.get().find((w) => w.name === 'Meridian');

const events: ProviderEvent[] = [];
const solanaEvents: Array<{ accounts: string[] | null }> = [];
let watchedProvider: unknown;
let watchedWallet: unknown;
function watch(): void {
  const d = meridianDetail();
  if (d && watchedProvider !== d.provider) {
    watchedProvider = d.provider;
    const p = d.provider as Rpc;
    for (const name of ['connect', 'disconnect', 'chainChanged', 'accountsChanged', 'message'] as const) {
      p.on(name, (payload: unknown) => events.push({ name, payload: name === 'disconnect' ? errorOf(payload) : JSON.parse(JSON.stringify(payload ?? null)) }));
    }
  }
  const w = meridianWallet();
  if (w && watchedWallet !== w) {
    watchedWallet = w;
    const on = (w.features['standard:events'] as Feature<{ on(e: 'change', l: (p: { accounts?: readonly WalletAccount[] }) => void): () => void }> | undefined)?.on;
    on?.('change', (p) => solanaEvents.push({ accounts: p.accounts ? p.accounts.map((a) => a.address) : null }));
  }
}
store.subscribe(watch, { emitImmediately: true });
wallets.on('register', watch);
watch();

function provider(): Rpc {
  const d = meridianDetail();
  if (!d) throw Object.assign(new Error('no Meridian EIP-6963 provider'), { code: null });
  return d.provider as Rpc;
}
const walletClient = () => createWalletClient({ transport: custom(provider()) });
const publicClient = () => createPublicClient({ transport: custom(provider()) });
async function evmAccount(account?: Address): Promise<Address> {
  if (account) return account;
  const [first] = await walletClient().getAddresses();
  if (!first) throw new Error('no EVM account: connect first');
  return first;
}
function solana(): Wallet {
  const w = meridianWallet();
  if (!w) throw new Error('no Meridian Standard wallet');
  return w;
}
function feature<F>(name: string): Feature<F> {
  const f = solana().features[name as `${string}:${string}`];
  if (!f) throw new Error(`the wallet lacks ${name}`);
  return f as Feature<F>;
}
function solanaAccount(address?: string): WalletAccount {
  const a = address ? solana().accounts.find((x) => x.address === address) : solana().accounts[0];
  if (!a) throw new Error('no Solana account: connect first');
  return a;
}

const batchCalls = (calls: BatchCall[]) => calls.map((c) => ({ to: c.to, ...(c.value !== undefined ? { value: BigInt(c.value) } : {}), ...(c.data ? { data: c.data } : {}) }));
let wagmi: ReturnType<typeof makeWagmi> | undefined;
function makeWagmi() {
  const p = provider();
  const config = wagmiConfig({
    chains: [hardhat], transports: { [hardhat.id]: custom(p) }, storage: null,
    connectors: [injected({ target: () => ({ id: 'meridian', name: 'Meridian', provider: p as never }) })],
  });
  return { config, connected: wagmiConnect(config, { connector: config.connectors[0]! }) };
}
async function wagmiReady() {
  wagmi ??= makeWagmi();
  await wagmi.connected;
  return wagmi.config;
}
const statusOf = (s: { status: string | undefined; statusCode: number; atomic: boolean; chainId: number; version: string; receipts?: Array<{ transactionHash: Hex; status: string; blockNumber: bigint; gasUsed: bigint }> }): CallsStatus => ({
  status: s.status, statusCode: s.statusCode, atomic: s.atomic, chainId: s.chainId, version: s.version,
  receipts: (s.receipts ?? []).map((r) => ({ transactionHash: r.transactionHash, status: r.status, blockNumber: r.blockNumber.toString(), gasUsed: r.gasUsed.toString() })),
});

const dapp: DappApi = {
  waitForWallets(timeoutMs = 10_000) {
    const state = () => ({ evm: !!meridianDetail(), solana: !!meridianWallet() });
    return new Promise((resolve) => {
      const done = () => { const s = state(); if (s.evm && s.solana) { cleanup(); resolve(s); } };
      const timer = setTimeout(() => { cleanup(); resolve(state()); }, timeoutMs);
      const offStore = store.subscribe(done);
      const offWallets = wallets.on('register', done);
      function cleanup() { clearTimeout(timer); offStore(); offWallets(); }
      done();
    });
  },
  eip6963Providers: () => store.getProviders().map(({ info }) => ({ uuid: info.uuid, name: info.name, rdns: info.rdns, icon: info.icon })),
  evmProvider() {
    const d = meridianDetail();
    if (!d) return null;
    const p = d.provider as Rpc;
    return { uuid: d.info.uuid, name: d.info.name, rdns: d.info.rdns, icon: d.info.icon, isMeridian: p.isMeridian === true,
      isMetaMask: (p as { isMetaMask?: unknown }).isMetaMask === true, isWindowEthereum: (window as { ethereum?: unknown }).ethereum === p };
  },
  windowEthereum() {
    const eth = (window as { ethereum?: { isMeridian?: unknown; isOtherWallet?: unknown } }).ethereum;
    const desc = Object.getOwnPropertyDescriptor(window, 'ethereum');
    return {
      defined: eth !== undefined, isMeridian: eth?.isMeridian === true, isOtherWallet: eth?.isOtherWallet === true,
      sameAsEip6963: eth !== undefined && eth === meridianDetail()?.provider,
      descriptor: desc ? { configurable: !!desc.configurable, writable: !!desc.writable, enumerable: !!desc.enumerable, hasGetter: !!desc.get } : null,
    };
  },
  evmSelectedAddress: () => (meridianDetail()?.provider as { selectedAddress?: string | null } | undefined)?.selectedAddress ?? null,
  request: (method, params) => outcome(() => provider().request({ method, params } as never) as Promise<unknown>),
  requestRaw: (arg) => outcome(() => provider().request(arg as never) as Promise<unknown>),
  events,
  clearEvents() { events.length = 0; solanaEvents.length = 0; },
  evmRequestAddresses: () => outcome(() => walletClient().requestAddresses()),
  evmAddresses: () => outcome(() => walletClient().getAddresses()),
  evmChainId: () => outcome(() => walletClient().getChainId()),
  evmSwitchChain: (id) => outcome(async () => { await walletClient().switchChain({ id }); return null; }),
  evmSignMessage: (message, account) => outcome(async () => {
    const address = await evmAccount(account);
    return { address, signature: await walletClient().signMessage({ account: address, message }) };
  }),
  evmSignTypedData: (typedData, account) => outcome(async () => {
    const address = await evmAccount(account);
    return { address, signature: await walletClient().signTypedData({ ...(typedData as object), account: address } as never) };
  }),
  evmSendTransaction: ({ to, value, data, account }) => outcome(async () => walletClient().sendTransaction({
    account: await evmAccount(account), chain: null, to, ...(value !== undefined ? { value: BigInt(value) } : {}), ...(data ? { data } : {}),
  })),
  evmGetBalance: (address) => outcome(async () => (await publicClient().getBalance({ address })).toString()),
  evmWaitForReceipt: (hash) => outcome(async () => {
    const r = await publicClient().waitForTransactionReceipt({ hash, pollingInterval: 200 });
    return { status: r.status, blockNumber: r.blockNumber.toString() };
  }),
  evmSendCalls: (calls, opts = {}) => outcome(async () => {
    if (opts.via === 'wagmi') return wagmiSendCalls(await wagmiReady(), { calls: batchCalls(calls), ...(opts.id ? { id: opts.id } : {}), ...(opts.forceAtomic ? { forceAtomic: true } : {}) });
    return walletClient().sendCalls({ account: await evmAccount(), chain: hardhat, calls: batchCalls(calls), ...(opts.id ? { id: opts.id } : {}), ...(opts.forceAtomic ? { forceAtomic: true } : {}) });
  }),
  evmWaitForCallsStatus: (id, via = 'viem') => outcome(async () => statusOf(via === 'wagmi'
    ? await wagmiWaitForCallsStatus(await wagmiReady(), { id, pollingInterval: 200, timeout: 30_000 })
    : await walletClient().waitForCallsStatus({ id, pollingInterval: 200, timeout: 30_000 }))),
  solanaWallet() {
    const w = meridianWallet();
    if (!w) return null;
    const signTx = w.features['solana:signTransaction'] as { supportedTransactionVersions?: unknown[] } | undefined;
    return { name: w.name, version: w.version, icon: w.icon, chains: [...w.chains], features: Object.keys(w.features),
      accounts: w.accounts.map((a) => a.address), accountFeatures: w.accounts.map((a) => [...a.features]),
      supportedTransactionVersions: [...(signTx?.supportedTransactionVersions ?? [])] };
  },
  solanaAccounts: () => meridianWallet()?.accounts.map((a) => a.address) ?? [],
  solanaConnect: (silent) => outcome(async () => {
    const { connect } = feature<{ connect(i?: { silent?: boolean }): Promise<{ accounts: readonly WalletAccount[] }> }>('standard:connect');
    const { accounts } = await connect(silent === undefined ? undefined : { silent });
    return { accounts: accounts.map((a) => a.address) };
  }),
  solanaDisconnect: () => outcome(async () => { await feature<{ disconnect(): Promise<void> }>('standard:disconnect').disconnect(); return null; }),
  solanaSignMessage: (text, address) => signMessageOf(new TextEncoder().encode(text), address),
  solanaSignMessageBytes: (base64) => signMessageOf(unb64(base64)),
  solanaSignMessageAs: (text, address) => signMessageOf(new TextEncoder().encode(text), address, true),
  solanaSignTransaction: (base64Tx, chain = 'solana:localnet', address) => outcome(async () => {
    const { signTransaction } = feature<{ signTransaction(i: { account: WalletAccount; transaction: Uint8Array; chain: string }): Promise<Array<{ signedTransaction: Uint8Array }>> }>('solana:signTransaction');
    const [out] = await signTransaction({ account: solanaAccount(address), transaction: unb64(base64Tx), chain });
    if (!out) throw new Error('no output');
    return { signedTransaction: b64(out.signedTransaction) };
  }),
  solanaSignAndSend: (base64Tx, chain = 'solana:localnet', options, address) => outcome(async () => {
    const { signAndSendTransaction } = feature<{ signAndSendTransaction(i: { account: WalletAccount; transaction: Uint8Array; chain: string; options?: object }): Promise<Array<{ signature: Uint8Array }>> }>('solana:signAndSendTransaction');
    const [out] = await signAndSendTransaction({ account: solanaAccount(address), transaction: unb64(base64Tx), chain, ...(options ? { options } : {}) });
    if (!out) throw new Error('no output');
    return { signature: bs58.encode(out.signature) };
  }),
  solanaSignAndSendMany: (base64Txs, chain = 'solana:localnet') => outcome(async () => {
    const { signAndSendTransaction } = feature<{ signAndSendTransaction(...i: Array<{ account: WalletAccount; transaction: Uint8Array; chain: string }>): Promise<Array<{ signature: Uint8Array }>> }>('solana:signAndSendTransaction');
    const outs = await signAndSendTransaction(...base64Txs.map((tx) => ({ account: solanaAccount(), transaction: unb64(tx), chain })));
    return outs.map((o) => bs58.encode(o.signature));
  }),
  solanaAccountChains: () => meridianWallet()?.accounts.map((a) => [...a.chains]) ?? [],
  solanaSignIn: (input) => outcome(async () => {
    const { signIn } = feature<{ signIn(...i: object[]): Promise<Array<{ account: WalletAccount; signedMessage: Uint8Array; signature: Uint8Array; signatureType?: string }>> }>('solana:signIn');
    const [out] = await (input ? signIn(input) : signIn());
    if (!out) throw new Error('no output');
    return { address: out.account.address, signedMessage: b64(out.signedMessage), signature: b64(out.signature), signatureType: out.signatureType ?? null };
  }),
  solanaEvents,
};

(window as unknown as { dapp: DappApi }).dapp = dapp;

function signMessageOf(message: Uint8Array, address?: string, forged = false) {
  return outcome(async () => {
    const account: WalletAccount = forged && address
      ? { address, publicKey: bs58.decode(address), chains: ['solana:localnet'], features: ['solana:signMessage'] }
      : solanaAccount(address);
    const { signMessage } = feature<{ signMessage(i: { account: WalletAccount; message: Uint8Array }): Promise<Array<{ signedMessage: Uint8Array; signature: Uint8Array }>> }>('solana:signMessage');
    const [out] = await signMessage({ account, message });
    if (!out) throw new Error('no output');
    return { address: account.address, signedMessage: b64(out.signedMessage), signature: b64(out.signature) };
  });
}

// index.html?frame=<url> embeds that URL (the cross-origin iframe test).
const frame = new URLSearchParams(location.search).get('frame');
if (frame) {
  const add = () => { const f = document.createElement('iframe'); f.src = frame; f.id = 'frame'; document.body.append(f); };
  if (document.body) add(); else document.addEventListener('DOMContentLoaded', add);
}
