/** Malicious and benign request fixtures for the risk rules (EVM calldata, typed data, Solana transactions). */
import {
  AuthorityType, createApproveCheckedInstruction, createApproveInstruction, createEnableCpiGuardInstruction, createSetAuthorityInstruction,
  createTransferCheckedInstruction, createRevokeInstruction, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction } from '@solana/web3.js';
import { encodeFunctionData, getAddress, maxUint160, maxUint256, parseAbi, type Hex } from 'viem';
import { decodeSolanaTransaction, type DecodedSolanaTransaction } from '../../../../src/background/dapp/decode/solanaTransaction';
import type { RiskFacts } from '../../../../src/background/risk';

// ── EVM ────────────────────────────────────────────────────────────────────────────────────────────────────
const addr = (byte: string) => getAddress(`0x${byte.repeat(20)}`);
export const USER = addr('11');
export const SPENDER = addr('22'); // a contract (router)
export const EOA = addr('33'); // a personal account
export const TOKEN = addr('44'); // an ERC-20
export const NFT = addr('55'); // an ERC-721
export const OTHER = addr('66');
export const MARKET_FEE = addr('77');
export const ZERO = '0x0000000000000000000000000000000000000000';
export const PERMIT2 = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

export const evmFacts: RiskFacts = {
  evmChainId: 1,
  evm: {
    [SPENDER.toLowerCase()]: { hasCode: true },
    [EOA.toLowerCase()]: { hasCode: false },
    [TOKEN.toLowerCase()]: { hasCode: true, isErc721: false, isErc1155: false },
    [NFT.toLowerCase()]: { hasCode: true, isErc721: true, isErc1155: false },
    [OTHER.toLowerCase()]: { hasCode: false },
  },
  tokens: { [TOKEN.toLowerCase()]: { symbol: 'USDC', decimals: 6 } },
};

const ABI = parseAbi([
  'function approve(address, uint256)',
  'function increaseAllowance(address, uint256)',
  'function transfer(address, uint256)',
  'function transferFrom(address, address, uint256)',
  'function setApprovalForAll(address, bool)',
  'function safeTransferFrom(address, address, uint256)',
]);
type Fn = 'approve' | 'increaseAllowance' | 'transfer' | 'transferFrom' | 'setApprovalForAll' | 'safeTransferFrom';
export const calldata = (functionName: Fn, args: readonly unknown[]): Hex => encodeFunctionData({ abi: ABI, functionName, args } as never);
export const tx = (to: string, data: Hex | '0x' = '0x', value = '0x0') => ({ tx: { from: USER, to, data, value } });

// ── Typed data ─────────────────────────────────────────────────────────────────────────────────────────────
type Field = { name: string; type: string };
const f = (spec: string): Field[] => spec.split(',').map((s) => {
  const [type, name] = s.trim().split(' ');
  return { type: type as string, name: name as string };
});
const domainType = f('string name,string version,uint256 chainId,address verifyingContract');

export function eip2612(value: bigint | string, opts: { spender?: string; primaryType?: string; chainId?: number } = {}) {
  const pt = opts.primaryType ?? 'Permit';
  return {
    types: { EIP712Domain: domainType, [pt]: f('address owner,address spender,uint256 value,uint256 nonce,uint256 deadline') },
    primaryType: pt,
    domain: { name: 'USD Coin', version: '2', chainId: opts.chainId ?? 1, verifyingContract: TOKEN },
    message: { owner: USER, spender: opts.spender ?? SPENDER, value: String(value), nonce: '0', deadline: '1893456000' },
  };
}

export function daiPermit(allowed: boolean, spender = SPENDER) {
  return {
    types: { EIP712Domain: domainType, Permit: f('address holder,address spender,uint256 nonce,uint256 expiry,bool allowed') },
    primaryType: 'Permit',
    domain: { name: 'Dai Stablecoin', version: '1', chainId: 1, verifyingContract: TOKEN },
    message: { holder: USER, spender, nonce: '0', expiry: '0', allowed },
  };
}

const permit2Domain = { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 };
const permit2DomainType = f('string name,uint256 chainId,address verifyingContract');

export function permit2Single(amount: bigint, opts: { spender?: string; primaryType?: string; expiration?: number } = {}) {
  const pt = opts.primaryType ?? 'PermitSingle';
  return {
    types: {
      EIP712Domain: permit2DomainType,
      [pt]: f('PermitDetails details,address spender,uint256 sigDeadline'),
      PermitDetails: f('address token,uint160 amount,uint48 expiration,uint48 nonce'),
    },
    primaryType: pt,
    domain: permit2Domain,
    message: {
      details: { token: TOKEN, amount: amount.toString(), expiration: String(opts.expiration ?? 1893456000), nonce: '0' },
      spender: opts.spender ?? SPENDER, sigDeadline: '1893456000',
    },
  };
}

export function permit2Batch(amounts: bigint[], spender = SPENDER) {
  return {
    types: {
      EIP712Domain: permit2DomainType,
      PermitBatch: f('PermitDetails[] details,address spender,uint256 sigDeadline'),
      PermitDetails: f('address token,uint160 amount,uint48 expiration,uint48 nonce'),
    },
    primaryType: 'PermitBatch',
    domain: permit2Domain,
    message: {
      details: amounts.map((a, i) => ({ token: i === 0 ? TOKEN : OTHER, amount: a.toString(), expiration: '1893456000', nonce: '0' })),
      spender, sigDeadline: '1893456000',
    },
  };
}

export function permit2Transfer(amount: bigint, opts: { spender?: string; witness?: boolean; batch?: boolean } = {}) {
  const pt = opts.witness ? 'PermitWitnessTransferFrom' : 'PermitTransferFrom';
  const permitted = { token: TOKEN, amount: amount.toString() };
  return {
    types: {
      EIP712Domain: permit2DomainType,
      [pt]: f(`TokenPermissions${opts.batch ? '[]' : ''} permitted,address spender,uint256 nonce,uint256 deadline${opts.witness ? ',Witness witness' : ''}`),
      TokenPermissions: f('address token,uint256 amount'),
      ...(opts.witness ? { Witness: f('address user') } : {}),
    },
    primaryType: pt,
    domain: permit2Domain,
    message: {
      permitted: opts.batch ? [permitted] : permitted, spender: opts.spender ?? SPENDER, nonce: '1', deadline: '1893456000',
      ...(opts.witness ? { witness: { user: USER } } : {}),
    },
  };
}

export const MAX_UINT160 = maxUint160;
export const MAX_UINT256 = maxUint256;

// Seaport 1.6
const seaportTypes = {
  EIP712Domain: domainType,
  OrderComponents: f('address offerer,address zone,OfferItem[] offer,ConsiderationItem[] consideration,uint8 orderType,uint256 startTime,uint256 endTime,bytes32 zoneHash,uint256 salt,bytes32 conduitKey,uint256 counter'),
  OfferItem: f('uint8 itemType,address token,uint256 identifierOrCriteria,uint256 startAmount,uint256 endAmount'),
  ConsiderationItem: f('uint8 itemType,address token,uint256 identifierOrCriteria,uint256 startAmount,uint256 endAmount,address recipient'),
};
const ZERO32 = `0x${'00'.repeat(32)}`;
type Consideration = { itemType: number; token?: string; amount: bigint; recipient: string; id?: string };
export function seaportOrder(consideration: Consideration[], opts: { primaryType?: string } = {}) {
  const components = {
    offerer: USER, zone: ZERO,
    offer: [{ itemType: '2', token: NFT, identifierOrCriteria: '42', startAmount: '1', endAmount: '1' }],
    consideration: consideration.map((c) => ({
      itemType: String(c.itemType), token: c.token ?? ZERO, identifierOrCriteria: c.id ?? '0',
      startAmount: c.amount.toString(), endAmount: c.amount.toString(), recipient: c.recipient,
    })),
    orderType: '0', startTime: '0', endTime: '1893456000', zoneHash: ZERO32, salt: '7', conduitKey: ZERO32, counter: '0',
  };
  const pt = opts.primaryType ?? 'OrderComponents';
  const types = pt === 'OrderComponents' ? seaportTypes : { ...seaportTypes, [pt]: seaportTypes.OrderComponents };
  return { types, primaryType: pt, domain: { name: 'Seaport', version: '1.6', chainId: 1, verifyingContract: '0x0000000000000068F116a894984e2DB1123eB395' }, message: components };
}

/** A Seaport bulk order: two OrderComponents in a tree (OrderComponents[2]). */
export function seaportBulk(orders: ReturnType<typeof seaportOrder>[]) {
  return {
    types: { ...seaportTypes, BulkOrder: f('OrderComponents[2] tree') },
    primaryType: 'BulkOrder', domain: orders[0]!.domain, message: { tree: orders.map((o) => o.message) },
  };
}

export function blurOrder(price: bigint, fees: Array<{ rate: number; recipient: string }> = [{ rate: 50, recipient: MARKET_FEE }], side = 1) {
  return {
    types: {
      EIP712Domain: domainType,
      Order: f('address trader,uint8 side,address matchingPolicy,address collection,uint256 tokenId,uint256 amount,address paymentToken,uint256 price,uint256 listingTime,uint256 expirationTime,Fee[] fees,uint256 salt,bytes extraParams,uint256 nonce'),
      Fee: f('uint16 rate,address recipient'),
    },
    primaryType: 'Order',
    domain: { name: 'Blur Exchange', version: '1.0', chainId: 1, verifyingContract: '0x000000000000Ad05Ccc4F10045630fb830B95127' },
    message: {
      trader: USER, side: String(side), matchingPolicy: OTHER, collection: NFT, tokenId: '42', amount: '1', paymentToken: ZERO,
      price: price.toString(), listingTime: '0', expirationTime: '1893456000', fees: fees.map((x) => ({ rate: String(x.rate), recipient: x.recipient })),
      salt: '1', extraParams: '0x', nonce: '0',
    },
  };
}

// ── Solana ─────────────────────────────────────────────────────────────────────────────────────────────────
const key = (n: number) => Keypair.fromSeed(new Uint8Array(32).fill(n)).publicKey;
export const SOL_USER = key(1);
export const SOL_ATTACKER = key(2);
export const SOL_MINT = key(3);
export const SOL_USER_ATA = key(4);
export const SOL_DEST = key(5);
export const SOL_NONCE = key(6);
export const SOL_OWN_2 = key(9);
const BLOCKHASH = key(7).toBase58();

export function solTx(ixs: TransactionInstruction[], feePayer: PublicKey = SOL_USER): DecodedSolanaTransaction {
  const t = new Transaction({ feePayer, recentBlockhash: BLOCKHASH }).add(...ixs);
  return decodeSolanaTransaction(t.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'));
}

export const sol = {
  transfer: (to: PublicKey = SOL_DEST) => SystemProgram.transfer({ fromPubkey: SOL_USER, toPubkey: to, lamports: 1_000_000 }),
  setOwner: (newOwner: PublicKey, current: PublicKey = SOL_USER) =>
    createSetAuthorityInstruction(SOL_USER_ATA, current, AuthorityType.AccountOwner, newOwner, [], TOKEN_PROGRAM_ID),
  setCloseAuthority: (newAuth: PublicKey) =>
    createSetAuthorityInstruction(SOL_USER_ATA, SOL_USER, AuthorityType.CloseAccount, newAuth, [], TOKEN_2022_PROGRAM_ID),
  approve: (delegate: PublicKey, amount = 1_000n) => createApproveInstruction(SOL_USER_ATA, delegate, SOL_USER, amount, [], TOKEN_PROGRAM_ID),
  approveChecked: (delegate: PublicKey) => createApproveCheckedInstruction(SOL_USER_ATA, SOL_MINT, delegate, SOL_USER, 5n, 6, [], TOKEN_2022_PROGRAM_ID),
  revoke: () => createRevokeInstruction(SOL_USER_ATA, SOL_USER, [], TOKEN_PROGRAM_ID),
  assign: (account: PublicKey = SOL_USER) => SystemProgram.assign({ accountPubkey: account, programId: SOL_ATTACKER }),
  advanceNonce: () => SystemProgram.nonceAdvance({ noncePubkey: SOL_NONCE, authorizedPubkey: SOL_USER }),
  tokenTransfer: (dest: PublicKey = SOL_DEST) => createTransferCheckedInstruction(SOL_USER_ATA, SOL_MINT, dest, SOL_USER, 10n, 6, [], TOKEN_PROGRAM_ID),
  cpiGuardEnable: () => createEnableCpiGuardInstruction(SOL_USER_ATA, SOL_USER, [], TOKEN_2022_PROGRAM_ID),
  raw: (programId: PublicKey, data: number[]) => new TransactionInstruction({ programId, keys: [{ pubkey: SOL_USER, isSigner: true, isWritable: true }], data: Buffer.from(data) }),
};
export { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, SystemProgram };
