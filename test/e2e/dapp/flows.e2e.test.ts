/**
 * Dapp flows end to end: a test page on 127.0.0.1 finds Meridian with mipd and @wallet-standard/app, talks
 * through viem's custom transport, and every connect / signature / transaction goes through the approval
 * window. Signatures are verified with independent libraries (viem, tweetnacl); transfers are read back from
 * the local chains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPublicClient, encodeFunctionData, erc20Abi, http, parseEther, verifyMessage, verifyTypedData, type Address, type Hex, type PublicClient } from 'viem';
import { Connection, PublicKey, SystemProgram, Transaction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import eip712 from '../../vectors/eip712.json' with { type: 'json' };
import { EVM_DEMO_USD, type DevChains } from '../../../scripts/chains/index';
import { DEMO_EVM, DEMO_SOLANA } from '../../fixtures/demo';
import { popupCall as popupCallIn } from '../../fixtures/popup';
import { killServiceWorker, type Harness } from '../helpers/extension';
import type { DappApi } from './page';
import {
  call as callIn, click, codeOf, decide, errorOf, ok, openDapp, startDappRig, withApproval as withApprovalIn, withNoWindow,
  type DappRig, type Method,
} from './rig';
import type { DappServer } from './serve';

const evmKnown = DEMO_EVM as Address[];
const solKnown = DEMO_SOLANA;
type W = { dapp: DappApi };

let rig: DappRig;
let h: Harness;
let server: DappServer;
let chains: DevChains;
let dapp: Page;
let wallet: Page;
let evmClient: PublicClient;
let sol: Connection;

/** Call `window.dapp[method](...args)` in the page. */
const call = <M extends Method>(method: M, args: unknown[] = [], page: Page = dapp) => callIn(page, method, args);
/** Run a dapp call that opens an approval window; act in the window; return the dapp's outcome. */
const withApproval = <M extends Method>(method: M, args: unknown[], act: (w: Page) => Promise<void>, page: Page = dapp) => withApprovalIn(h, page, method, args, act);
const popupCall = (method: string, params: unknown) => popupCallIn(wallet, method, params);

// Each test starts from the connection state it needs (a no-op when the tests run in order), so each runs alone.
const evmAccountsNow = async () => ok(await call('request', ['eth_accounts'])) as string[];
/** Not connected on EVM. */
async function evmDisconnected(): Promise<void> {
  if ((await evmAccountsNow()).length) ok(await call('request', ['wallet_revokePermissions', [{ eth_accounts: {} }]]));
}
/** Connected on EVM with accounts 1 and 2, account 1 selected in the wallet. */
async function evmConnected(): Promise<void> {
  await popupCall('selectAccount', { id: 'hd:0' });
  if (JSON.stringify(await evmAccountsNow()) === JSON.stringify([evmKnown[0], evmKnown[1]])) return;
  await evmDisconnected();
  ok(await withApproval('evmRequestAddresses', [], async (w) => { await w.getByRole('checkbox').nth(1).check(); await decide(w, 'Connect'); }));
}
const solanaAccountsNow = async () => ok(await call('solanaConnect', [true])).accounts;
async function solanaDisconnected(): Promise<void> {
  if ((await solanaAccountsNow()).length) ok(await call('solanaDisconnect'));
}
/** Connected on Solana with account 1. */
async function solanaConnected(): Promise<void> {
  if ((await solanaAccountsNow()).length) return;
  ok(await withApproval('solanaConnect', [], click('Connect')));
}

beforeAll(async () => {
  // Dev chains on free ports (never 8545/8899, where `npm start` may run), the Localnets pointed at them.
  rig = await startDappRig({ chains: true, origins: 2, accounts: 2 });
  ({ h, wallet } = rig);
  server = rig.servers[0]!;
  chains = rig.chains!;
  evmClient = createPublicClient({ transport: http(chains.evm.url) });
  sol = new Connection(chains.solana.url, 'confirmed');
  dapp = await openDapp(h, server.url + '/index.html');
}, 120_000);
afterAll(async () => {
  await rig?.stop();
});

describe('EIP-1193 through viem', () => {
  it('answers eth_chainId / net_version and refuses a signature from an unconnected site with 4100', async () => {
    await evmDisconnected();
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.evmChainId()))).toBe(31337);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('net_version')))).toBe('31337');
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_accounts')))).toEqual([]);
    await withNoWindow(h, async () => {
      const r = await dapp.evaluate((a) => (window as unknown as W).dapp.request('personal_sign', ['0x68656c6c6f', a]), evmKnown[0]!);
      expect(errorOf(r)).toEqual({ code: 4100, message: 'The site is not connected. Request accounts first.' });
      expect(codeOf(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_sign', ['0x00', '0x00'])))).toBe(4200);
      expect(codeOf(await dapp.evaluate(() => (window as unknown as W).dapp.request('eth_doesNotExist')))).toBe(-32601);
    });
  });

  it('rejecting the connect window gives 4001; closing it also gives 4001', async () => {
    await evmDisconnected();
    const rejected = await withApproval('evmRequestAddresses', [], click('Reject'));
    expect(codeOf(rejected)).toBe(4001);
    const closed = await withApproval('evmRequestAddresses', [], async (w) => { await w.close(); });
    expect(codeOf(closed)).toBe(4001);
  });

  it('connects with the accounts the user picks; the approval shows the origin from the browser', async () => {
    await evmDisconnected();
    await dapp.evaluate(() => (window as unknown as W).dapp.clearEvents());
    const accounts = await withApproval('evmRequestAddresses', [], async (w) => {
      expect(await w.getByTestId('approval-origin').textContent()).toBe(server.url);
      await w.getByRole('checkbox').nth(1).check();
      await decide(w, 'Connect');
    });
    expect(ok(accounts)).toEqual([evmKnown[0], evmKnown[1]]);
    expect(ok(await dapp.evaluate(() => (window as unknown as W).dapp.evmAddresses()))).toEqual([evmKnown[0], evmKnown[1]]);
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload)))
      .toEqual([[evmKnown[0]!.toLowerCase(), evmKnown[1]!.toLowerCase()]]); // raw events: lower case, as MetaMask's
    const perms = ok(await dapp.evaluate(() => (window as unknown as W).dapp.request('wallet_getPermissions'))) as Array<{ parentCapability: string; caveats: Array<{ value: string[] }> }>;
    expect(perms[0]!.parentCapability).toBe('eth_accounts');
    expect(perms[0]!.caveats[0]!.value).toEqual([evmKnown[0]!.toLowerCase(), evmKnown[1]!.toLowerCase()]);
  });

  it('personal_sign with Chinese text shows the text and verifies with viem', async () => {
    await evmConnected();
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
    await evmConnected();
    const siwe = `evil.example wants you to sign in with your Ethereum account:\n${evmKnown[0]}\n\nSign in\n\nURI: https://evil.example\nVersion: 1\nChain ID: 31337\nNonce: 12345678\nIssued At: 2026-11-23T00:00:00Z`;
    const r = await withApproval('evmSignMessage', [siwe], async (w) => {
      await w.locator('[data-warning="siwe-domain-mismatch"]').waitFor();
      expect(await w.getByTestId('siwe-domain').textContent()).toBe('evil.example');
      await decide(w, 'Reject');
    });
    expect(codeOf(r)).toBe(4001);
  });

  it('refuses EIP-712 data for another chain (-32602, no window) and signs the Mail example on the current chain; viem verifies it', async () => {
    await evmConnected();
    const mail = eip712.vectors.find((v) => /mail/i.test(v.id))!.typed_data as { domain: Record<string, unknown>; types: Record<string, unknown>; primaryType: string; message: Record<string, unknown> };
    expect(mail.domain.chainId).toBe(1);
    const foreign = await withNoWindow(h, () => call('request', ['eth_signTypedData_v4', [evmKnown[0], JSON.stringify(mail)]]));
    expect(errorOf(foreign)).toEqual({ code: -32602, message: 'Provided chainId "1" must match the active chainId "31337".' });
    const here = { ...mail, domain: { ...mail.domain, chainId: 31337 } };
    const signed = ok(await withApproval('evmSignTypedData', [here], async (w) => {
      expect(await w.locator('[data-field="contents"]').textContent()).toBe('Hello, Bob!');
      await decide(w, 'Sign');
    }));
    expect(await verifyTypedData({ address: evmKnown[0]!, domain: here.domain, types: here.types, primaryType: here.primaryType, message: here.message, signature: signed.signature } as never)).toBe(true);
  });

  it('eth_sendTransaction lands on the local chain with the exact value', async () => {
    await evmConnected();
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
    await evmConnected();
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
    await evmConnected();
    const out = await withNoWindow(h, () => dapp.evaluate(([from, to]) => (window as unknown as W).dapp.request('eth_sendTransaction', [{ from, to, value: '0x1', chainId: '0x1' }]), [evmKnown[0], evmKnown[5]]));
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

  it('wallet_addEthereumChain contacts the proposed RPC only after approval: a wrong chain id is then refused and nothing is saved', async () => {
    const r = await withApproval('request', ['wallet_addEthereumChain', [{ chainId: '0x539', chainName: 'Fake', rpcUrls: [chains.evm.url], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]], click('Confirm'));
    expect(errorOf(r)).toEqual({ code: -32602, message: 'The network could not be added: [RPC URL] serves chain 31337, not 1337' });
    expect((await wallet.evaluate(() => chrome.storage.local.get('chains:customNetworks')))['chains:customNetworks']).toBeUndefined();
    // A known chain id (already the current one) is a switch, not an add: answered null with no window.
    expect(await withNoWindow(h, () => call('request', ['wallet_addEthereumChain', [{ chainId: '0x7a69', chainName: 'Localnet', rpcUrls: [chains.evm.url] }]]))).toEqual({ result: null });
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
    await evmConnected();
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
    await evmConnected();
    await dapp.evaluate(() => (window as unknown as W).dapp.clearEvents());
    await popupCall('selectAccount', { id: 'hd:1' });
    await expect.poll(() => dapp.evaluate(() => (window as unknown as W).dapp.events.filter((e) => e.name === 'accountsChanged').map((e) => e.payload)))
      .toEqual([[evmKnown[1]!.toLowerCase(), evmKnown[0]!.toLowerCase()]]);
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
    await solanaDisconnected();
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
    await solanaConnected();
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
    await solanaConnected();
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
    await solanaConnected();
    const res = ok(await withApproval('solanaSignIn', [{ statement: 'Sign in to the test dapp', nonce: 'abcdef12' }], click('Sign')));
    const text = Buffer.from(res.signedMessage, 'base64').toString('utf8');
    expect(text.startsWith(`${new URL(server.url).host} wants you to sign in with your Solana account:\n${solKnown[0]}`)).toBe(true);
    expect(text).toContain('Nonce: abcdef12');
    expect(nacl.sign.detached.verify(Buffer.from(text, 'utf8'), Buffer.from(res.signature, 'base64'), bs58.decode(res.address))).toBe(true);
  });

  it('refuses signMessage of bytes that are a transaction, and signIn for another domain, with -32602 and no window', async () => {
    await solanaConnected();
    const from = new PublicKey(solKnown[0]!);
    const { blockhash } = await sol.getLatestBlockhash();
    const txMessage = new Transaction({ feePayer: from, recentBlockhash: blockhash })
      .add(SystemProgram.transfer({ fromPubkey: from, toPubkey: new PublicKey(solKnown[3]!), lamports: 1_000_000_000 })).serializeMessage();
    await withNoWindow(h, async () => {
      const asMessage = await dapp.evaluate((b64) => (window as unknown as W).dapp.solanaSignMessageBytes(b64), txMessage.toString('base64'));
      expect(codeOf(asMessage)).toBe(-32602);
      const signIn = await dapp.evaluate(() => (window as unknown as W).dapp.solanaSignIn({ domain: 'bank.example', statement: 'Sign in' }));
      expect(codeOf(signIn)).toBe(-32602);
    });
  });

  it('disconnect emits a change event with no accounts', async () => {
    await solanaConnected();
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

  it('malformed requests: each shape gets its exact code and message; 504 of them at once open no window and the worker stays alive', async () => {
    // A fresh origin, so its rate-limit bucket (200 at once) is full and every answer below is the input's own.
    const page = await openDapp(h, `${rig.servers[1]!.url}/index.html`);
    const shape = 'Invalid request: expected an object { method, params? }';
    const method = 'Invalid request: method must be a non-empty string of at most 100 characters';
    const notConnected = { code: 4100, message: 'The site is not connected. Request accounts first.' };
    const cases: Array<[unknown, { code: number; message: string }]> = [
      // Refused in the page by the provider's argument check (never sent).
      [null, { code: -32600, message: shape }], [42, { code: -32600, message: shape }], ['eth_accounts', { code: -32600, message: shape }],
      [[], { code: -32600, message: shape }], [{}, { code: -32600, message: method }], [{ method: '' }, { code: -32600, message: method }],
      [{ method: 7 }, { code: -32600, message: method }], [{ method: 'x'.repeat(500) }, { code: -32600, message: method }],
      [{ method: 'personal_sign', params: 'nope' }, { code: -32602, message: 'Invalid params: params must be an array or an object' }],
      // Refused by the background's router (this origin is not connected) or by the method's handler.
      [{ method: 'eth_sendTransaction', params: [{ from: 'nope' }] }, notConnected],
      [{ method: 'wallet_switchEthereumChain', params: [{ chainId: 12 }] }, { code: -32602, message: 'chainId must be a 0x-prefixed hexadecimal string without leading zeros.' }],
      [{ method: 'eth_signTypedData_v4', params: ['0x1', '{bad json'] }, notConnected],
      [{ method: 'no_such_method' }, { code: -32601, message: 'The method "no_such_method" does not exist / is not available.' }],
      [{ method: 'wallet_watchAsset', params: { type: 'ERC721' } }, { code: -32602, message: 'Only ERC20 assets are supported.' }],
    ];
    const bad = cases.map(([input]) => input);
    const singles = await withNoWindow(h, () => page.evaluate(async (list) => {
      const out = [];
      for (const b of list) out.push(await (window as unknown as W).dapp.requestRaw(b));
      return out;
    }, bad));
    expect(singles.map(errorOf)).toEqual(cases.map(([, e]) => e));
    // 36 rounds of the 14 at once: 180 reach the background, within the origin's burst, so each gets its own code.
    const flood = await withNoWindow(h, () => page.evaluate(async (list) => {
      const d = (window as unknown as W).dapp;
      return Promise.all(Array.from({ length: 36 * list.length }, (_, i) => d.requestRaw(list[i % list.length])));
    }, bad));
    expect(flood.map(errorOf)).toEqual(Array.from({ length: 36 * cases.length }, (_, i) => cases[i % cases.length]![1]));
    expect(ok(await call('request', ['eth_chainId'], page))).toBe('0x7a69');
    await page.close();
  });

  it('when the worker is killed while a request waits for approval, the dapp gets 4900 and the window goes away', async () => {
    await evmConnected();
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
