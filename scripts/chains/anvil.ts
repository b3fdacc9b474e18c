// A second local EVM node: anvil (Foundry), which answers eth_simulateV1 (Hardhat 2 does not). Same chain id,
// accounts and demo contracts as the Hardhat Localnet (scripts/chains/evm.ts), on a port of the caller's choice.
// The binary comes from the npm platform package @foundry-rs/anvil-linux-amd64 (npm 11 blocks the wrapper's postinstall).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNT_COUNT, DEMO_MNEMONIC, EVM_CHAIN_ID, EVM_DEMO_ACCOUNTS, EVM_DEMO_TOKENS, EVM_INITIAL_ETH_WEI, MULTICALL3_ADDRESS } from './demo';
import { rpc, setupDemoState, type EvmChain } from './evm';
import { REPO_ROOT, TailBuffer, assertPortFree, getFreePort, pollUntil } from './util';

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': 'anvil-linux-amd64', 'linux-arm64': 'anvil-linux-arm64', 'darwin-x64': 'anvil-darwin-amd64',
  'darwin-arm64': 'anvil-darwin-arm64', 'win32-x64': 'anvil-win32-amd64',
};

/** Path of the anvil binary shipped by the platform package of this machine. */
export function anvilBinary(): string {
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) throw new Error(`anvil: no @foundry-rs platform package for ${process.platform}-${process.arch}`);
  const bin = join(REPO_ROOT, 'node_modules', '@foundry-rs', pkg, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil: ${bin} is missing (npm install @foundry-rs/${pkg}@1.7.1 -D)`);
  return bin;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok, fail) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    const give = setTimeout(() => fail(new Error(`anvil (pid ${child.pid}) did not exit after SIGKILL`)), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      clearTimeout(give);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts anvil on 127.0.0.1 (default: a free port) with the demo mnemonic, chain id 31337 and 10,000 ETH per account,
 * then deploys the same demo state as the Hardhat Localnet. `pid` is anvil's process id.
 */
export async function startAnvilChain(opts: { port?: number; host?: string } = {}): Promise<EvmChain> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? await getFreePort(host);
  await assertPortFree(port, host, 'EVM chain (anvil)');
  const bin = anvilBinary();
  const args = ['--host', host, '--port', String(port), '--chain-id', String(EVM_CHAIN_ID), '--mnemonic', DEMO_MNEMONIC,
    '--accounts', String(DEMO_ACCOUNT_COUNT), '--balance', String(EVM_INITIAL_ETH_WEI / 10n ** 18n)];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = new TailBuffer();
  child.stdout?.on('data', (c: Buffer) => tail.push(c));
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const url = `http://${host}:${port}`;
  try {
    await pollUntil(async () => {
      if (spawnError || child.exitCode !== null) throw new Error('exited');
      return (await rpc<string>(url, 'eth_chainId')) === `0x${EVM_CHAIN_ID.toString(16)}`;
    }, { timeoutMs: 30_000, intervalMs: 50, describe: () => `anvil did not answer eth_chainId on ${url} within 30 s` }).catch((e: Error) => {
      if (spawnError) throw new Error(`could not start ${bin}: ${spawnError.message}`);
      if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}:\n${tail}`);
      throw new Error(`${e.message}\n${tail}`);
    });
    await setupDemoState(url);
  } catch (e) {
    await stopChild(child).catch(() => undefined);
    throw e;
  }
  if (child.pid === undefined) throw new Error('anvil has no pid');
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  return {
    url, port, pid: child.pid,
    info: { chainId: EVM_CHAIN_ID, rpcUrl: url, accounts: EVM_DEMO_ACCOUNTS, initialEthWei: EVM_INITIAL_ETH_WEI, multicall3: MULTICALL3_ADDRESS, tokens: EVM_DEMO_TOKENS },
    async stop() {
      await stopChild(child);
      process.removeListener('exit', onExit);
    },
  };
}
