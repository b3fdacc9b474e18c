import type { MessageKey } from './i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Coded = { code?: number; message?: string; data?: unknown };

/** A coded error from the background in the UI's language (the English message only as a last resort). */
export function errorText(t: T, e: unknown): string {
  const err = (e ?? {}) as Coded;
  const data = (err.data ?? {}) as { reason?: unknown; url?: unknown; expected?: unknown; got?: unknown; name?: unknown; count?: unknown; position?: unknown; word?: unknown; suggestion?: unknown; at?: unknown; was?: unknown };
  const reason = typeof data.reason === 'string' ? data.reason : undefined;
  const url = typeof data.url === 'string' ? data.url : undefined;
  switch (err.code) {
    case 1000: return t('errLocked');
    case 1001: return t('errWrongPassword');
    case 1003: return phraseError(t, reason, data);
    case 1004: return t('errInvalidPrivateKey');
    case 1005: return t('errTooManyAttempts');
    case 1008: return t('errWeakPassword');
    case 1009: return t('errDuplicateAccount');
    case 1010: return reason === 'draft-expired' ? t('errDraftExpired') : t('errNotFound');
    case 1011: return t('errStorageFull');
    case 1012:
      if (reason === 'no-match') return t('errPasskeyNoMatch');
      if (reason === 'no-prf') return t('passkeyNoPrf');
      return t('errPasskeyNotEnrolled');
    case 1100: return reason === 'checksum' ? t('recipientChecksum') : reason === 'off-curve' ? t('recipientOffCurve') : t('recipientFormat');
    case 1101:
      if (reason === 'too-many-decimals') return t('amountTooManyDecimals');
      if (reason === 'zero') return t('amountZero');
      if (reason === 'negative') return t('amountNegative');
      if (reason === 'below-rent-exempt') return t('errBelowRent');
      return t('amountNotNumber');
    case 1102: return reason === 'rent' ? t('errRentLeft') : t('errInsufficientFunds');
    // Custom network checks name the URL that failed (`reason` set: it did not answer; else: not such a node).
    case 1104: return url === undefined ? t('errRpcUnavailable') : reason !== undefined ? t('errRpcUnreachableUrl', { url }) : t('errNotRpcNode', { url });
    case 1105: return t('errRpcResponse');
    case 1106: return typeof data.got === 'number' && typeof data.expected === 'number'
      ? t('errChainIdMismatchDetail', { got: data.got, expected: data.expected }) : t('errChainIdMismatch');
    case 1107: return typeof data.name === 'string' ? t('errNetworkExistsNamed', { name: data.name }) : t('errNetworkExists');
    case 1109: return t('errSimulationFailed');
    case 1114: return t('errPreviewChanged', { at: String(data.at ?? '?'), was: String(data.was ?? '?') });
    case 1110: return t('errTokenNotFound');
    case 1112: return t('errBroadcast');
    case 1113: return t('errInvalidNetwork');
    case 4900: return t('errDisconnected');
    case -32602: return t('errInvalidInput');
    default: return t('errGeneric');
  }
}

/** Phrase import: which word, which suggestion, how many words (the data the background attaches). */
function phraseError(t: T, reason: string | undefined, d: { count?: unknown; position?: unknown; word?: unknown; suggestion?: unknown }): string {
  if (reason === 'word-count' && typeof d.count === 'number') return t('errPhraseWordCount', { count: d.count });
  if (reason === 'unknown-word' && typeof d.position === 'number' && typeof d.word === 'string') {
    return typeof d.suggestion === 'string' && d.suggestion
      ? t('errPhraseUnknownWordSuggest', { position: d.position, word: d.word, suggestion: d.suggestion })
      : t('errPhraseUnknownWord', { position: d.position, word: d.word });
  }
  if (reason === 'checksum') return t('errPhraseChecksum');
  return t('errPhraseEmpty');
}
