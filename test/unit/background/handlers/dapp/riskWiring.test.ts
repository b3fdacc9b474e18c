// Issue 8 item 3, wired: the risk rules run in the dapp handlers — refusals before any window, findings in it.
import { describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi, maxUint256, numberToHex, toHex } from 'viem';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import { AuthorityType, createSetAuthorityInstruction, getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { bytesToBase64 } from '../../../../../src/shared/encoding';
import { EVM0, fakeEvmNode, makeDappEnv, type RpcNode } from '../../dapp/dappEnv';

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const EOA_SPENDER = '0x1111111111111111111111111111111111111111';

describe('risk rules in the dapp handlers', () => {
  it('personal_sign above 64 KiB: -32602 and no window', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    const r = await env.call('personal_sign', [toHex('x'.repeat(65 * 1024)), EVM0]);
    expect(r).toMatchObject({ error: { code: -32602 } });
    expect(env.asked).toEqual([]);
  });

  it('personal_sign with a right-to-left override shows the invisible-characters warning', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    await env.call('personal_sign', [toHex('Pay to \u202Eevil'), EVM0]);
    expect(env.asked[0]!.warnings.map((w) => w.code)).toContain('invisible-characters');
  });

  it('wallet_addEthereumChain with 36 decimals: -32602 and no window (the decimals spoof)', async () => {
    const env = await makeDappEnv();
    const r = await env.call('wallet_addEthereumChain', [{ chainId: '0x67932', chainName: 'Spoof', rpcUrls: ['https://rpc.spoof.example'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 36 } }]);
    expect(r).toMatchObject({ error: { code: -32602 } });
    expect(env.asked).toEqual([]);
  });

  it('eth_sendTransaction: an unlimited approve to an address without code is a danger, with the unlimited warning', async () => {
    const env = await makeDappEnv();
    await env.connect('evm', [EVM0]);
    const base = fakeEvmNode({ tokens: { [TOKEN.toLowerCase()]: { symbol: 'mUSD', decimals: 6, name: 'Demo USD' } } });
    env.state.node = ((call, n) => (call.method === 'eth_getBalance' ? numberToHex(10n ** 20n) : base.node(call, n))) as RpcNode;
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [EOA_SPENDER, maxUint256] });
    await env.call('eth_sendTransaction', [{ from: EVM0, to: TOKEN, data }]);
    const codes = env.asked[0]!.warnings.map((w) => w.code);
    expect(codes[0]).toBe('spender-is-eoa');
    expect(codes).toContain('erc20-unlimited-approval');
    expect(codes).not.toContain('unlimited-approval'); // the decoder's own warning is replaced, not repeated
    expect(env.asked[0]!.warnings[0]).toMatchObject({ level: 'danger' });
  });

  it('a Solana request for another cluster: -32602 and no window', async () => {
    const env = await makeDappEnv();
    await env.connect('solana', [env.accounts.solana[0]]);
    const tx = new Transaction({ feePayer: new PublicKey(env.accounts.solana[0]), recentBlockhash: '11111111111111111111111111111111' });
    const r = await env.call('solana:signTransaction', { account: env.accounts.solana[0], chain: 'solana:mainnet', transaction: bytesToBase64(tx.serialize({ requireAllSignatures: false })) }, 'solana');
    expect(r).toMatchObject({ error: { code: -32602 } });
    expect(env.asked).toEqual([]);
  });

  it('SetAuthority of the user\'s token account to someone else is a danger in the window', async () => {
    const env = await makeDappEnv();
    const user = env.accounts.solana[0];
    await env.connect('solana', [user]);
    const mint = Keypair.generate().publicKey;
    const ata = getAssociatedTokenAddressSync(mint, new PublicKey(user));
    const tx = new Transaction({ feePayer: new PublicKey(user), recentBlockhash: '11111111111111111111111111111111' })
      .add(createSetAuthorityInstruction(ata, new PublicKey(user), AuthorityType.AccountOwner, Keypair.generate().publicKey, [], TOKEN_PROGRAM_ID));
    await env.call('solana:signTransaction', { account: user, transaction: bytesToBase64(tx.serialize({ requireAllSignatures: false })) }, 'solana');
    expect(env.asked[0]!.warnings[0]).toMatchObject({ level: 'danger', code: 'solana-token-authority-change' });
    // Without an RPC the window says plainly that nothing was simulated.
    expect((env.asked[0]!.details as { whatHappens: unknown }).whatHappens).toMatchObject({ simulated: false });
  });
});
