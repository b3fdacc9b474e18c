/** The real data of the installed eth-phishing-detect (the bundled list is built from it) and small fakes. */
import { createRequire } from 'node:module';
import { parsePhishingConfig, type PhishingList } from '../../../../src/background/phishing/list';

const require = createRequire(import.meta.url);
export const packageConfig = require('eth-phishing-detect/src/config.json') as { version: number; tolerance: number; fuzzylist: string[]; whitelist: string[]; blacklist: string[] };
export const packageVersion = (require('eth-phishing-detect/package.json') as { version: string }).version;
/** The package's own detector (CommonJS), to compare against. */
export const PackageDetector = require('eth-phishing-detect/src/detector.js') as new (config: unknown) => { check(domain: string): { result: boolean; type: string; match?: string } };

/** What scripts/build.ts writes to dist/phishing-list.json. */
export const bundled = (): PhishingList => parsePhishingConfig(packageConfig, `eth-phishing-detect@${packageVersion}`).list;

/** A small list in the package's shape. */
export const smallConfig = {
  version: 7,
  tolerance: 2,
  fuzzylist: ['metamask.io', 'opensea.io'],
  whitelist: ['metamask.io', 'good.evil-parent.com', 'both.com'],
  blacklist: ['scam.example', 'evil-parent.com', 'both.com', 'sub.metamask.io'],
};
export const small = (): PhishingList => parsePhishingConfig(smallConfig, 'test').list;

/** A fetch answering one body (string) with a status and headers; records every call. */
export function fakeFetch(answer: { status?: number; body: string | Uint8Array[]; headers?: Record<string, string> }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const body = typeof answer.body === 'string' ? answer.body : new ReadableStream<Uint8Array>({
      start(c) { for (const chunk of answer.body as Uint8Array[]) c.enqueue(chunk); c.close(); },
    });
    return new Response(body, { status: answer.status ?? 200, headers: answer.headers ?? {} });
  };
  return { fetch, calls };
}
