/** Saved recipients (public data): a name and a validated, canonical address of one family. */
import { validateEvmAddress } from '../../chains/evm/address';
import { validateSolanaAddress } from '../../chains/solana/address';
import { InvalidParamsError, NotFoundError } from '../../shared/errors';
import type { AddressBookEntry } from '../../shared/types';
import type { StorageArea } from '../storageArea';

export const ADDRESS_BOOK_KEY = 'portfolio:addressBook';
export const ADDRESS_BOOK_LIMIT = 500;

/** Canonical address and its family; throws InvalidAddressError (code 1100) otherwise. */
export function canonicalAddress(address: string): { family: 'evm' | 'solana'; address: string } {
  const a = address.trim();
  return a.startsWith('0x') ? { family: 'evm', address: validateEvmAddress(a) } : { family: 'solana', address: validateSolanaAddress(a) };
}

export function createAddressBook(local: StorageArea, newId: () => string) {
  const list = async () => (await local.get<AddressBookEntry[]>(ADDRESS_BOOK_KEY)) ?? [];
  return {
    list,
    async save(p: { id?: string; name: string; address: string }): Promise<AddressBookEntry> {
      const name = p.name.trim().replace(/\s+/g, ' ');
      if (!name || Array.from(name).length > 40) throw new InvalidParamsError('A name has 1 to 40 characters.');
      const { family, address } = canonicalAddress(p.address);
      const all = await list();
      if (p.id && !all.some((e) => e.id === p.id)) throw new NotFoundError('No such address book entry.');
      const entry: AddressBookEntry = { id: p.id ?? newId(), name, address, family };
      const others = all.filter((e) => e.id !== entry.id && e.address !== address);
      if (others.length >= ADDRESS_BOOK_LIMIT) throw new InvalidParamsError('The address book is full.');
      await local.set({ [ADDRESS_BOOK_KEY]: [...others, entry].sort((a, b) => a.name.localeCompare(b.name)) });
      return entry;
    },
    async remove(id: string): Promise<void> {
      const all = await list();
      if (!all.some((e) => e.id === id)) throw new NotFoundError('No such address book entry.');
      await local.set({ [ADDRESS_BOOK_KEY]: all.filter((e) => e.id !== id) });
    },
  };
}
export type AddressBook = ReturnType<typeof createAddressBook>;
