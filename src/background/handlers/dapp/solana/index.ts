/** Solana dapp methods: the dispatch table from method name to handler. */
import type { DappHandler } from '../context';
import { solanaConnect, solanaDisconnect } from './accounts';
import { signIn } from './signIn';
import { signMessage } from './signMessage';
import { signAndSendTransaction, signTransaction } from './signTransaction';

export { connectedSolanaAccounts } from './accounts';
export { SOLANA_CHAINS } from './signTransaction';

export const solanaHandlers: Record<string, DappHandler> = {
  'solana:connect': solanaConnect,
  'solana:disconnect': solanaDisconnect,
  'solana:signTransaction': signTransaction,
  'solana:signAndSendTransaction': signAndSendTransaction,
  'solana:signMessage': signMessage,
  'solana:signIn': signIn,
};

export const SOLANA_NEEDS_PERMISSION = new Set(['solana:signTransaction', 'solana:signAndSendTransaction', 'solana:signMessage']);
