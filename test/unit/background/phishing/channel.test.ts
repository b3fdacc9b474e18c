// The warning page's channel: exact answers and errors.
import { describe, expect, it } from 'vitest';
import { handlePhishingMessage } from '../../../../src/background/phishing/channel';
import { InvalidParamsError } from '../../../../src/shared/errors';

const deps = {
  language: async () => 'zh_CN' as const,
  continueTo: async (url: string) => { if (!url.startsWith('http')) throw new InvalidParamsError('Only http and https addresses can be opened.'); return `${url}/`; },
};

describe('handlePhishingMessage', () => {
  it('info → the language setting', async () => {
    expect(await handlePhishingMessage({ id: 1, method: 'info', params: {} }, deps)).toEqual({ id: 1, result: { language: 'zh_CN' } });
  });
  it('continue → the URL to open', async () => {
    expect(await handlePhishingMessage({ id: 2, method: 'continue', params: { url: 'https://a.example' } }, deps)).toEqual({ id: 2, result: { url: 'https://a.example/' } });
  });
  it('errors keep their code', async () => {
    expect(await handlePhishingMessage({ id: 3, method: 'continue', params: { url: 'ftp://x' } }, deps)).toEqual({ id: 3, error: { code: -32602, message: 'Only http and https addresses can be opened.' } });
    expect(await handlePhishingMessage({ id: 4, method: 'continue', params: { url: 5 } }, deps)).toEqual({ id: 4, error: { code: -32602, message: 'Invalid params.' } });
    expect(await handlePhishingMessage({ id: 5, method: 'continue', params: { url: 'h'.repeat(4097) } }, deps)).toEqual({ id: 5, error: { code: -32602, message: 'Invalid params.' } });
    expect(await handlePhishingMessage({ id: 6, method: 'info', params: { x: 1 } }, deps)).toEqual({ id: 6, error: { code: -32602, message: 'Invalid params.' } });
    expect(await handlePhishingMessage({ id: 7, method: 'nope' }, deps)).toEqual({ id: 7, error: { code: -32601, message: 'Unknown method.' } });
  });
  it('no usable id: no answer', async () => {
    expect(await handlePhishingMessage({ method: 'info' }, deps)).toBeNull();
    expect(await handlePhishingMessage({ id: 'x', method: 'info' }, deps)).toBeNull();
    expect(await handlePhishingMessage(null, deps)).toBeNull();
  });
});
