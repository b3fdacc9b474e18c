// Local EVM dev chain: a real Hardhat 2 node (child process) + Multicall3 + demo ERC-20s at fixed addresses.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, type Abi, type Hex } from 'viem';
import {
  EVM_CHAIN_ID, EVM_DEFAULT_PORT, EVM_DEMO_ACCOUNTS, EVM_DEMO_TOKENS, EVM_INITIAL_ETH_WEI, MULTICALL3_ADDRESS,
  type EvmDemoInfo,
} from './demo';
import { REPO_ROOT, TailBuffer, assertPortFree, pollUntil } from './util';

export interface EvmChain {
  url: string;
  port: number;
  /** pid of the `hardhat node` process. */
  pid: number;
  info: EvmDemoInfo;
  stop(): Promise<void>;
}

interface CompiledContract { abi: Abi; bytecode: Hex; deployedBytecode: Hex }
interface CompiledFile { contracts: { Multicall3: CompiledContract; DemoToken: CompiledContract } }

export function loadCompiled(): CompiledFile {
  const file = join(REPO_ROOT, 'scripts', 'chains', 'contracts', 'compiled.json');
  return JSON.parse(readFileSync(file, 'utf8')) as CompiledFile;
}

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const t = setTimeout(() => ok(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      ok(true);
    });
  });
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await waitExit(child, 5000)) return;
  child.kill('SIGKILL');
  if (!(await waitExit(child, 5000))) throw new Error(`hardhat node (pid ${child.pid}) did not exit after SIGKILL`);
}

/** Multicall3 (by setCode) + the demo ERC-20s (deployed by account 0 from nonce 0) on a fresh node; shared by Hardhat and anvil. */
export async function setupDemoState(url: string): Promise<void> {
  const { Multicall3, DemoToken } = loadCompiled().contracts;
  await rpc(url, 'hardhat_setCode', [MULTICALL3_ADDRESS, Multicall3.deployedBytecode]);
  const publicClient = createPublicClient({ transport: http(url) });
  const wallet = createWalletClient({ transport: http(url) });
  const deployer = EVM_DEMO_ACCOUNTS[0];
  const nonce = await publicClient.getTransactionCount({ address: deployer });
  if (nonce !== 0) throw new Error(`EVM setup: deployer ${deployer} has nonce ${nonce}, expected a fresh chain (0)`);
  for (const token of EVM_DEMO_TOKENS) {
    const hash = await wallet.deployContract({
      abi: DemoToken.abi,
      bytecode: DemoToken.bytecode,
      args: [token.name, token.symbol, token.decimals, [...EVM_DEMO_ACCOUNTS], token.initialBalance],
      account: deployer,
      chain: null,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success' || receipt.contractAddress?.toLowerCase() !== token.address.toLowerCase()) {
      throw new Error(`EVM setup: ${token.symbol} deployed at ${receipt.contractAddress} (${receipt.status}), expected ${token.address}`);
    }
  }
}

/**
 * Starts `hardhat node` (hardhat.config.cjs at the repo root: chain 31337, DEMO_MNEMONIC accounts) and deploys the
 * demo state. Rejects with a clear error if the port is taken or the node does not answer within 30 s.
 */
export async function startEvmChain(opts: { port?: number; host?: string } = {}): Promise<EvmChain> {
  const port = opts.port ?? EVM_DEFAULT_PORT;
  const host = opts.host ?? '127.0.0.1';
  await assertPortFree(port, host, 'EVM chain (hardhat node)');
  const bin = join(REPO_ROOT, 'node_modules', '.bin', 'hardhat');
  const child = spawn(bin, ['node', '--hostname', host, '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', HARDHAT_HIDE_SOLIDITY_SURVEY_MESSAGE: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new TailBuffer();
  child.stdout?.on('data', (c: Buffer) => tail.push(c)); // drain: hardhat logs every RPC call
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const url = `http://${host}:${port}`;
  try {
    await pollUntil(
      async () => {
        if (spawnError || child.exitCode !== null) throw new Error('exited');
        return (await rpc<string>(url, 'eth_chainId')) === `0x${EVM_CHAIN_ID.toString(16)}`;
      },
      { timeoutMs: 30_000, describe: () => `hardhat node did not answer eth_chainId on ${url} within 30 s` },
    ).catch((e: Error) => {
      if (spawnError) throw new Error(`could not start ${bin}: ${spawnError.message}`);
      if (child.exitCode !== null) throw new Error(`hardhat node exited with code ${child.exitCode}:\n${tail}`);
      throw new Error(`${e.message}\n${tail}`);
    });
    await setupDemoState(url);
  } catch (e) {
    await killChild(child).catch(() => undefined);
    throw e;
  }
  if (child.pid === undefined) throw new Error('hardhat node has no pid');
  // Last resort if our process exits without calling stop() (uncaught error, process.exit): do not orphan the node.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    await killChild(child);
    process.removeListener('exit', onExit);
  };
  const info: EvmDemoInfo = {
    chainId: EVM_CHAIN_ID,
    rpcUrl: url,
    accounts: EVM_DEMO_ACCOUNTS,
    initialEthWei: EVM_INITIAL_ETH_WEI,
    multicall3: MULTICALL3_ADDRESS,
    tokens: EVM_DEMO_TOKENS,
  };
  return { url, port, pid: child.pid, info, stop };
}
