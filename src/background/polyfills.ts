// bip39 (bitcoinjs) and @solana/web3.js use Node's Buffer at call time; the service worker has none.
import { Buffer } from 'buffer';

const g = globalThis as unknown as { Buffer?: typeof Buffer };
g.Buffer ??= Buffer;
