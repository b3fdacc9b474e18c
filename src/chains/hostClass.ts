/**
 * Loopback, private network or public, judged from a URL's host name as written (no DNS: a public name that resolves
 * to a private address is not detected).
 */
export type HostClass = 'loopback' | 'private' | 'public';

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

export function hostClass(hostname: string): HostClass {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return 'loopback';
  const v4 = ipv4(h) ?? (h.startsWith('::ffff:') ? ipv4(h.slice(7)) : null);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    if (a === 127) return 'loopback';
    if (a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  if (h.includes(':')) {
    if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h) || h === '::') return 'private';
    return 'public';
  }
  if (!h.includes('.') || h.endsWith('.local') || h.endsWith('.internal') || h.endsWith('.lan') || h.endsWith('.home.arpa')) return 'private';
  return 'public';
}
