/**
 * Marketplace orders in typed data, recognised by structure anywhere in the message (so Seaport bulk orders,
 * whose OrderComponents sit in a `tree` of nested arrays, are read too):
 * - Seaport OrderComponents: offerer, offer[] {itemType, token, identifierOrCriteria, startAmount, endAmount},
 *   consideration[] {… recipient};
 * - Blur Order: trader, side, collection, tokenId, amount, paymentToken, price, fees[] {rate, recipient}.
 *
 * The rule ("gives assets for nothing or almost nothing") → danger, when the signer (offerer / selling trader)
 * gives at least one item of non-zero amount and what comes back to the signer's own accounts is:
 * 1. nothing: no consideration item to the signer, or only items whose lowest amount (min of start and end,
 *    so a declining auction is judged at its floor) is zero; or
 * 2. dust: only fungible items (native / ERC-20) of at most DUST = 1000 base units each (the "1 wei" order); or
 * 3. a sliver: only fungible items, each below 1% of the total consideration in the same token (the rest goes to
 *    third parties; a normal sale leaves the seller ~85–99% after fees and royalties).
 * Receiving any NFT item (itemType 2–5) of non-zero amount counts as receiving something (NFT swaps, bids).
 * For a Blur sell order: price ≤ DUST, or fees totalling ≥ 9,900 bps (the seller keeps < 1%).
 * Blur's bulk "Root" (a Merkle root) cannot be read at all and is left to the unreadable-data path.
 */
import { finding, type Finding } from './finding';
import type { RiskFacts } from './facts';
import { perLocale, word } from './format';
import { matchesShape, str, structsOf, toBig, type RawTypedData, type Shape } from './typedData';

export const DUST = 1000n;

const OFFER_ITEM: Shape = { itemType: 'uint', token: 'address', identifierOrCriteria: 'uint', startAmount: 'uint', endAmount: 'uint' };
const CONSIDERATION_ITEM: Shape = { ...OFFER_ITEM, recipient: 'address' };
const SEAPORT_ORDER: Shape = { offerer: 'address', offer: { array: OFFER_ITEM }, consideration: { array: CONSIDERATION_ITEM } };
const BLUR_ORDER: Shape = {
  trader: 'address', side: 'uint', collection: 'address', tokenId: 'uint', amount: 'uint', paymentToken: 'address', price: 'uint',
  fees: { array: { rate: 'uint', recipient: 'address' } },
};

const ITEM_TYPES = ['NATIVE', 'ERC20', 'ERC721', 'ERC1155', 'ERC721', 'ERC1155'];

type Item = { itemType: number; token: string; id: string; low: bigint; high: bigint; recipient: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

function items(list: unknown): Item[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((i) => {
    const s = toBig(i.startAmount) ?? 0n;
    const e = toBig(i.endAmount) ?? 0n;
    return { itemType: Number(toBig(i.itemType) ?? 0n), token: str(i.token), id: str(i.identifierOrCriteria), low: min(s, e), high: max(s, e), recipient: str(i.recipient) };
  });
}

const describe = (i: Item, amount: bigint) => {
  const std = ITEM_TYPES[i.itemType] ?? `itemType ${i.itemType}`;
  if (i.itemType === 0) return `${amount} wei (${std})`;
  if (i.itemType === 1) return `${amount} × ${std} ${i.token}`;
  return i.itemType === 2 || i.itemType === 4 ? `${std} ${i.token} #${i.id}` : `${amount} × ${std} ${i.token} #${i.id}`;
};

const fungible = (i: Item) => i.itemType === 0 || i.itemType === 1;
const sameAsset = (a: Item, b: Item) => a.itemType === b.itemType && a.token.toLowerCase() === b.token.toLowerCase();

/** null when the signer gets a fair share; otherwise what the signer receives ([] = nothing). */
function seaportShortfall(offer: Item[], consideration: Item[], isUser: (a: string) => boolean): Item[] | null {
  if (!offer.some((i) => i.high > 0n)) return null;
  const mine = consideration.filter((c) => isUser(c.recipient) && c.low > 0n);
  if (mine.length === 0) return [];
  if (mine.some((c) => !fungible(c))) return null;
  if (mine.every((c) => c.low <= DUST)) return mine;
  const sliver = mine.every((c) => {
    const total = consideration.filter((x) => sameAsset(x, c)).reduce((s, x) => s + x.low, 0n);
    return c.low * 100n < total;
  });
  return sliver ? mine : null;
}

export function orderFindings(td: RawTypedData, account: string | undefined, facts: RiskFacts): Finding[] {
  const own = new Set([account, ...(facts.ownAccounts ?? [])].filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()));
  const isUser = (a: string) => own.has(a.toLowerCase());
  const out: Finding[] = [];
  const flag = (marketplace: string, offerer: string, offered: string[], received: string[]) => {
    const got = perLocale((l) => (received.length ? received.join(', ') : word('nothing', l)));
    out.push(finding('marketplace-order-free', { marketplace, offerer, offered: offered.join(', '), received: received.join(', ') || 'nothing' }, {
      localParams: { en: { received: got.en }, zh_CN: { received: got.zh_CN } },
    }));
  };
  for (const s of structsOf(td)) {
    if (matchesShape(td.types, s.type, SEAPORT_ORDER)) {
      const offerer = str(s.value.offerer);
      if (!isUser(offerer)) continue;
      const offer = items(s.value.offer);
      const received = seaportShortfall(offer, items(s.value.consideration), isUser);
      if (received) flag('Seaport', offerer, offer.filter((i) => i.high > 0n).map((i) => describe(i, i.high)), received.map((i) => describe(i, i.low)));
    } else if (matchesShape(td.types, s.type, BLUR_ORDER)) {
      const trader = str(s.value.trader);
      if (!isUser(trader) || toBig(s.value.side) !== 1n) continue; // 1 = Sell
      const price = toBig(s.value.price) ?? 0n;
      const feeBps = (Array.isArray(s.value.fees) ? s.value.fees : []).filter(isRecord).reduce((t, f) => t + (toBig(f.rate) ?? 0n), 0n);
      if (price > DUST && feeBps < 9900n) continue;
      const offered = `${str(s.value.amount) || '1'} × NFT ${str(s.value.collection)} #${str(s.value.tokenId)}`;
      const keeps = feeBps >= 10_000n ? 0n : (price * (10_000n - feeBps)) / 10_000n;
      flag('Blur', trader, [offered], keeps === 0n ? [] : [`${keeps} base units of ${str(s.value.paymentToken)}`]);
    }
  }
  return out;
}
