/**
 * Reads the on-chain facts the EVM rules need in ONE JSON-RPC batch: eth_getCode of every address, and for token
 * contracts ERC-165 supportsInterface for ERC-721, ERC-1155 and the 0xffffffff control (a contract that claims
 * every interface is not believed). A failed call leaves its fact unknown; a failed batch returns no facts and
 * the reason in `factErrors`.
 */
import type { RpcCall, RpcOutcome, RpcTransport } from '../../chains/rpcTransport';
import type { EvmAddressFacts, RiskFacts } from './facts';

export type EvmFactRequest = {
  /** Addresses whose code matters (spenders, operators, recipients, token contracts). */
  code?: readonly string[];
  /** Contracts to ask ERC-165 about (the target of approve/transferFrom). */
  erc165?: readonly string[];
  /** Pin to the block the preview uses (default "latest"). */
  blockTag?: string;
};

export const ERC165_SELECTOR = '0x01ffc9a7';
export const INTERFACE_ERC721 = '80ac58cd';
export const INTERFACE_ERC1155 = 'd9b67a26';
export const INTERFACE_INVALID = 'ffffffff';
/** EIP-7702 delegation designator: 0xef0100 ‖ address. */
const DELEGATION = /^0xef0100([0-9a-f]{40})$/;

export const supportsInterfaceData = (id: string): string => `${ERC165_SELECTOR}${id}${'0'.repeat(56)}`;

const uniqueLower = (xs: readonly string[] = []): string[] =>
  [...new Set(xs.filter((x) => typeof x === 'string' && /^0x[0-9a-fA-F]{40}$/.test(x)).map((x) => x.toLowerCase()))];

function boolResult(o: RpcOutcome | undefined): boolean | undefined {
  if (!o) return undefined;
  if (!o.ok) return false; // reverted: does not support ERC-165
  const r = o.result;
  if (typeof r !== 'string' || !/^0x[0-9a-fA-F]*$/.test(r)) return undefined;
  if (r.length !== 66) return false; // "0x" from an EOA or a fallback returning nothing
  return BigInt(r) === 1n;
}

export async function gatherEvmFacts(transport: RpcTransport, req: EvmFactRequest): Promise<Pick<RiskFacts, 'evm' | 'factErrors'>> {
  const tag = req.blockTag ?? 'latest';
  const codeAddrs = uniqueLower([...(req.code ?? []), ...(req.erc165 ?? [])]);
  const ercAddrs = uniqueLower(req.erc165);
  const calls: RpcCall[] = codeAddrs.map((a) => ({ method: 'eth_getCode', params: [a, tag] }));
  for (const a of ercAddrs) {
    for (const id of [INTERFACE_ERC721, INTERFACE_ERC1155, INTERFACE_INVALID]) {
      calls.push({ method: 'eth_call', params: [{ to: a, data: supportsInterfaceData(id) }, tag] });
    }
  }
  if (calls.length === 0) return { evm: {} };
  let out: RpcOutcome[];
  try {
    out = await transport.batch(calls);
  } catch (e) {
    return { evm: {}, factErrors: [e instanceof Error ? e.message : String(e)] };
  }
  const evm: Record<string, EvmAddressFacts> = {};
  const errors: string[] = [];
  codeAddrs.forEach((a, i) => {
    const o = out[i];
    if (o?.ok && typeof o.result === 'string' && /^0x[0-9a-fA-F]*$/.test(o.result)) {
      const code = o.result.toLowerCase();
      const delegated = DELEGATION.exec(code);
      evm[a] = delegated ? { hasCode: true, delegatedTo: `0x${delegated[1]}` } : { hasCode: code !== '0x' };
    } else {
      errors.push(`eth_getCode ${a}: ${o && !o.ok ? o.error.message : 'no answer'}`);
    }
  });
  ercAddrs.forEach((a, j) => {
    const base = codeAddrs.length + j * 3;
    const [is721, is1155, claimsAll] = [boolResult(out[base]), boolResult(out[base + 1]), boolResult(out[base + 2])];
    const f = (evm[a] ??= {});
    if (f.hasCode === false || f.delegatedTo !== undefined) { f.isErc721 = false; f.isErc1155 = false; return; }
    if (claimsAll === undefined) return; // unreadable answer: leave unknown
    f.isErc721 = is721 === true && claimsAll === false;
    f.isErc1155 = is1155 === true && claimsAll === false;
  });
  return errors.length ? { evm, factErrors: errors } : { evm };
}
