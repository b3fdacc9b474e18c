/** Payment request URIs: EIP-681 (`ethereum:`) and Solana Pay (`solana:`) — parse what is pasted, build what Receive shows. */

export type PaymentRequest = {
  family: 'evm' | 'solana';
  recipient: string;
  /** EVM only (absent: the current network). */
  chainId?: number;
  /** Token contract / mint; absent for the native coin. */
  token?: string;
  /** EVM: base units (EIP-681 integers); absent when not given. */
  amountBase?: bigint;
  /** Solana Pay: decimal in display units. */
  amountDecimal?: string;
};

/** EIP-681 numbers: integers, optionally with an exponent ("2.014e18"). */
function eip681Number(s: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?(?:e(\d+))?$/i.exec(s);
  if (!m) throw new Error('bad number');
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0');
  if (exp > 77) throw new Error('too large'); // 10^77 > 2^256: no real amount; refuse before building a huge string
  if (frac.length > exp) throw new Error('not an integer');
  return BigInt((m[1] ?? '0') + frac.padEnd(exp, '0'));
}

/** The one value of `key`, or null; a key given twice makes the whole URI ambiguous (thrown). */
function single(q: URLSearchParams, key: string): string | null {
  const all = q.getAll(key);
  if (all.length > 1) throw new Error(`${key} given twice`);
  return all[0] ?? null;
}

/**
 * null when `text` is not a payment URI this wallet understands, or asks for something it cannot do exactly
 * (a Solana Pay memo or reference it would drop, an empty token, chain id 0, a parameter given twice): better a
 * clear refusal than a payment that loses the memo an exchange needs.
 */
export function parsePaymentUri(text: string): PaymentRequest | null {
  const s = text.trim();
  try {
    if (/^ethereum:/i.test(s)) {
      const m = /^ethereum:(?:pay-)?(0x[0-9a-fA-F]{40})(?:@(\d+))?(?:\/(\w+))?(?:\?(.*))?$/i.exec(s);
      if (!m) return null;
      const q = new URLSearchParams(m[4] ?? '');
      const chainId = m[2] !== undefined ? Number(m[2]) : undefined;
      if (chainId !== undefined && !(Number.isSafeInteger(chainId) && chainId > 0)) return null;
      if (m[3] === 'transfer') {
        const to = single(q, 'address');
        if (!to || !/^0x[0-9a-fA-F]{40}$/.test(to)) return null;
        const amt = single(q, 'uint256');
        return { family: 'evm', recipient: to, token: m[1]!, ...(chainId ? { chainId } : {}), ...(amt ? { amountBase: eip681Number(amt) } : {}) };
      }
      if (m[3]) return null;
      const value = single(q, 'value');
      return { family: 'evm', recipient: m[1]!, ...(chainId ? { chainId } : {}), ...(value ? { amountBase: eip681Number(value) } : {}) };
    }
    if (/^solana:/i.test(s)) {
      const m = /^solana:([1-9A-HJ-NP-Za-km-z]{32,44})(?:\?(.*))?$/.exec(s);
      if (!m) return null;
      const q = new URLSearchParams(m[2] ?? '');
      if (q.has('memo') || q.has('reference')) return null;
      const amount = single(q, 'amount');
      if (amount !== null && !/^\d+(\.\d+)?$/.test(amount)) return null;
      const token = single(q, 'spl-token');
      if (token !== null && !/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(token)) return null;
      return { family: 'solana', recipient: m[1]!, ...(token ? { token } : {}), ...(amount ? { amountDecimal: amount } : {}) };
    }
  } catch {
    return null;
  }
  return null;
}

export function buildEip681(p: { to: string; chainId: number; token?: string; amountBase?: bigint }): string {
  if (p.token) {
    const q = [`address=${p.to}`, ...(p.amountBase !== undefined ? [`uint256=${p.amountBase}`] : [])].join('&');
    return `ethereum:${p.token}@${p.chainId}/transfer?${q}`;
  }
  return `ethereum:${p.to}@${p.chainId}${p.amountBase !== undefined ? `?value=${p.amountBase}` : ''}`;
}

export function buildSolanaPay(p: { to: string; token?: string; amountDecimal?: string }): string {
  const q = [...(p.amountDecimal ? [`amount=${p.amountDecimal}`] : []), ...(p.token ? [`spl-token=${p.token}`] : [])];
  return `solana:${p.to}${q.length ? `?${q.join('&')}` : ''}`;
}
