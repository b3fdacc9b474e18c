import { describe, expect, it } from 'vitest';
import { decodeTypedData } from '../../../../src/background/dapp/decode/typedData';
import { runRules, type RiskFacts } from '../../../../src/background/risk';
import { DUST } from '../../../../src/background/risk/orders';
import { blurOrder, MARKET_FEE, NFT, OTHER, seaportBulk, seaportOrder, TOKEN, USER } from './fixtures';

const ETH = 10n ** 18n;
const run = (data: object, facts: RiskFacts = {}, account: string = USER) => {
  decodeTypedData(data);
  return runRules('typed-data', { data, account }, facts);
};
const free = (data: object, facts: RiskFacts = {}, account: string = USER) => run(data, facts, account).filter((f) => f.code === 'marketplace-order-free');
const sale = (toUser: bigint, toFee: bigint) => seaportOrder([
  { itemType: 0, amount: toUser, recipient: USER }, { itemType: 0, amount: toFee, recipient: MARKET_FEE },
]);

describe('Seaport orders', () => {
  it('offering an NFT with no consideration to the user: danger saying what is given and that nothing comes back', () => {
    const [f] = free(seaportOrder([{ itemType: 0, amount: ETH, recipient: OTHER }]));
    expect(f).toMatchObject({ severity: 'danger', params: { marketplace: 'Seaport', offerer: USER, offered: `ERC721 ${NFT} #42`, received: 'nothing' } });
    expect(f!.message.en).toContain('pays you nothing');
    expect(f!.message.zh_CN).toContain('任何回报都没有');
    expect(free(seaportOrder([]))).toHaveLength(1);
  });

  it('zero or dust (≤ 1000 base units) to the user is nothing; a declining auction is judged at its floor', () => {
    expect(free(seaportOrder([{ itemType: 0, amount: 0n, recipient: USER }]))).toHaveLength(1);
    expect(free(seaportOrder([{ itemType: 1, token: TOKEN, amount: DUST, recipient: USER }]))[0]!.params.received).toBe(`1000 × ERC20 ${TOKEN}`);
    const dutch = seaportOrder([{ itemType: 0, amount: ETH, recipient: USER }]);
    dutch.message.consideration[0]!.endAmount = '0';
    expect(free(dutch)).toHaveLength(1);
  });

  it('the user\'s share below 1% of the consideration in that token is "almost nothing"', () => {
    expect(free(sale(ETH / 200n, ETH))).toHaveLength(1); // 0.5%
    expect(free(sale(ETH / 100n, ETH - ETH / 100n))).toHaveLength(0); // 1%: allowed
    expect(free(sale(975n * ETH / 1000n, 25n * ETH / 1000n))).toHaveLength(0); // a normal sale
  });

  it('receiving an NFT, or an offer of nothing, is not flagged (swaps, bids)', () => {
    expect(free(seaportOrder([{ itemType: 2, token: OTHER, id: '7', amount: 1n, recipient: USER }]))).toHaveLength(0);
    const noOffer = seaportOrder([]);
    noOffer.message.offer[0]!.startAmount = '0';
    noOffer.message.offer[0]!.endAmount = '0';
    expect(free(noOffer)).toHaveLength(0);
  });

  it('only the user\'s own orders count (offerer among own accounts)', () => {
    const order = seaportOrder([{ itemType: 0, amount: ETH, recipient: MARKET_FEE }]);
    expect(free(order, {}, OTHER)).toHaveLength(0);
    expect(free(order, { ownAccounts: [USER] }, OTHER)).toHaveLength(1);
    // Paid to another of the user's accounts (OTHER is the signer here): that is receiving.
    expect(free(seaportOrder([{ itemType: 0, amount: ETH, recipient: OTHER }]), { ownAccounts: [USER] }, OTHER)).toHaveLength(0);
    const toOtherOwn = seaportOrder([{ itemType: 0, amount: ETH, recipient: MARKET_FEE }]);
    expect(free(toOtherOwn, { ownAccounts: [MARKET_FEE] })).toHaveLength(0);
  });

  it('is found by structure: a renamed primary type, and every order of a bulk tree', () => {
    expect(free(seaportOrder([], { primaryType: 'Listing' }))).toHaveLength(1);
    const good = sale(ETH, 0n);
    const bad = seaportOrder([{ itemType: 0, amount: 1n, recipient: USER }]);
    expect(free(seaportBulk([good, bad]))).toHaveLength(1);
    expect(free(seaportBulk([good, good]))).toHaveLength(0);
  });
});

describe('Blur orders', () => {
  it('a sell order at price 0 (or dust) is danger', () => {
    const [f] = free(blurOrder(0n));
    expect(f).toMatchObject({ params: { marketplace: 'Blur', offered: `1 × NFT ${NFT} #42`, received: 'nothing' } });
    expect(free(blurOrder(DUST))).toHaveLength(1);
  });

  it('fees of ≥ 99% leave the seller almost nothing', () => {
    expect(free(blurOrder(ETH, [{ rate: 9900, recipient: OTHER }]))).toHaveLength(1);
    expect(free(blurOrder(ETH, [{ rate: 5000, recipient: OTHER }, { rate: 5000, recipient: MARKET_FEE }]))[0]!.params.received).toBe('nothing');
  });

  it('a normal listing and a buy order are fine', () => {
    expect(free(blurOrder(ETH))).toHaveLength(0);
    expect(free(blurOrder(0n, [], 0))).toHaveLength(0);
  });
});
