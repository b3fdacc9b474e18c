import type { MessageKey } from './i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Coded = { code?: number; message?: string; data?: unknown };

/** A coded error from the background in the UI's language (the English message only as a last resort). */
export function errorText(t: T, e: unknown): string {
  const err = (e ?? {}) as Coded;
  const reason = (err.data as { reason?: string } | undefined)?.reason;
  switch (err.code) {
    case 1000: return t('errLocked');
    case 1001: return t('errWrongPassword');
    case 1005: return t('errTooManyAttempts');
    case 1010: return reason === 'draft-expired' ? t('errDraftExpired') : t('errNotFound');
    case 1100: return reason === 'checksum' ? t('recipientChecksum') : reason === 'off-curve' ? t('recipientOffCurve') : t('recipientFormat');
    case 1101:
      if (reason === 'too-many-decimals') return t('amountTooManyDecimals');
      if (reason === 'zero') return t('amountZero');
      if (reason === 'negative') return t('amountNegative');
      if (reason === 'below-rent-exempt') return t('errBelowRent');
      return t('amountNotNumber');
    case 1102: return reason === 'rent' ? t('errRentLeft') : t('errInsufficientFunds');
    case 1104: return t('errRpcUnavailable');
    case 1105: return t('errRpcResponse');
    case 1106: return t('errChainIdMismatch');
    case 1107: return t('errNetworkExists');
    case 1109: return t('errSimulationFailed');
    case 1110: return t('errTokenNotFound');
    case 1112: return t('errBroadcast');
    case 1113: return t('errInvalidNetwork');
    case 4900: return t('errDisconnected');
    case -32602: return t('errInvalidInput');
    default: return t('errGeneric');
  }
}
