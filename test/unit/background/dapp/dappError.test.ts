// Errors toward pages: standard codes only, and never an RPC URL (it may carry the user's API key).
import { describe, expect, it } from 'vitest';
import { toDappError } from '../../../../src/background/dapp/dappError';
import { InvalidParamsError, LockedError, UserRejectedError } from '../../../../src/shared/errors';
import { RpcUnavailableError, TokenNotFoundError } from '../../../../src/chains/errors';

describe('toDappError', () => {
  it('keeps standard codes and their data', () => {
    expect(toDappError(new UserRejectedError('User rejected the request.'))).toEqual({ code: 4001, message: 'User rejected the request.' });
    expect(toDappError(new InvalidParamsError('bad', { chainId: '0x1' }))).toEqual({ code: -32602, message: 'bad', data: { chainId: '0x1' } });
  });
  it('strips RPC URLs (with their API keys) from message and data, and maps wallet codes to -32603 / 4100', () => {
    const e = new RpcUnavailableError('All RPC endpoints failed (https://mainnet.infura.io/v3/SECRETKEY123: HTTP 429)',
      { reasons: ['https://mainnet.infura.io/v3/SECRETKEY123: HTTP 429', 'wss://x.example/key?k=SECRET2'] });
    const out = toDappError(e);
    expect(JSON.stringify(out)).not.toMatch(/SECRET|infura|x\.example/);
    expect(out).toEqual({
      code: -32603, message: 'All RPC endpoints failed ([RPC URL] HTTP 429)',
      data: { walletCode: RpcUnavailableError.code, detail: { reasons: ['[RPC URL] HTTP 429', '[RPC URL]'] } },
    });
    expect(toDappError(new TokenNotFoundError('No contract', { address: '0xabc' }))).toEqual({ code: -32603, message: 'No contract', data: { walletCode: TokenNotFoundError.code, detail: { address: '0xabc' } } });
    expect(toDappError(new LockedError('The wallet is locked.'))).toEqual({ code: 4100, message: 'The wallet is locked.', data: { walletCode: 1000 } });
    expect(toDappError(new Error('secret input 0xdeadbeef'))).toEqual({ code: -32603, message: 'Internal error' });
  });

  it('cuts a URL whole, commas and parentheses of its query included, and survives a quote after a URL in data', () => {
    const e = new RpcUnavailableError('All RPC endpoints failed (https://rpc.example/?keys=AAA,SECRET_B)x: HTTP 500)',
      { node: 'see https://docs.example/e"SECRET_C" for details', 'https://k.example/SECRET_D': 1 });
    const out = toDappError(e);
    expect(JSON.stringify(out)).not.toMatch(/SECRET|example/);
    expect(out).toEqual({
      code: -32603, message: 'All RPC endpoints failed ([RPC URL] HTTP 500)',
      data: { walletCode: RpcUnavailableError.code, detail: { node: 'see [RPC URL] for details', '[RPC URL]': 1 } },
    });
  });
});
