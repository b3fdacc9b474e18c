/**
 * The catalogue of risk findings: one entry per stable code, with its severity and its text in English and
 * Simplified Chinese. `{name}` placeholders are filled from the finding's params (the popup's i18n syntax).
 */
type Entry = { severity: 'info' | 'warning' | 'danger'; en: string; zh_CN: string };

export const MESSAGES = {
  // ── EVM approvals and permits ─────────────────────────────────────────────────────────────────────────────
  'erc20-approval': {
    severity: 'info',
    en: 'This lets {spender} spend up to {amount} from your account (token {token}).',
    zh_CN: '此操作允许 {spender} 从您的账户花费最多 {amount}（代币 {token}）。',
  },
  'erc20-unlimited-approval': {
    severity: 'warning',
    en: 'This lets {spender} spend all of your {token} tokens, now and in the future, until you revoke it (unlimited {method}).',
    zh_CN: '此操作允许 {spender} 花费您全部的 {token} 代币，包括将来的余额，直至您撤销授权（无限额 {method}）。',
  },
  'spender-is-eoa': {
    severity: 'danger',
    en: '{spender} is a personal account, not a contract. Apps never need a personal account to move your tokens: this is how approval scams drain wallets.',
    zh_CN: '{spender} 是个人账户而不是合约。正常应用不需要让个人账户转移您的代币：这是授权诈骗盗空钱包的常见手法。',
  },
  'token-permit': {
    severity: 'info',
    en: 'This signature lets {spender} spend {amounts} ({standard}), valid until {expiry}, without another confirmation from you.',
    zh_CN: '此签名允许 {spender} 花费 {amounts}（{standard}），有效期至 {expiry}，之后无需您再次确认。',
  },
  'token-permit-unlimited': {
    severity: 'warning',
    en: 'This signature lets {spender} spend {amounts} ({standard}), valid until {expiry}: an unlimited amount, without asking you again.',
    zh_CN: '此签名允许 {spender} 花费 {amounts}（{standard}），有效期至 {expiry}：额度无限，且不会再征求您的同意。',
  },
  'permit2-unreadable': {
    severity: 'warning',
    en: 'This signature is addressed to the Permit2 contract, but the wallet cannot read what it allows. It may let someone move your tokens.',
    zh_CN: '此签名发往 Permit2 合约，但钱包无法解读其授权内容，它可能允许他人转走您的代币。',
  },
  'nft-approval-for-all': {
    severity: 'danger',
    en: 'This gives {operator} control of ALL your NFTs of collection {collection}, including ones you receive later, until you revoke it.',
    zh_CN: '此操作授予 {operator} 对您在合集 {collection} 中全部 NFT 的控制权（包括之后收到的），直至您撤销。',
  },
  'nft-approval-for-all-revoke': {
    severity: 'info',
    en: 'This removes the control of {operator} over your NFTs of collection {collection}.',
    zh_CN: '此操作撤销 {operator} 对您在合集 {collection} 中 NFT 的控制权。',
  },
  'erc721-approval': {
    severity: 'warning',
    en: 'This lets {spender} take NFT #{tokenId} of collection {collection}.',
    zh_CN: '此操作允许 {spender} 转走合集 {collection} 中编号 #{tokenId} 的 NFT。',
  },
  'erc721-transfer': {
    severity: 'info',
    en: 'This transfers NFT #{tokenId} of collection {collection} from {from} to {recipient}.',
    zh_CN: '此操作将合集 {collection} 中编号 #{tokenId} 的 NFT 从 {from} 转给 {recipient}。',
  },
  'marketplace-order-free': {
    severity: 'danger',
    en: 'This {marketplace} order gives away {offered} and pays you {received}. Anyone could fill it and take your assets for (almost) nothing.',
    zh_CN: '此 {marketplace} 订单将转出 {offered}，而您只收到 {received}。任何人都可以成交此订单，以（几乎）零成本取走您的资产。',
  },
  // ── Refusals (answered with -32602, no window) ───────────────────────────────────────────────────────────
  'typed-data-chain-mismatch': {
    severity: 'danger',
    en: 'Provided chainId "{chainId}" must match the active chainId "{current}".',
    zh_CN: '签名数据中的 chainId "{chainId}" 必须与当前链的 chainId "{current}" 一致。',
  },
  'add-chain-bad-currency': {
    severity: 'danger',
    en: "Expected an object for 'nativeCurrency'. Received: {value}.",
    zh_CN: "'nativeCurrency' 必须是一个对象，收到的是：{value}。",
  },
  'add-chain-bad-decimals': {
    severity: 'danger',
    en: "Expected the number 18 for 'nativeCurrency.decimals'. Received: {value}.",
    zh_CN: "'nativeCurrency.decimals' 必须是数字 18，收到的是：{value}。",
  },
  'add-chain-bad-symbol': {
    severity: 'danger',
    en: "Expected a string of 2 to 6 characters for 'nativeCurrency.symbol'. Received: {value}.",
    zh_CN: "'nativeCurrency.symbol' 必须是 2 到 6 个字符的字符串，收到的是：{value}。",
  },
  'add-chain-bad-currency-name': {
    severity: 'danger',
    en: "Expected a string of at most 100 characters for 'nativeCurrency.name'. Received: {value}.",
    zh_CN: "'nativeCurrency.name' 必须是不超过 100 个字符的字符串，收到的是：{value}。",
  },
  'solana-chain-mismatch': {
    severity: 'danger',
    en: 'The request is for {chain}, but the network selected in the wallet is {selected}. Switch the network in Meridian first.',
    zh_CN: '此请求针对 {chain}，但钱包当前选择的网络是 {selected}。请先在 Meridian 中切换网络。',
  },
  'personal-sign-too-large': {
    severity: 'danger',
    en: 'The message is {bytes} bytes long; messages above {max} bytes are refused.',
    zh_CN: '消息长度为 {bytes} 字节；超过 {max} 字节的消息将被拒绝。',
  },
  // ── Recipients ───────────────────────────────────────────────────────────────────────────────────────────
  'recipient-zero-address': {
    severity: 'warning',
    en: 'The recipient is the zero address ({recipient}): anything sent there is lost for good.',
    zh_CN: '收款地址是零地址（{recipient}）：发送到该地址的资产将永久丢失。',
  },
  'recipient-token-contract': {
    severity: 'warning',
    en: 'The recipient is the token contract {token} itself: tokens sent there are usually lost.',
    zh_CN: '收款地址是代币合约 {token} 本身：发送到该地址的代币通常无法找回。',
  },
  'recipient-is-contract': {
    severity: 'warning',
    en: 'The recipient {recipient} is a contract, not a personal account. If it is not built to receive coins, they may be lost or the transaction may fail.',
    zh_CN: '收款方 {recipient} 是合约而不是个人账户。如果该合约不支持接收转账，资金可能丢失或交易失败。',
  },
  'address-poisoning': {
    severity: 'danger',
    en: 'The recipient {recipient} looks like {lookalike} ({source}) but is a different address. Scammers plant look-alike addresses in your history: check the whole address before you continue.',
    zh_CN: '收款地址 {recipient} 与 {lookalike}（{source}）看起来相似，但并不是同一个地址。骗子会在您的记录中植入相似地址：继续之前请核对完整地址。',
  },
  'first-time-recipient': {
    severity: 'info',
    en: 'You have not sent anything to {recipient} before.',
    zh_CN: '您之前从未向 {recipient} 转账。',
  },
  // ── Solana ───────────────────────────────────────────────────────────────────────────────────────────────
  'solana-unknown-instruction': {
    severity: 'warning',
    en: 'The wallet cannot read these instructions of known programs: {instructions}. Their effect is not shown.',
    zh_CN: '钱包无法解读以下已知程序的指令：{instructions}。其效果未显示。',
  },
  'solana-token2022-extension': {
    severity: 'info',
    en: 'Token-2022 extension instructions, shown by name only: {instructions}.',
    zh_CN: 'Token-2022 扩展指令（仅显示名称）：{instructions}。',
  },
  'solana-token-authority-change': {
    severity: 'danger',
    en: 'This hands the {authorityType} authority over your account {account} to {newAuthority}, who would then control it instead of you (take its tokens, close it).',
    zh_CN: '此操作将您的账户 {account} 的 {authorityType} 权限移交给 {newAuthority}，之后由对方而不是您控制该账户（可转走代币或关闭账户）。',
  },
  'solana-token-delegate': {
    severity: 'danger',
    en: 'This lets {delegate} move up to {amount} base units out of your token account {account} without asking you again.',
    zh_CN: '此操作允许 {delegate} 在不再征求您同意的情况下，从您的代币账户 {account} 转走最多 {amount} 个最小单位。',
  },
  'solana-assign-account': {
    severity: 'danger',
    en: 'This hands your account {account} to program {program}, which could then take everything in it.',
    zh_CN: '此操作将您的账户 {account} 转交给程序 {program}，该程序将能取走其中的全部资产。',
  },
  'preview-changed': {
    severity: 'warning',
    en: 'What this transaction does changed: it was simulated again at block {at} (you saw block {was}). Check it again before you confirm.',
    zh_CN: '此交易的执行结果已变化：已在区块 {at} 重新模拟（您之前看到的是区块 {was}）。请再次核对后确认。',
  },
  'solana-durable-nonce': {
    severity: 'warning',
    en: 'This transaction uses the durable nonce of {nonceAccount}: it stays valid indefinitely and can be submitted at any later time.',
    zh_CN: '此交易使用 {nonceAccount} 的持久 nonce：它将无限期有效，可以在之后任何时间被提交。',
  },
  // ── Text ─────────────────────────────────────────────────────────────────────────────────────────────────
  'invisible-characters': {
    severity: 'warning',
    en: 'Invisible or text-direction characters ({chars}) found in {where}. Shown escaped: {preview}',
    zh_CN: '{where}中含有不可见字符或文字方向控制字符（{chars}）。转义后显示为：{preview}',
  },
} as const satisfies Record<string, Entry>;

export type FindingCode = keyof typeof MESSAGES;

/** Words that rules put into params and that differ per language. */
export const WORDS = {
  unlimited: { en: 'unlimited', zh_CN: '无限' },
  never: { en: 'no expiry', zh_CN: '永不过期' },
  nothing: { en: 'nothing', zh_CN: '任何回报都没有' },
  baseUnitsOf: { en: '{amount} base units of token {token}', zh_CN: '{amount} 个最小单位的代币 {token}' },
  unlimitedOf: { en: 'an unlimited amount of {token}', zh_CN: '无限数量的 {token}' },
  atUse: { en: 'the block in which it is used', zh_CN: '使用时所在的区块' },
  ownAccount: { en: 'one of your accounts', zh_CN: '您的账户' },
  addressBook: { en: 'in your address book', zh_CN: '地址簿中的地址' },
  pastCounterparty: { en: 'an address you used before', zh_CN: '您曾经交互过的地址' },
  'where:message': { en: 'the message', zh_CN: '消息' },
  'where:typed-data': { en: 'the signed data', zh_CN: '签名数据' },
  'where:network-name': { en: 'the network name', zh_CN: '网络名称' },
  'where:currency-symbol': { en: 'the currency symbol', zh_CN: '货币符号' },
  'where:currency-name': { en: 'the currency name', zh_CN: '货币名称' },
  'where:token-symbol': { en: 'the token symbol', zh_CN: '代币符号' },
  'where:token-name': { en: 'the token name', zh_CN: '代币名称' },
} as const satisfies Record<string, { en: string; zh_CN: string }>;
export type Word = keyof typeof WORDS;
