/**
 * State of the pinned block, fetched lazily from the user's RPC through the project's RpcTransport (failover, injected
 * fetch), for the in-worker EVM. It reuses @ethereumjs/statemanager's RPCStateManager for caching and checkpoints and
 * replaces only its fetching: RPCStateManager calls `fetch` on a URL itself and reads accounts with eth_getProof, which
 * many public RPCs refuse; here an account is eth_getBalance + eth_getTransactionCount + eth_getCode in one batch.
 */
import { RPCStateManager } from '@ethereumjs/statemanager';
import type { Common } from '@ethereumjs/common';
import {
  Account, Address as EjsAddress, KECCAK256_NULL, KECCAK256_RLP, bytesToHex, createAccount, createAccountFromRLP, hexToBytes,
  unpadBytes,
} from '@ethereumjs/util';
import { keccak256, type Hex } from 'viem';
import { unwrap, type RpcCall, type RpcOutcome, type RpcTransport } from '../../rpcTransport';
import { fromQuantity } from '../hex';

/** Thrown into the EVM when the preview's time budget is spent. */
export class PreviewAborted extends Error {}

export interface StateFetchGuard {
  /** Throws PreviewAborted once the preview has been given up. */
  check(): void;
}

export class TransportStateManager extends RPCStateManager {
  private readonly transport: RpcTransport;
  private readonly tag: Hex;
  private readonly guard: StateFetchGuard;

  constructor(opts: { transport: RpcTransport; blockNumber: bigint; common: Common; guard: StateFetchGuard }) {
    // The URL only satisfies RPCStateManager's constructor check: every method that fetches is overridden below.
    super({ provider: 'http://rpc-transport.invalid', blockTag: opts.blockNumber, common: opts.common });
    this.transport = opts.transport;
    this.tag = `0x${opts.blockNumber.toString(16)}`;
    this.guard = opts.guard;
  }

  /**
   * Loads several accounts (and their code) in one HTTP request, with `extra` calls riding along in the same batch;
   * later reads of those accounts hit the cache. Returns the outcomes of `extra`.
   */
  async prefetch(addresses: readonly EjsAddress[], extra: readonly RpcCall[] = []): Promise<RpcOutcome[]> {
    const missing = addresses.filter((a, i) => this._caches.account?.get(a) === undefined && addresses.findIndex((b) => b.equals(a)) === i);
    if (missing.length === 0 && extra.length === 0) return [];
    this.guard.check();
    const calls = missing.flatMap((a) => {
      const hex = a.toString();
      return [
        { method: 'eth_getBalance', params: [hex, this.tag] },
        { method: 'eth_getTransactionCount', params: [hex, this.tag] },
        { method: 'eth_getCode', params: [hex, this.tag] },
      ];
    });
    const out = await this.transport.batch([...calls, ...extra]);
    this.guard.check();
    missing.forEach((address, i) => {
      const balance = fromQuantity(unwrap(out[3 * i], 'eth_getBalance'), 'balance');
      const nonce = fromQuantity(unwrap(out[3 * i + 1], 'eth_getTransactionCount'), 'nonce');
      const code = unwrap<Hex>(out[3 * i + 2], 'eth_getCode');
      this.remember(address, balance, nonce, code);
    });
    return out.slice(calls.length);
  }

  private remember(address: EjsAddress, balance: bigint, nonce: bigint, code: Hex): Account | undefined {
    const codeBytes = hexToBytes(code);
    this._caches.code?.put(address, codeBytes);
    const account = balance === 0n && nonce === 0n && codeBytes.length === 0
      ? undefined
      : createAccount({ balance, nonce, codeHash: codeBytes.length === 0 ? KECCAK256_NULL : hexToBytes(keccak256(code)), storageRoot: KECCAK256_RLP });
    this._caches.account?.put(address, account);
    return account;
  }

  override async getAccount(address: EjsAddress): Promise<Account | undefined> {
    const cached = this._caches.account?.get(address);
    if (cached !== undefined) return cached.accountRLP !== undefined ? createAccountFromRLP(cached.accountRLP) : undefined;
    await this.prefetch([address]);
    const loaded = this._caches.account?.get(address);
    return loaded?.accountRLP !== undefined ? createAccountFromRLP(loaded.accountRLP) : undefined;
  }

  override async getCode(address: EjsAddress): Promise<Uint8Array> {
    const cached = this._caches.code?.get(address)?.code;
    if (cached !== undefined) return cached;
    this.guard.check();
    const code = await this.transport.request<Hex>('eth_getCode', [address.toString(), this.tag]);
    this.guard.check();
    const bytes = hexToBytes(code);
    this._caches.code?.put(address, bytes);
    return bytes;
  }

  override async getStorage(address: EjsAddress, key: Uint8Array): Promise<Uint8Array> {
    if (key.length !== 32) throw new Error('Storage key must be 32 bytes long');
    const cached = this._caches.storage?.get(address, key);
    if (cached !== undefined) return cached;
    this.guard.check();
    const word = await this.transport.request<Hex>('eth_getStorageAt', [address.toString(), bytesToHex(key), this.tag]);
    this.guard.check();
    // The shortest representation, as the EVM's SSTORE gas rules compare it.
    const value = unpadBytes(hexToBytes(word));
    await this.putStorage(address, key, value);
    return value;
  }

  override shallowCopy(): RPCStateManager {
    throw new Error('TransportStateManager cannot be copied');
  }
}
