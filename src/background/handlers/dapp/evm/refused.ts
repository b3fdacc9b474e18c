/** Methods the wallet refuses on purpose: eth_sign, eth_signTransaction. */
import { UnsupportedMethodError } from '../../../../shared/errors';
import type { DappHandler } from '../context';

export const ethSign: DappHandler = async () => { throw new UnsupportedMethodError('eth_sign is disabled: it signs an opaque hash the user cannot read. Use personal_sign or eth_signTypedData_v4.'); };

export const ethSignTransaction: DappHandler = async () => { throw new UnsupportedMethodError('eth_signTransaction is not supported; use eth_sendTransaction.'); };
