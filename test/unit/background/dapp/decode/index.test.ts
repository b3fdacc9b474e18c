import { describe, expect, it } from 'vitest';
import * as decode from '../../../../../src/background/dapp/decode';

describe('decode index', () => {
  it('re-exports the public functions', () => {
    for (const name of [
      'decodePersonalMessage', 'personalSignPayload', 'parseSiwe', 'siweWarnings', 'parseSiws', 'siwsWarnings', 'buildSiwsMessage',
      'decodeTypedData', 'typedDataWarnings', 'decodeEvmTransaction', 'evmTransactionWarnings', 'decodeSolanaTransaction',
      'solanaTransactionWarnings', 'estimateSolanaFee',
    ]) expect(typeof (decode as Record<string, unknown>)[name], name).toBe('function');
  });
});
