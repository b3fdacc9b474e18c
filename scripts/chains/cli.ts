// npx tsx scripts/chains/cli.ts — runs both dev chains until Ctrl+C / SIGTERM.
// Ports: MERIDIAN_EVM_PORT (8545), MERIDIAN_SOL_PORT (8899); MERIDIAN_EVM_PROXY_PORT starts a counting proxy.
import { DEMO_MNEMONIC } from './demo';
import { startDevChains } from './index';

async function main(): Promise<void> {
  const proxyRaw = process.env.MERIDIAN_EVM_PROXY_PORT;
  const chains = await startDevChains(proxyRaw ? { evmProxyPort: Number(proxyRaw) } : {});
  const { evm, solana, evmProxy, startupMs } = chains;
  const lines = [
    'Meridian dev chains are running (PUBLIC demo keys: never send real funds to these addresses).',
    `  mnemonic      ${DEMO_MNEMONIC}`,
    `  EVM           ${evm.url}  chainId ${evm.info.chainId}  (hardhat node pid ${evm.pid}, ${startupMs.evm} ms)`,
    ...(evmProxy ? [`  EVM (counted) ${evmProxy.url}`] : []),
    `  Multicall3    ${evm.info.multicall3}`,
    ...evm.info.tokens.map((t) => `  ${t.symbol.padEnd(13)} ${t.address}  ${t.decimals} decimals, ${t.initialBalance} base units per account`),
    `  EVM accounts  ${evm.info.accounts.join(', ')}`,
    `  Solana        ${solana.url}  genesis ${solana.info.genesisHash}  (${startupMs.solana} ms)`,
    ...solana.info.mints.map((m) => `  ${m.symbol.padEnd(13)} ${m.address}  ${m.decimals} decimals, ${m.initialBalance} base units per account`),
    `  SOL accounts  ${solana.info.accounts.join(', ')}  (${solana.info.initialLamports} lamports each)`,
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping dev chains...`);
    chains.stop().then(
      () => {
        console.log('stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        console.error('error while stopping:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
