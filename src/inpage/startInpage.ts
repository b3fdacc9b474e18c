/**
 * The inpage script's wiring, with the window, transport and Wallet Standard registration as parameters (tested in
 * Node): the EIP-1193 provider as `window.ethereum` when that is free, EIP-6963, the Solana wallet, and the
 * "default wallet" takeover once the background's state says the user turned it on.
 */
import type { Wallet } from '@wallet-standard/base';
import { MeridianEthereumProvider } from './eip1193Provider';
import { announceEip6963 } from './eip6963';
import { MeridianSolanaWallet } from './solanaWallet';
import type { Transport } from './transport';
import { installWindowEthereum } from './windowEthereum';

export type InpageWindow = Parameters<typeof announceEip6963>[1] & object;

export function startInpage(win: InpageWindow, transport: Transport, register: (wallet: Wallet) => void) {
  // Once the background answers meridian_getProviderState: take window.ethereum over if the user made Meridian the default.
  const provider: MeridianEthereumProvider = new MeridianEthereumProvider(transport, (state) => {
    if (state.isDefaultWallet) installWindowEthereum(win, provider, true);
  });
  installWindowEthereum(win, provider);
  announceEip6963(provider, win);
  const wallet = new MeridianSolanaWallet(transport);
  register(wallet);
  return { provider, wallet };
}
