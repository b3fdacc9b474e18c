// Inpage script (MAIN world, document_start, every frame): the EIP-1193 provider (window.ethereum + EIP-6963)
// and the Solana Wallet Standard wallet, both talking to the background through the content bridge. Glue only:
// the wiring is startInpage.ts.
import { registerWallet } from '@wallet-standard/wallet';
import { startInpage } from './startInpage';
import { createWindowTransport } from './transport';

startInpage(window, createWindowTransport(window), registerWallet);
