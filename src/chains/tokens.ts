/**
 * Default token list per built-in network: well-known stablecoins and wrapped native tokens (mainnet addresses
 * and decimals as deployed), and the dev chains' demo tokens on the Localnets (scripts/chains/demo.ts).
 */
import type { Token } from './ChainAdapter';

export const SPL_TOKEN_PROGRAM_ID = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM_ID = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

const erc = (address: string, symbol: string, decimals: number, name: string): Token => ({ address, symbol, decimals, name });
const spl = (address: string, symbol: string, decimals: number, name: string, programId = SPL_TOKEN_PROGRAM_ID): Token =>
  ({ address, symbol, decimals, name, programId });
const WSOL = spl('So11111111111111111111111111111111111111112', 'wSOL', 9, 'Wrapped SOL');

export const DEFAULT_TOKENS: Readonly<Record<string, readonly Token[]>> = Object.freeze({
  'eip155:1': [
    erc('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', 'USDC', 6, 'USD Coin'),
    erc('0xdAC17F958D2ee523a2206206994597C13D831ec7', 'USDT', 6, 'Tether USD'),
    erc('0x6B175474E89094C44Da98b954EedeAC495271d0F', 'DAI', 18, 'Dai Stablecoin'),
    erc('0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', 'WETH', 18, 'Wrapped Ether'),
  ],
  'eip155:8453': [
    erc('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', 'USDC', 6, 'USD Coin'),
    erc('0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb', 'DAI', 18, 'Dai Stablecoin'),
    erc('0x4200000000000000000000000000000000000006', 'WETH', 18, 'Wrapped Ether'),
  ],
  'eip155:42161': [
    erc('0xaf88d065e77c8cC2239327C5EDb3A432268e5831', 'USDC', 6, 'USD Coin'),
    erc('0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9', 'USDT', 6, 'Tether USD'),
    erc('0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1', 'DAI', 18, 'Dai Stablecoin'),
    erc('0x82aF49447D8a07e3bd95BD0d56f35241523fBab1', 'WETH', 18, 'Wrapped Ether'),
  ],
  'eip155:10': [
    erc('0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', 'USDC', 6, 'USD Coin'),
    erc('0x94b008aA00579c1307B0EF2c499aD98a8ce58e58', 'USDT', 6, 'Tether USD'),
    erc('0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1', 'DAI', 18, 'Dai Stablecoin'),
    erc('0x4200000000000000000000000000000000000006', 'WETH', 18, 'Wrapped Ether'),
  ],
  'eip155:137': [
    erc('0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', 'USDC', 6, 'USD Coin'),
    erc('0xc2132D05D31c914a87C6611C10748AEb04B58e8F', 'USDT', 6, 'Tether USD'),
    erc('0x7ceB23fD6bC0adD59E62ac25578270cFf1b9f619', 'WETH', 18, 'Wrapped Ether'),
    erc('0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270', 'WPOL', 18, 'Wrapped POL'),
  ],
  'eip155:56': [
    erc('0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d', 'USDC', 18, 'USD Coin (BSC)'),
    erc('0x55d398326f99059fF775485246999027B3197955', 'USDT', 18, 'Tether USD (BSC)'),
    erc('0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c', 'WBNB', 18, 'Wrapped BNB'),
  ],
  'eip155:43114': [
    erc('0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E', 'USDC', 6, 'USD Coin'),
    erc('0x9702230A8Ea53601f5cD2dc00fDBc13d4dF4A8c7', 'USDt', 6, 'Tether USD'),
    erc('0xB31f66AA3C1e785363F0875A1B74E27b85FD66c7', 'WAVAX', 18, 'Wrapped AVAX'),
  ],
  'eip155:11155111': [
    erc('0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238', 'USDC', 6, 'USD Coin (Circle testnet)'),
    erc('0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14', 'WETH', 18, 'Wrapped Ether'),
  ],
  'eip155:31337': [
    erc('0x5FbDB2315678afecb367f032d93F642f64180aa3', 'mUSD', 6, 'Meridian Demo USD'),
    erc('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', 'mWETH', 18, 'Meridian Demo WETH'),
  ],
  'solana:mainnet': [
    spl('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'USDC', 6, 'USD Coin'),
    spl('Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB', 'USDT', 6, 'Tether USD'),
    spl('2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo', 'PYUSD', 6, 'PayPal USD', TOKEN_2022_PROGRAM_ID),
    WSOL,
  ],
  'solana:devnet': [
    spl('4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU', 'USDC', 6, 'USD Coin (Circle devnet)'),
    WSOL,
  ],
  'solana:testnet': [WSOL],
  'solana:localnet': [
    spl('8SSSNA6CuCVoE1ciMJoeFs65tVTLxySpYj4jPydCH88A', 'mUSD', 6, 'Meridian Demo USD (SPL)'),
    spl('9pGgqNteNkv5vviuLdGcRkY1hEKzsTmgdb8z6mcrdqzj', 'mUSD22', 6, 'Meridian Demo USD (Token-2022)', TOKEN_2022_PROGRAM_ID),
  ],
});

export function defaultTokens(networkId: string): Token[] {
  return (DEFAULT_TOKENS[networkId] ?? []).map((t) => ({ ...t }));
}
