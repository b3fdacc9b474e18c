// Local EVM dev chain: a real Hardhat 2 node (child process) + Multicall3 + demo ERC-20s, and the demo ERC-721, ERC-1155,
// Permit2 and mUSD/mWETH pool, all at fixed addresses.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPublicClient, createWalletClient, defineChain, encodeAbiParameters, http, keccak256, numberToHex, pad, parseAbi, toBytes,
  type Abi, type Address, type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  EVM_CHAIN_ID, EVM_DEFAULT_PORT, EVM_DEMO_ACCOUNTS, EVM_DEMO_DEPLOYER, EVM_DEMO_DEPLOYER_LABEL, EVM_DEMO_MULTI, EVM_DEMO_NFT,
  EVM_DEMO_POOL, EVM_DEMO_TOKENS, EVM_INITIAL_ETH_WEI, EVM_PERMIT2_ADDRESS, MULTICALL3_ADDRESS, type EvmDemoInfo,
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
interface CompiledFile {
  contracts: {
    Multicall3: CompiledContract; DemoToken: CompiledContract; DemoNFT: CompiledContract; DemoMulti: CompiledContract;
    DemoPermit2: CompiledContract; DemoPool: CompiledContract;
  };
}

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
  await setupDemoContracts(url);
}

/** DemoToken storage: name (0), symbol (1), totalSupply (2), balanceOf (3); decimals is immutable (no slot). */
const TOTAL_SUPPLY_SLOT = 2n;
const BALANCE_OF_SLOT = 3n;
const word = (n: bigint): Hex => pad(numberToHex(n), { size: 32 });
const mappingSlot = (key: Address, slot: bigint): Hex =>
  keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [key, slot]));

/** Adds `amount` to `holder`'s DemoToken balance (and to totalSupply) by writing storage: a mint without a mint function. */
async function creditDemoToken(url: string, token: Address, holder: Address, amount: bigint): Promise<void> {
  const read = async (slot: Hex) => BigInt(await rpc<Hex>(url, 'eth_getStorageAt', [token, slot, 'latest']));
  const balanceSlot = mappingSlot(holder, BALANCE_OF_SLOT);
  const supplySlot = word(TOTAL_SUPPLY_SLOT);
  const [balance, supply] = [await read(balanceSlot), await read(supplySlot)];
  await rpc(url, 'hardhat_setStorageAt', [token, balanceSlot, word(balance + amount)]);
  await rpc(url, 'hardhat_setStorageAt', [token, supplySlot, word(supply + amount)]);
}

/**
 * Permit2 (by setCode at its canonical address), then, from EVM_DEMO_DEPLOYER (funded by setBalance; the demo accounts
 * are not touched): the ERC-721 (nonce 0), the ERC-1155 (nonce 1) and the mUSD/mWETH pool (nonce 2), whose token
 * balances are credited by storage writes before `sync()` (nonce 3) makes them its reserves.
 */
async function setupDemoContracts(url: string): Promise<void> {
  const { DemoNFT, DemoMulti, DemoPermit2, DemoPool } = loadCompiled().contracts;
  await rpc(url, 'hardhat_setCode', [EVM_PERMIT2_ADDRESS, DemoPermit2.deployedBytecode]);
  const account = privateKeyToAccount(keccak256(toBytes(EVM_DEMO_DEPLOYER_LABEL)));
  if (account.address !== EVM_DEMO_DEPLOYER) throw new Error(`EVM setup: deployer key gives ${account.address}, expected ${EVM_DEMO_DEPLOYER}`);
  await rpc(url, 'hardhat_setBalance', [account.address, numberToHex(1000n * 10n ** 18n)]);
  const chain = defineChain({
    id: EVM_CHAIN_ID, name: 'Meridian Localnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [url] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(url) });
  const wallet = createWalletClient({ account, chain, transport: http(url) });
  const nonce = await publicClient.getTransactionCount({ address: account.address });
  if (nonce !== 0) throw new Error(`EVM setup: deployer ${account.address} has nonce ${nonce}, expected a fresh chain (0)`);
  const deployed = async (hash: Hex, expected: string, what: string) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success' || receipt.contractAddress?.toLowerCase() !== expected.toLowerCase()) {
      throw new Error(`EVM setup: ${what} deployed at ${receipt.contractAddress} (${receipt.status}), expected ${expected}`);
    }
  };
  await deployed(await wallet.deployContract({
    abi: DemoNFT.abi, bytecode: DemoNFT.bytecode, nonce: 0,
    args: [EVM_DEMO_NFT.name, EVM_DEMO_NFT.symbol, EVM_DEMO_NFT.holder, BigInt(EVM_DEMO_NFT.tokenIds.length)],
  }), EVM_DEMO_NFT.address, 'DemoNFT');
  await deployed(await wallet.deployContract({
    abi: DemoMulti.abi, bytecode: DemoMulti.bytecode, nonce: 1,
    args: [EVM_DEMO_MULTI.holder, EVM_DEMO_MULTI.balances.map((b) => b.id), EVM_DEMO_MULTI.balances.map((b) => b.amount)],
  }), EVM_DEMO_MULTI.address, 'DemoMulti');
  await deployed(await wallet.deployContract({
    abi: DemoPool.abi, bytecode: DemoPool.bytecode, nonce: 2, args: [EVM_DEMO_POOL.token0, EVM_DEMO_POOL.token1],
  }), EVM_DEMO_POOL.address, 'DemoPool');
  await creditDemoToken(url, EVM_DEMO_POOL.token0, EVM_DEMO_POOL.address, EVM_DEMO_POOL.reserve0);
  await creditDemoToken(url, EVM_DEMO_POOL.token1, EVM_DEMO_POOL.address, EVM_DEMO_POOL.reserve1);
  const poolAbi = parseAbi(['function sync()', 'function reserve0() view returns (uint256)', 'function reserve1() view returns (uint256)']);
  const sync = await wallet.writeContract({ address: EVM_DEMO_POOL.address, abi: poolAbi, functionName: 'sync', nonce: 3 });
  if ((await publicClient.waitForTransactionReceipt({ hash: sync, pollingInterval: 50 })).status !== 'success') throw new Error('EVM setup: pool sync() failed');
  const reserves = [
    await publicClient.readContract({ address: EVM_DEMO_POOL.address, abi: poolAbi, functionName: 'reserve0' }),
    await publicClient.readContract({ address: EVM_DEMO_POOL.address, abi: poolAbi, functionName: 'reserve1' }),
  ];
  if (reserves[0] !== EVM_DEMO_POOL.reserve0 || reserves[1] !== EVM_DEMO_POOL.reserve1) {
    throw new Error(`EVM setup: pool reserves ${reserves.join('/')}, expected ${EVM_DEMO_POOL.reserve0}/${EVM_DEMO_POOL.reserve1}`);
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
