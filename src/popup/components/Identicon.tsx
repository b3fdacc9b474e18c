/** A 5×5 mirrored identicon generated from the address (FNV-1a + xorshift; decorative, not a checksum). */
export function Identicon({ address, size = 24 }: { address: string; size?: number }) {
  let h = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) h = Math.imul(h ^ address.charCodeAt(i), 0x01000193) >>> 0;
  const next = () => { h ^= h << 13; h >>>= 0; h ^= h >>> 17; h ^= h << 5; h >>>= 0; return h; };
  const hue = next() % 360;
  const cells: Array<[number, number]> = [];
  for (let y = 0; y < 5; y++) for (let x = 0; x < 3; x++) if (next() % 2) { cells.push([x, y]); if (x < 2) cells.push([4 - x, y]); }
  return (
    <svg width={size} height={size} viewBox="0 0 5 5" aria-hidden="true" className="identicon" data-address={address}>
      <rect width="5" height="5" fill={`hsl(${hue} 60% 92%)`} />
      {cells.map(([x, y]) => <rect key={`${x}-${y}`} x={x} y={y} width="1" height="1" fill={`hsl(${hue} 65% 42%)`} />)}
    </svg>
  );
}
