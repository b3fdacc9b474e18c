// Inpage script (MAIN world, document_start, every frame): the EIP-1193 provider (window.ethereum + EIP-6963)
// and the Solana Wallet Standard wallet, both talking to the background through the content bridge.
import { registerWallet } from '@wallet-standard/wallet';
import { MeridianEthereumProvider } from './eip1193Provider';
import { announceEip6963 } from './eip6963';
import { MeridianSolanaWallet } from './solanaWallet';
import { createWindowTransport } from './transport';
import { installWindowEthereum } from './windowEthereum';

const transport = createWindowTransport(window);
// Once the background answers meridian_getProviderState: take window.ethereum over if the user made Meridian the default.
const provider = new MeridianEthereumProvider(transport, (state) => { if (state.isDefaultWallet) installWindowEthereum(window, provider, true); });
installWindowEthereum(window, provider);
announceEip6963(provider);
registerWallet(new MeridianSolanaWallet(transport));
