// Hardhat 2 config for the local EVM dev chain (`scripts/chains/evm.ts` runs `hardhat node`).
// The mnemonic is the PUBLIC Hardhat/Anvil test phrase (see scripts/chains/demo.ts): never use it for real funds.
// Paths point away from the repo so `hardhat node` never compiles anything or writes cache/artifacts at the root;
// the demo contracts are compiled offline by scripts/chains/compile.ts (solc npm package).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      accounts: { mnemonic: 'test test test test test test test test test test test junk', count: 10 },
    },
  },
  paths: {
    sources: './node_modules/.cache/meridian-hardhat/sources',
    cache: './node_modules/.cache/meridian-hardhat/cache',
    artifacts: './node_modules/.cache/meridian-hardhat/artifacts',
  },
};
