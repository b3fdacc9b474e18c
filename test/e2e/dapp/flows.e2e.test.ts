/**
 * Dapp flows end to end: a test page on 127.0.0.1 finds Meridian with mipd and @wallet-standard/app, talks
 * through viem's custom transport, and every connect / signature / transaction goes through the approval
 * window. Signatures are verified with independent libraries (viem, tweetnacl); transfers are read back from
 * the local chains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, encodeFunctionData, erc20Abi, http, parseEther, verifyMessage, verifyTypedData, type Address, type Hex } from 'viem';
import { Connection, PublicKey, SystemProgram, Transaction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import eip712 from '../../vectors/eip712.json' with { type: 'json' };
import derivations from '../../vectors/derivation_known.json' with { type: 'json' };
import { EVM_DEMO_USD, startDevChains, type DevChains } from '../../../scripts/chains/index';
import { assertPortFree } from '../../../scripts/chains/util';
import { killServiceWorker, launchWithExtension, type Harness } from '../helpers/extension';
import type { DappApi } from './page';
import { startDappServer, type DappServer } from './serve';

const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
const PASSWORD = 'dapp tests password 1';
const evmKnown = derivations.vectors.find((v) => v.id === 'evm-hardhat-anvil-default-accounts')!.accounts!.map((a) => a.address as Address);
const solKnown = derivations.vectors.find((v) => v.id === 'solana-test-mnemonic-4-level')!.accounts!.map((a) => a.address!);
type W = { dapp: DappApi };
type Outcome<T> = { result: T } | { error: { code: number | null; message: string } };
const ok = <T>(o: Outcome<T>): T => {
  if ('error' in o) throw new Error(`expected a result, got ${o.error.code}: ${o.error.message}`);
  return o.result;
};
const codeOf = (o: Outcome<unknown>) => ('error' in o ? o.error.code : 'no error');

let h: Harness;
let server: DappServer;
let chains: DevChains;
let dapp: Page;
let wallet: Page;
const evmClient = createPublicClient({ transport: http('http://127.0.0.1:8545') });
const sol = new Connection('http://127.0.0.1:8899', 'confirmed');

type Method = { [K in keyof DappApi]: DappApi[K] extends (...a: never[]) => Promise<unknown> ? K : never }[keyof DappApi];
/** Call `window.dapp[method](...args)` in the page. */
function call<M extends Method>(method: M, args: unknown[] = [], page = dapp): Promise<Awaited<ReturnType<DappApi[M]>>> {
  return page.evaluate(([m, a]) => ((window as unknown as W).dapp[m as Method] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])), [method, args] as const) as never;
}

/** Run a dapp call that opens an approval window; act in the window; return the dapp's outcome. */
async function withApproval<M extends Method>(method: M, args: unknown[], act: (w: Page) => Promise<void>, page = dapp): Promise<Awaited<ReturnType<DappApi[M]>>> {
  const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
  const result = call(method, args, page);
  const approval = await win;
  await approval.getByTestId('approval-origin').waitFor();
  await act(approval);
  return result;
}
/** Click a decision button; the window closes itself right after, which may end the click early. */
async function decide(w: Page, name: string) {
  await w.getByRole('button', { name, exact: true }).click().catch((e: Error) => {
    if (!/closed/.test(e.message)) throw e;
  });
}
const click = (name: string) => (w: Page) => decide(w, name);

async function popupCall(method: string, params: unknown): Promise<unknown> {
  return wallet.evaluate(`new Promise((resolve, reject) => {
    const port = chrome.runtime.connect({ name: 'meridian-popup' });
    port.onMessage.addListener((m) => { if (m.id === 1) { port.disconnect(); m.error ? reject(new Error(m.error.message)) : resolve(m.result); } });
    port.postMessage({ id: 1, method: ${JSON.stringify(method)}, params: ${JSON.stringify(params)} });
  })`);
}

beforeAll(async () => {
  await Promise.all([assertPortFree(8545, '127.0.0.1', 'EVM dev chain'), assertPortFree(8899, '127.0.0.1', 'Solana dev chain')]);
  [chains, h, server] = await Promise.all([startDevChains(), launchWithExtension(), startDappServer()]);
  wallet = await h.context.newPage();
  await wallet.goto(h.popupUrl);
  await popupCall('setupWallet', { phrase: TEST_MNEMONIC, password: PASSWORD });
  await popupCall('addAccount', {});
  await popupCall('selectAccount', { id: 'hd:0' });
  dapp = await h.context.newPage();
  await dapp.goto(server.url + '/index.html');
  expect(await dapp.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000))).toEqual({ evm: true, solana: true });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await server?.close();
  await chains?.stop();
});

describe('EIP-1193 through viem', () => {
  it('answers eth_chainId / net_version and refuses a signature from an unconnected site with 4100', async () => {
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.evmChainId()))).toBe(31337);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('net_version')))).toBe('31337');
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_accounts')))).toEqual([]);
    const r = await dapp.evaluate((a) => (window as unknown as W).dapp.request('personal_sign', ['0x68656c6c6f', a]), evmKnown[0]!);
    expect(codeOf(r)).toBe(4100);
    expect(codeOf(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_sign', ['0x00', '0x00'])))).toBe(4200);
    expect(codeOf(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_doesNotExist')))).toBe(-32601);
  });

  it('rejecting the connect window gives 4001; closing it also gives 4001', async () => {
    const rejected = await withApproval('evmRequestAddresses', [], click('Reject'));
    expect(codeOf(rejected)).toBe(4001);
    const closed = await withApproval('evmRequestAddresses', [], async (w) => { await w.close(); });
    expect(codeOf(closed)).toBe(4001);
  });

  it('connects with the accounts the user picks; the approval shows the origin from the browser', async () => {
    await dapp.evaluate(() => (window as unknown as W).dapp.clearEvents());
    const accounts = await withApproval('evmRequestAddresses', [], async (w) => {
      expect(await w.getByTestId('approval-origin').textContent()).toBe(server.url);
      await w.getByRole('checkbox').nth(1).check();
      await decide(w, 'Connect');
    });
    expect(ok(accounts)).toEqual([evmKnown[0], evmKnown[1]]);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.evmAddresses()))).toEqual([evmKnown[0], evmKnown[1]]);
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload)))
      .toEqual([[evmKnown[0], evmKnown[1]]]);
    const perms = ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('wallet_getPermissions'))) as Array<{ parentCapability: string; caveats: Array<{ value: string[] }> }>;
    expect(perms[0]!.parentCapability).toBe('eth_accounts');
    expect(perms[0]!.caveats[0]!.value).toEqual([evmKnown[0], evmKnown[1]]);
  });

  it('personal_sign with Chinese text shows the text and verifies with viem', async () => {
    const text = '你好，Meridian！请确认登录 🌏';
    const signed = ok(await withApproval('evmSignMessage', [text], async (w) => {
      expect(await w.getByTestId('sign-message').textContent()).toBe(text);
      expect(await w.getByTestId('approval-account').textContent()).toBe(evmKnown[0]);
      await decide(w, 'Sign');
    }));
    expect(signed.address).toBe(evmKnown[0]);
    expect(await verifyMessage({ address: evmKnown[0]!, message: text, signature: signed.signature })).toBe(true);
  });

  it('warns in red when a SIWE message names another domain', async () => {
    const siwe = `evil.example wants you to sign in with your Ethereum account:\n${evmKnown[0]}\n\nSign in\n\nURI: https://evil.example\nVersion: 1\nChain ID: 31337\nNonce: 12345678\nIssued At: 2026-11-23T00:00:00Z`;
    const r = await withApproval('evmSignMessage', [siwe], async (w) => {
      await w.locator('[data-warning="siwe-domain-mismatch"]').waitFor();
      expect(await w.getByTestId('siwe-domain').textContent()).toBe('evil.example');
      await decide(w, 'Reject');
    });
    expect(codeOf(r)).toBe(4001);
  });

  it('signs the EIP-712 Mail example (warning: its chainId 1 is not the current chain); viem verifies it', async () => {
    const mail = eip712.vectors.find((v) => /mail/i.test(v.id))!.typed_data as { domain: Record<string, unknown>; types: Record<string, unknown>; primaryType: string; message: Record<string, unknown> };
    const signed = ok(await withApproval('evmSignTypedData', [mail], async (w) => {
      await w.locator('[data-warning="typed-data-chain-mismatch"]').waitFor();
      expect(await w.locator('[data-field="contents"]').textContent()).toBe('Hello, Bob!');
      await decide(w, 'Sign');
    }));
    expect(await verifyTypedData({ address: evmKnown[0]!, domain: mail.domain, types: mail.types, primaryType: mail.primaryType, message: mail.message, signature: signed.signature } as never)).toBe(true);
  });

  it('eth_sendTransaction lands on the local chain with the exact value', async () => {
    const value = parseEther('1.234567');
    const before = await evmClient.getBalance({ address: evmKnown[5]! });
    const hash = ok(await withApproval('evmSendTransaction', [{ to: evmKnown[5], value: value.toString() }], async (w) => {
      expect(await w.getByTestId('tx-to').textContent()).toBe(evmKnown[5]);
      expect(await w.getByTestId('tx-value').textContent()).toBe('1.234567 ETH');
      await decide(w, 'Confirm');
    }));
    const receipt = await evmClient.waitForTransactionReceipt({ hash: hash as Hex });
    expect(receipt.status).toBe('success');
    expect(receipt.from.toLowerCase()).toBe(evmKnown[0]!.toLowerCase());
    expect(await evmClient.getBalance({ address: evmKnown[5]! })).toBe(before + value);
  });

  it('an ERC-20 transfer shows the amount in tokens and the token contract, and moves exactly that', async () => {
    const balanceOf = (a: Address) => evmClient.readContract({ address: EVM_DEMO_USD.address, abi: erc20Abi, functionName: 'balanceOf', args: [a] });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [evmKnown[6]!, 1_234_567n] });
    const before = await balanceOf(evmKnown[6]!);
    const hash = ok(await withApproval('evmSendTransaction', [{ to: EVM_DEMO_USD.address, data }], async (w) => {
      expect(await w.getByTestId('tx-to').textContent()).toBe(evmKnown[6]);
      expect(await w.getByTestId('tx-amount').textContent()).toBe('1.234567 mUSD');
      expect(await w.getByTestId('tx-token').textContent()).toBe(EVM_DEMO_USD.address);
      await decide(w, 'Confirm');
    }));
    expect((await evmClient.waitForTransactionReceipt({ hash: hash as Hex })).status).toBe('success');
    expect(await balanceOf(evmKnown[6]!)).toBe(before + 1_234_567n);
  });

  it('refuses a transaction whose chainId is not the current chain with -32602, before any window', async () => {
    const out = await dapp.evaluate(([from, to]) => (window as unknown as W).dapp.request('eth_sendTransaction', [{ from, to, value: '0x1', chainId: '0x1' }]), [evmKnown[0], evmKnown[5]]);
    expect(codeOf(out)).toBe(-32602);
  });

  it('switches to a known chain (chainChanged) and refuses an unknown one with 4902', async () => {
    await dapp.evaluate(() => (window as unknown as W).dapp.clearEvents());
    ok(await withApproval('evmSwitchChain', [11155111], click('Confirm')));
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_chainId')))).toBe('0xaa36a7');
    ok(await withApproval('evmSwitchChain', [31337], click('Confirm')));
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'chainChanged').map((e) => e.payload)))
      .toEqual(['0xaa36a7', '0x7a69']);
    const unknown = await dapp.evaluate(() => (window as unknown as W).dapp.request('wallet_switchEthereumChain', [{ chainId: '0x999999' }]));
    expect(codeOf(unknown)).toBe(4902);
    expect(codeOf(await dapp.evaluate(() => (window as unknown as W).dapp.request('wallet_switchEthereumChain', [{ chainId: 'nope' }])))).toBe(-32602);
  });

  it('wallet_addEthereumChain is validated against the RPC: a wrong chain id is refused and nothing is saved', async () => {
    const pages = h.context.pages().length;
    const r = await call('request', ['wallet_addEthereumChain', [{ chainId: '0x539', chainName: 'Fake', rpcUrls: ['http://127.0.0.1:8545'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]]);
    expect(codeOf(r)).toBe(-32602);
    expect(h.context.pages().length).toBe(pages);
    expect((await wallet.evaluate(() => chrome.storage.local.get('chains:customNetworks')))['chains:customNetworks']).toBeUndefined();
    // A known chain id is a switch, not an add.
    expect(codeOf(await call('request', ['wallet_addEthereumChain', [{ chainId: '0x7a69', chainName: 'Localnet', rpcUrls: ['http://127.0.0.1:8545'] }]]))).toBe('no error');
  });

  it('wallet_watchAsset reads the ERC-20 from the chain, warns on a wrong symbol, and saves it after Confirm', async () => {
    const token = chains.evm.info.tokens[0]!;
    const added = ok(await withApproval('request', ['wallet_watchAsset', { type: 'ERC20', options: { address: token.address, symbol: 'FAKE', decimals: token.decimals } }], async (w) => {
      await w.locator('[data-warning="symbol-mismatch"]').waitFor();
      await decide(w, 'Confirm');
    }));
    expect(added).toBe(true);
    const saved = (await wallet.evaluate(() => chrome.storage.local.get('chains:customTokens:eip155:31337')))['chains:customTokens:eip155:31337'] as Array<{ address: string; symbol: string; decimals: number }>;
    expect(saved.map((t) => [t.address.toLowerCase(), t.symbol, t.decimals])).toEqual([[token.address.toLowerCase(), token.symbol, token.decimals]]);
  });

  it('ignores an origin field a page puts in its request: the approval shows the real origin', async () => {
    const page = await h.context.newPage();
    await page.goto(server.url + '/hostile.html');
    await page.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000));
    const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
    await page.evaluate(() => (window as unknown as { hostile: { forgeRequest(p: unknown): void } }).hostile.forgeRequest(
      { id: 'forged-1', family: 'evm', method: 'personal_sign', origin: 'https://trusted.example', params: ['0x68656c6c6f', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'] }));
    const approval = await win;
    await approval.getByTestId('approval-origin').waitFor();
    expect(await approval.getByTestId('approval-origin').textContent()).toBe(server.url);
    await decide(approval, 'Reject');
    await page.close();
  });

  it('emits accountsChanged when the user switches between connected accounts, and [] after revoking', async () => {
    await dapp.evaluate(() => (window as unknown as W).dapp.clearEvents());
    await popupCall('selectAccount', { id: 'hd:1' });
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload)))
      .toEqual([[evmKnown[1], evmKnown[0]]]);
    await popupCall('selectAccount', { id: 'hd:0' });
    // Revoke from Settings → Connected sites in the real UI.
    await wallet.reload();
    await wallet.getByRole('button', { name: 'Settings' }).click();
    await wallet.getByRole('button', { name: `Disconnect ${server.url}` }).click();
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload)).then((x) => x.at(-1)))
      .toEqual([]);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_accounts')))).toEqual([]);
    await wallet.getByRole('button', { name: 'Back' }).click();
  });
});

describe('Solana Wallet Standard', () => {
  it('connects, and signMessage verifies with tweetnacl', async () => {
    const { accounts } = ok(await withApproval('solanaConnect', [], click('Connect')));
    expect(accounts).toEqual([solKnown[0]]);
    const text = 'Meridian 签名测试 ✓';
    const signed = ok(await withApproval('solanaSignMessage', [text], async (w) => {
      expect(await w.getByTestId('sign-message').textContent()).toBe(text);
      await decide(w, 'Sign');
    }));
    expect(signed.address).toBe(solKnown[0]);
    expect(Buffer.from(signed.signedMessage, 'base64').toString('utf8')).toBe(text);
    expect(nacl.sign.detached.verify(Buffer.from(text, 'utf8'), Buffer.from(signed.signature, 'base64'), bs58.decode(solKnown[0]!))).toBe(true);
  });

  it('signAndSendTransaction lands on the local endpoint with the exact lamports', async () => {
    const from = new PublicKey(solKnown[0]!);
    const to = new PublicKey(solKnown[3]!);
    const lamports = 123_456_789;
    const { blockhash, lastValidBlockHeight } = await sol.getLatestBlockhash();
    const tx = new Transaction({ feePayer: from, blockhash, lastValidBlockHeight }).add(SystemProgram.transfer({ fromPubkey: from, toPubkey: to, lamports }));
    const b64 = tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    const [fromBefore, toBefore] = await Promise.all([sol.getBalance(from), sol.getBalance(to)]);
    const { signature } = ok(await withApproval('solanaSignAndSend', [b64], async (w) => {
      expect(await w.getByTestId('sol-instructions').textContent()).toContain('123456789');
      await decide(w, 'Confirm');
    }));
    await expect.poll(async () => (await sol.getSignatureStatuses([signature])).value[0]?.confirmationStatus ?? null).not.toBeNull();
    const status = (await sol.getSignatureStatuses([signature])).value[0]!;
    expect(status.err).toBeNull();
    expect(await sol.getBalance(to)).toBe(toBefore + lamports);
    expect(await sol.getBalance(from)).toBe(fromBefore - lamports - 5000);
  });

  it('signTransaction signs a v0 transaction without sending it; tweetnacl verifies the signature', async () => {
    const from = new PublicKey(solKnown[0]!);
    const { blockhash } = await sol.getLatestBlockhash();
    const message = new TransactionMessage({ payerKey: from, recentBlockhash: blockhash, instructions: [SystemProgram.transfer({ fromPubkey: from, toPubkey: new PublicKey(solKnown[2]!), lamports: 42 })] }).compileToV0Message();
    const unsigned = new VersionedTransaction(message);
    const b64 = Buffer.from(unsigned.serialize()).toString('base64');
    const before = await sol.getBalance(new PublicKey(solKnown[2]!));
    const { signedTransaction } = ok(await withApproval('solanaSignTransaction', [b64], click('Sign')));
    const signed = VersionedTransaction.deserialize(Buffer.from(signedTransaction, 'base64'));
    expect(Buffer.from(signed.message.serialize()).equals(Buffer.from(message.serialize()))).toBe(true);
    expect(nacl.sign.detached.verify(message.serialize(), signed.signatures[0]!, bs58.decode(solKnown[0]!))).toBe(true);
    expect(await sol.getBalance(new PublicKey(solKnown[2]!))).toBe(before);
  });

  it('signIn returns a SIWS message for this origin signed by the account', async () => {
    const res = ok(await withApproval('solanaSignIn', [{ statement: 'Sign in to the test dapp', nonce: 'abcdef12' }], click('Sign')));
    const text = Buffer.from(res.signedMessage, 'base64').toString('utf8');
    expect(text.startsWith(`${new URL(server.url).host} wants you to sign in with your Solana account:\n${solKnown[0]}`)).toBe(true);
    expect(text).toContain('Nonce: abcdef12');
    expect(nacl.sign.detached.verify(Buffer.from(text, 'utf8'), Buffer.from(res.signature, 'base64'), bs58.decode(res.address))).toBe(true);
  });

  it('refuses signMessage of bytes that are a transaction, and signIn for another domain, with -32602 and no window', async () => {
    const from = new PublicKey(solKnown[0]!);
    const { blockhash } = await sol.getLatestBlockhash();
    const txMessage = new Transaction({ feePayer: from, recentBlockhash: blockhash })
      .add(SystemProgram.transfer({ fromPubkey: from, toPubkey: new PublicKey(solKnown[3]!), lamports: 1_000_000_000 })).serializeMessage();
    const asMessage = await dapp.evaluate((b64) => (window as unknown as W).dapp.solanaSignMessageBytes(b64), txMessage.toString('base64'));
    expect(codeOf(asMessage)).toBe(-32602);
    const signIn = await dapp.evaluate(() => (window as unknown as W).dapp.solanaSignIn({ domain: 'bank.example', statement: 'Sign in' }));
    expect(codeOf(signIn)).toBe(-32602);
  });

  it('disconnect emits a change event with no accounts', async () => {
    ok(await dapp.evaluate(() => (window as unknown as W).dapp.solanaDisconnect()));
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.solanaAccounts())).toEqual([]);
  });
});

describe('hostile pages', () => {
  it('a cross-origin iframe asks as its own origin', async () => {
    const page = await h.context.newPage();
    await page.goto(`${server.url}/index.html?frame=${encodeURIComponent(server.crossOriginUrl + '/iframe.html')}`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(server.crossOriginUrl))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(server.crossOriginUrl))!;
    await frame.waitForFunction(() => (window as unknown as W).dapp !== undefined);
    expect(await frame.evaluate(() => (window as unknown as W).dapp.waitForWallets(10_000))).toEqual({ evm: true, solana: true });
    const rejected = await withApproval('evmRequestAddresses', [], async (w) => {
      expect(await w.getByTestId('approval-origin').textContent()).toBe(server.crossOriginUrl);
      await decide(w, 'Reject');
    }, frame as unknown as Page);
    expect(codeOf(rejected)).toBe(4001);
    await page.close();
  });

  it('1,000 malformed requests each get a coded error, no window opens, and the worker stays alive', async () => {
    const pagesBefore = h.context.pages().length;
    const codes = await dapp.evaluate(async () => {
      const d = (window as unknown as W).dapp;
      const bad: unknown[] = [null, 42, 'eth_accounts', [], {}, { method: '' }, { method: 7 }, { method: 'x'.repeat(500) },
        { method: 'personal_sign', params: 'nope' }, { method: 'eth_sendTransaction', params: [{ from: 'nope' }] },
        { method: 'wallet_switchEthereumChain', params: [{ chainId: 12 }] }, { method: 'eth_signTypedData_v4', params: ['0x1', '{bad json'] },
        { method: 'no_such_method' }, { method: 'wallet_watchAsset', params: { type: 'ERC721' } }];
      const out = await Promise.all(Array.from({ length: 1000 }, (_, i) => d.requestRaw(bad[i % bad.length])));
      return out.map((o) => ('error' in o ? o.error.code : null));
    });
    expect(codes).toHaveLength(1000);
    expect(codes.filter((c) => typeof c !== 'number')).toEqual([]);
    expect(new Set(codes).size).toBeGreaterThan(1);
    expect(h.context.pages().length).toBe(pagesBefore);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_chainId')))).toBe('0x7a69');
  });

  it('when the worker is killed while a request waits for approval, the dapp gets 4900 and the window goes away', async () => {
    ok(await withApproval('evmRequestAddresses', [], click('Connect')));
    const win = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('approval=') });
    const pending = dapp.evaluate(() => (window as unknown as W).dapp.evmSignMessage('will be interrupted'));
    const approval = await win;
    await approval.getByTestId('approval-origin').waitFor();
    const closed = approval.waitForEvent('close');
    await killServiceWorker(h.context, wallet);
    expect(codeOf(await pending)).toBe(4900);
    await closed;
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_chainId')))).toBe('0x7a69');
  });
});
