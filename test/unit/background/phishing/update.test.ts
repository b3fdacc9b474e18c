// Fetching a list from the update URL with a fake fetch: the happy path, the size cap (declared and streamed),
// and every way an answer can be refused. No real request is made.
import { describe, expect, it } from 'vitest';
import { checkUpdateUrl, fetchPhishingList } from '../../../../src/background/phishing/update';
import { fakeFetch, smallConfig } from './fixtures';

const URL_ = 'https://lists.example/config.json';
const enc = (s: string) => new TextEncoder().encode(s);

describe('fetchPhishingList', () => {
  it('fetches without credentials or cache and returns the checked list, its source the URL', async () => {
    const f = fakeFetch({ body: JSON.stringify(smallConfig) });
    expect(await fetchPhishingList(URL_, { fetch: f.fetch })).toEqual({
      source: URL_, version: '7', tolerance: 2, fuzzylist: ['metamask.io', 'opensea.io'],
      allowlist: ['both.com', 'good.evil-parent.com', 'metamask.io'], blocklist: ['both.com', 'evil-parent.com', 'scam.example', 'sub.metamask.io'],
    });
    expect(f.calls.map((c) => [c.url, c.init.credentials, c.init.cache, c.init.signal instanceof AbortSignal])).toEqual([[URL_, 'omit', 'no-store', true]]);
  });

  it('reads a streamed body in chunks', async () => {
    const json = JSON.stringify(smallConfig);
    const f = fakeFetch({ body: [enc(json.slice(0, 10)), enc(json.slice(10))] });
    expect((await fetchPhishingList(URL_, { fetch: f.fetch })).blocklist).toEqual(['both.com', 'evil-parent.com', 'scam.example', 'sub.metamask.io']);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const f = fakeFetch({ body: '{}', headers: { 'content-length': '101' } });
    await expect(fetchPhishingList(URL_, { fetch: f.fetch, maxBytes: 100 })).rejects.toThrow('The phishing list is larger than 100 bytes.');
  });

  it('stops reading a body without Content-Length once it passes the cap', async () => {
    let pulled = 0;
    const fetch = async () => new Response(new ReadableStream<Uint8Array>({
      pull(c) { pulled++; c.enqueue(new Uint8Array(40)); }, // endless
    }));
    await expect(fetchPhishingList(URL_, { fetch, maxBytes: 100 })).rejects.toThrow('The phishing list is larger than 100 bytes.');
    expect(pulled).toBe(4); // 3 chunks read (120 bytes > 100), one queued ahead by the stream; then cancelled
  });

  it.each([
    ['an HTTP error', { status: 404, body: 'nope' }, 'The phishing list server answered HTTP 404.'],
    ['not JSON', { body: '<html>' }, 'The phishing list is not valid JSON.'],
    ['not UTF-8', { body: [new Uint8Array([0x7b, 0xff, 0x7d])] }, 'The phishing list is not UTF-8 text.'],
    ['the wrong shape', { body: JSON.stringify({ blacklist: 'x' }) }, 'The phishing list has no "blacklist" array.'],
    ['an array', { body: '[]' }, 'The phishing list is not a JSON object.'],
  ])('refuses %s', async (_n, answer, message) => {
    await expect(fetchPhishingList(URL_, { fetch: fakeFetch(answer).fetch })).rejects.toThrow(message);
  });

  it('gives up after the timeout', async () => {
    const fetch = (_u: string, init: RequestInit) => new Promise<Response>((_ok, fail) => init.signal!.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError'))));
    await expect(fetchPhishingList(URL_, { fetch, timeoutMs: 20 })).rejects.toThrow('The phishing list did not arrive in time.');
  });
});

describe('checkUpdateUrl', () => {
  it('accepts https and loopback http', () => {
    expect(checkUpdateUrl(' https://raw.example/list.json ')).toBe('https://raw.example/list.json');
    expect(checkUpdateUrl('http://127.0.0.1:8080/l.json')).toBe('http://127.0.0.1:8080/l.json');
  });
  it.each([
    ['not a url', 'The phishing list address is not a URL.'],
    ['http://lists.example/l.json', 'The phishing list address must use HTTPS.'],
    ['ftp://lists.example/l.json', 'The phishing list address must use HTTPS.'],
    ['https://u:p@lists.example/l.json', 'The phishing list address must not carry a user name, password or fragment.'],
    ['https://lists.example/l.json#x', 'The phishing list address must not carry a user name, password or fragment.'],
  ])('refuses %s', (url, message) => {
    expect(() => checkUpdateUrl(url)).toThrow(message);
  });
});
