// Small helpers shared by the dev-chain scripts (Node only).
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (scripts/chains/../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Rejects with a clear message when host:port cannot be bound (already in use, or not permitted). */
export async function assertPortFree(port: number, host = '127.0.0.1', what = 'dev chain'): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use (is another dev chain or node running?)' : `cannot be bound (${err.code ?? err.message})`;
      fail(new Error(`${what}: port ${port} on ${host} ${why}. Stop that process or choose another port.`));
    });
    srv.listen(port, host, () => srv.close(() => ok()));
  });
}

/** A port the OS reports as free right now on 127.0.0.1. */
export async function getFreePort(host = '127.0.0.1'): Promise<number> {
  return await new Promise<number>((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? ok(port) : fail(new Error('no free port'))));
    });
  });
}

/** Polls `probe` every `intervalMs` until it returns true; throws `describe()` after `timeoutMs`. */
export async function pollUntil(
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; describe: () => string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() >= deadline) throw new Error(opts.describe());
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

/** Keeps the last `max` characters of a stream (for error messages) while draining it. */
export class TailBuffer {
  private text = '';
  constructor(private readonly max = 4000) {}
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.max);
  }
  toString(): string {
    return this.text;
  }
}
