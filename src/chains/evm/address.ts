import { getAddress, isAddress } from 'viem';
import { InvalidAddressError } from '../errors';

/**
 * Canonical (EIP-55 checksummed) form of an EVM address. All-lowercase / all-uppercase hex is accepted; a
 * mixed-case address must carry a correct EIP-55 checksum (a typo in it is refused, never "fixed").
 */
export function validateEvmAddress(address: string): `0x${string}` {
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new InvalidAddressError('Not an EVM address (0x followed by 40 hex digits)', { address });
  }
  const hex = address.slice(2);
  const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (mixed && !isAddress(address, { strict: true })) {
    throw new InvalidAddressError('EVM address checksum (EIP-55) does not match', { address, reason: 'checksum' });
  }
  return getAddress(address.toLowerCase());
}

export function isValidEvmAddress(address: string): boolean {
  try {
    validateEvmAddress(address);
    return true;
  } catch {
    return false;
  }
}
