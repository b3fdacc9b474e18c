/** EVM dapp methods: the dispatch table from method name to handler. */
import type { DappHandler } from '../context';
import {
  ethAccounts, ethRequestAccounts, walletGetPermissions, walletRequestPermissions, walletRevokePermissions,
} from './accounts';
import { ethChainId, netVersion, walletAddEthereumChain, walletSwitchEthereumChain } from './chains';
import { getProviderState } from './providerState';
import { READ_ONLY_METHODS, forward } from './readOnly';
import { ethSign, ethSignTransaction } from './refused';
import { sendTransaction } from './sendTransaction';
import { sendCalls } from './sendCalls';
import { walletGetCallsStatus, walletGetCapabilities, walletShowCallsStatus } from './callsStatus';
import { personalEcRecover, personalSign, signTypedData, signTypedDataV1 } from './sign';
import { walletWatchAsset } from './watchAsset';

export { connectedEvmAccounts, dappEvmAccounts } from './accounts';
export { READ_ONLY_METHODS } from './readOnly';

export const evmHandlers: Record<string, DappHandler> = {
  meridian_getProviderState: getProviderState,
  eth_chainId: ethChainId,
  net_version: netVersion,
  eth_accounts: ethAccounts,
  eth_requestAccounts: ethRequestAccounts,
  wallet_requestPermissions: walletRequestPermissions,
  wallet_getPermissions: walletGetPermissions,
  wallet_revokePermissions: walletRevokePermissions,
  personal_sign: personalSign,
  eth_signTypedData_v4: signTypedData,
  eth_signTypedData_v3: signTypedData,
  eth_signTypedData: signTypedDataV1,
  personal_ecRecover: personalEcRecover,
  eth_sign: ethSign,
  eth_signTransaction: ethSignTransaction,
  eth_sendTransaction: sendTransaction,
  wallet_switchEthereumChain: walletSwitchEthereumChain,
  wallet_addEthereumChain: walletAddEthereumChain,
  wallet_watchAsset: walletWatchAsset,
  // EIP-5792
  wallet_getCapabilities: walletGetCapabilities,
  wallet_sendCalls: sendCalls,
  wallet_getCallsStatus: walletGetCallsStatus,
  wallet_showCallsStatus: walletShowCallsStatus,
};
for (const m of READ_ONLY_METHODS) evmHandlers[m] = (p, ctx) => forward(m, p, ctx);

/** Methods that need a connected site (4100 otherwise, before any approval). */
export const EVM_NEEDS_PERMISSION = new Set(['personal_sign', 'eth_signTypedData_v4', 'eth_signTypedData_v3', 'eth_signTypedData', 'eth_sendTransaction',
  'wallet_getCapabilities', 'wallet_sendCalls', 'wallet_showCallsStatus']);
