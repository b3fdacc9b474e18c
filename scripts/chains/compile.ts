// Regenerates scripts/chains/contracts/compiled.json from the .sol sources with the bundled solc (offline).
// Run: npx tsx scripts/chains/compile.ts   (commit the resulting compiled.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc') as { compile(input: string): string; version(): string };
const dir = join(dirname(fileURLToPath(import.meta.url)), 'contracts');
const SOURCES = ['Multicall3.sol', 'DemoToken.sol', 'DemoNFT.sol', 'DemoMulti.sol', 'DemoPermit2.sol', 'DemoPool.sol'] as const;
export const EVM_VERSION = 'paris';

interface SolcContractOut { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, SolcContractOut>>;
}

function main(): void {
  const sources = Object.fromEntries(SOURCES.map((f) => [f, { content: readFileSync(join(dir, f), 'utf8') }]));
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const pick = (file: string, name: string) => {
    const c = out.contracts[file]?.[name];
    if (!c) throw new Error(`solc produced no ${name} in ${file}`);
    return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}` };
  };
  const compiled = {
    compiler: `solc ${solc.version()}`,
    evmVersion: EVM_VERSION,
    contracts: {
      Multicall3: pick('Multicall3.sol', 'Multicall3'), DemoToken: pick('DemoToken.sol', 'DemoToken'),
      DemoNFT: pick('DemoNFT.sol', 'DemoNFT'), DemoMulti: pick('DemoMulti.sol', 'DemoMulti'),
      DemoPermit2: pick('DemoPermit2.sol', 'DemoPermit2'), DemoPool: pick('DemoPool.sol', 'DemoPool'),
    },
  };
  writeFileSync(join(dir, 'compiled.json'), `${JSON.stringify(compiled, null, 1)}\n`);
  console.log(`wrote ${join(dir, 'compiled.json')} (${compiled.compiler})`);
}

main();
