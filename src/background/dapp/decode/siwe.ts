/**
 * Sign-In With Ethereum (EIP-4361) and Sign-In With Solana (Wallet Standard `solana:signIn`) messages: parse them
 * for display, check them against the requesting origin, and build SIWS text.
 *
 * Parsing is deliberately forgiving past the first line: once the text says "<domain> wants you to sign in with
 * your … account:" it is treated as a sign-in message, so the domain check always runs; deviations from the spec
 * are collected in `problems` (shown as a warning) instead of making the parser give up, which would let a
 * slightly malformed message skip the domain check.
 */
import bs58 from 'bs58';
import { isAddress } from 'viem';
import type { Warning } from '../../../shared/approval';
import { InvalidParamsError } from '../../../shared/errors';

export type { Warning };

export type SiweMessage = {
  /** Scheme written before the domain (newer EIP-4361), without "://". */
  scheme?: string;
  /** RFC 3986 authority as written: host[:port]. */
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: number;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
  /** Deviations from EIP-4361 (missing required fields, bad formats, unexpected lines). Absent when none. */
  problems?: string[];
};

export type SiwsMessage = {
  scheme?: string;
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: string;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
  notBefore?: string;
  requestId?: string;
  resources?: string[];
  problems?: string[];
};

/** What a dapp may pass to solana:signIn (the message fields, minus what only parsing produces). */
export type SiwsInput = Omit<SiwsMessage, 'scheme' | 'resources' | 'problems'> & { resources?: readonly string[] };

export type SiweWarningContext = { origin: string; chainId: number; accounts: string[]; /** ms since epoch; defaults to Date.now() */ now?: number };
export type SiwsWarningContext = { origin: string; accounts?: string[]; /** e.g. "mainnet" or "solana:mainnet" */ chain?: string; now?: number };

type FieldKey = 'uri' | 'version' | 'chainId' | 'nonce' | 'issuedAt' | 'expirationTime' | 'notBefore' | 'requestId';
const FIELDS: ReadonlyArray<readonly [FieldKey, string]> = [
  ['uri', 'URI: '], ['version', 'Version: '], ['chainId', 'Chain ID: '], ['nonce', 'Nonce: '], ['issuedAt', 'Issued At: '],
  ['expirationTime', 'Expiration Time: '], ['notBefore', 'Not Before: '], ['requestId', 'Request ID: '],
];
const RESOURCES = 'Resources:';

type Parsed = {
  scheme?: string; domain: string; address: string; statement?: string;
  fields: Partial<Record<FieldKey, string>>; resources?: string[]; problems: string[];
};

function headerRegex(account: 'Ethereum' | 'Solana'): RegExp {
  return new RegExp(`^(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([^\\s/?#]+) wants you to sign in with your ${account} account:$`);
}
const SIWE_HEADER = headerRegex('Ethereum');
const SIWS_HEADER = headerRegex('Solana');

const isFieldLine = (line: string): boolean => line === RESOURCES || FIELDS.some(([, label]) => line.startsWith(label));

function parseSignIn(text: string, header: RegExp): Parsed | null {
  if (typeof text !== 'string') return null;
  const split = text.split('\n');
  // Read CRLF text too (so the domain check still runs), but report it: the standard uses LF only.
  const lines = split.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const head = header.exec(lines[0] ?? '');
  if (!head) return null;
  const problems: string[] = [];
  if (split.some((l) => l.endsWith('\r'))) problems.push('The message uses CRLF line endings.');
  while (lines.length > 2 && lines[lines.length - 1] === '') lines.pop();
  const address = lines[1] ?? '';
  if (lines.length < 2) problems.push('The address line is missing.');

  let i = 2;
  let statement: string | undefined;
  if (i < lines.length) {
    if (lines[i] !== '') problems.push('Expected an empty line after the address.');
    else i++;
    const line = lines[i];
    if (line === '') i++; // no statement: EIP-4361 keeps its (empty) line
    // A statement may itself start like a field ("URI: …" is valid statement text): the empty line after it tells.
    else if (line !== undefined && (!isFieldLine(line) || lines[i + 1] === '')) {
      statement = line;
      i++;
      if (i < lines.length) {
        if (lines[i] !== '') problems.push('The statement must be a single line followed by an empty line.');
        else i++;
      }
    }
  }

  const fields: Partial<Record<FieldKey, string>> = {};
  let resources: string[] | undefined;
  let next = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === RESOURCES && resources === undefined) {
      resources = [];
      next = FIELDS.length;
      continue;
    }
    if (resources !== undefined && line.startsWith('- ')) {
      resources.push(line.slice(2));
      continue;
    }
    const k = FIELDS.findIndex(([, label]) => line.startsWith(label));
    const field = FIELDS[k];
    if (!field || k < next) {
      problems.push(`Unexpected line ${i + 1}: "${line.length > 80 ? `${line.slice(0, 80)}…` : line}".`);
      continue;
    }
    next = k + 1;
    fields[field[0]] = line.slice(field[1].length);
  }

  const out: Parsed = { domain: head[2] ?? '', address, fields, problems };
  if (head[1] !== undefined) out.scheme = head[1];
  if (statement !== undefined) out.statement = statement;
  if (resources !== undefined) out.resources = resources;
  return out;
}

const validTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s));

function checkTimes(p: Parsed): void {
  for (const key of ['issuedAt', 'expirationTime', 'notBefore'] as const) {
    const v = p.fields[key];
    if (v !== undefined && !validTime(v)) p.problems.push(`${key} is not an RFC 3339 date-time: "${v}".`);
  }
}

function assemble<T extends SiweMessage | SiwsMessage>(p: Parsed, base: T): T {
  const out = base as Record<string, unknown>;
  if (p.scheme !== undefined) out.scheme = p.scheme;
  if (p.statement !== undefined) out.statement = p.statement;
  for (const [key] of FIELDS) {
    const v = p.fields[key];
    if (v !== undefined && out[key] === undefined) out[key] = v;
  }
  if (p.resources !== undefined) out.resources = p.resources;
  if (p.problems.length) out.problems = p.problems;
  return base;
}

/** Parse an EIP-4361 message; null when the text is not a SIWE message (its first line does not match). */
export function parseSiwe(text: string): SiweMessage | null {
  const p = parseSignIn(text, SIWE_HEADER);
  if (!p) return null;
  if (!isAddress(p.address, { strict: false })) p.problems.push('The address is not a valid Ethereum address.');
  const f = p.fields;
  for (const [key, label] of FIELDS.slice(0, 5)) if (f[key] === undefined) p.problems.push(`The required "${label.trim()}" field is missing.`);
  if (f.version !== undefined && f.version !== '1') p.problems.push(`Unsupported version "${f.version}".`);
  let chainId: number | undefined;
  if (f.chainId !== undefined) {
    if (/^(?:0|[1-9]\d*)$/.test(f.chainId) && Number.isSafeInteger(Number(f.chainId))) chainId = Number(f.chainId);
    else p.problems.push(`Invalid chain ID "${f.chainId}".`);
  }
  if (f.nonce !== undefined && !/^[A-Za-z0-9]{8,}$/.test(f.nonce)) p.problems.push('The nonce must be at least 8 letters or digits.');
  checkTimes(p);
  const base: SiweMessage = { domain: p.domain, address: p.address };
  if (chainId !== undefined) base.chainId = chainId;
  const msg = assemble(p, base);
  if (chainId === undefined) delete msg.chainId;
  return msg;
}

function isSolanaAddress(s: string): boolean {
  try {
    return bs58.decode(s).length === 32;
  } catch {
    return false;
  }
}

/** Parse a Sign-In With Solana message; null when the first line is not a SIWS header. All fields are optional. */
export function parseSiws(text: string): SiwsMessage | null {
  const p = parseSignIn(text, SIWS_HEADER);
  if (!p) return null;
  if (!isSolanaAddress(p.address)) p.problems.push('The address is not a valid Solana address.');
  checkTimes(p);
  return assemble(p, { domain: p.domain, address: p.address });
}

const NEWLINE = /[\n\r\u2028\u2029]/;

/**
 * The Sign-In With Solana text for a `solana:signIn` input (same layout as @solana/wallet-standard-util
 * createSignInMessageText: empty optional fields are left out). Throws InvalidParamsError when domain or address is
 * missing or any field contains a line break (it would let a site forge extra lines).
 */
export function buildSiwsMessage(input: SiwsInput): string {
  if (!input || typeof input !== 'object') throw new InvalidParamsError('Sign-in input must be an object.');
  const { domain, address } = input;
  if (typeof domain !== 'string' || !domain) throw new InvalidParamsError('Sign-in domain is required.');
  if (typeof address !== 'string' || !address) throw new InvalidParamsError('Sign-in address is required.');
  const check = (name: string, v: unknown): v is string => {
    if (v === undefined || v === null) return false;
    if (typeof v !== 'string') throw new InvalidParamsError(`Sign-in ${name} must be a string.`);
    if (NEWLINE.test(v)) throw new InvalidParamsError(`Sign-in ${name} must not contain line breaks.`);
    return v.length > 0;
  };
  check('domain', domain);
  check('address', address);
  let message = `${domain} wants you to sign in with your Solana account:\n${address}`;
  if (check('statement', input.statement)) message += `\n\n${input.statement}`;
  const lines: string[] = [];
  for (const [key, label] of FIELDS) {
    const v = input[key];
    if (check(key, v)) lines.push(`${label}${v}`);
  }
  if (input.resources !== undefined && input.resources !== null) {
    if (!Array.isArray(input.resources)) throw new InvalidParamsError('Sign-in resources must be an array of strings.');
    lines.push(RESOURCES);
    for (const r of input.resources) {
      if (!check('resource', r)) throw new InvalidParamsError('Sign-in resources must be non-empty strings.');
      lines.push(`- ${r}`);
    }
  }
  if (lines.length) message += `\n\n${lines.join('\n')}`;
  return message;
}

type DomainCheck = { mismatch: string | null; schemeMismatch: string | null };

/** Compare a message's [scheme://]authority with the origin reported by the browser. */
function checkDomain(scheme: string | undefined, domain: string, origin: string): DomainCheck {
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return { mismatch: `the request comes from an origin without a host (${origin})`, schemeMismatch: null };
  }
  if (!o.host) return { mismatch: `the request comes from an origin without a host (${origin})`, schemeMismatch: null };
  if (domain.includes('@')) return { mismatch: `the domain "${domain}" contains credentials`, schemeMismatch: null };
  const protocol = scheme !== undefined ? `${scheme.toLowerCase()}:` : o.protocol;
  let host: string;
  try {
    host = new URL(`${protocol}//${domain}`).host;
  } catch {
    return { mismatch: `the domain "${domain}" is not a valid host`, schemeMismatch: null };
  }
  return {
    mismatch: host.toLowerCase() === o.host.toLowerCase() ? null : `the message is for ${domain}`,
    schemeMismatch: protocol === o.protocol ? null : `the message is for ${protocol}// but the site uses ${o.protocol}//`,
  };
}

function timeWarnings(prefix: string, msg: { expirationTime?: string; notBefore?: string }, now: number): Warning[] {
  const out: Warning[] = [];
  const exp = msg.expirationTime !== undefined ? Date.parse(msg.expirationTime) : NaN;
  if (!Number.isNaN(exp) && exp <= now) {
    out.push({ level: 'warning', code: `${prefix}-expired`, message: `This sign-in request expired at ${msg.expirationTime}.` });
  }
  const nbf = msg.notBefore !== undefined ? Date.parse(msg.notBefore) : NaN;
  if (!Number.isNaN(nbf) && nbf > now) {
    out.push({ level: 'warning', code: `${prefix}-not-yet-valid`, message: `This sign-in request is not valid before ${msg.notBefore}.` });
  }
  return out;
}

function commonWarnings(prefix: 'siwe' | 'siws', msg: SiweMessage | SiwsMessage, origin: string): Warning[] {
  const out: Warning[] = [];
  const d = checkDomain(msg.scheme, msg.domain, origin);
  if (d.mismatch) {
    out.push({ level: 'danger', code: `${prefix}-domain-mismatch`, message: `This sign-in message does not belong to the site asking for it: ${d.mismatch}, but the request comes from ${origin}. Signing it could log you in to another site.` });
  } else if (d.schemeMismatch) {
    out.push({ level: 'warning', code: `${prefix}-scheme-mismatch`, message: `The sign-in scheme does not match the site: ${d.schemeMismatch}.` });
  }
  if (msg.problems?.length) {
    out.push({ level: 'warning', code: `${prefix}-malformed`, message: `This sign-in message does not follow the standard: ${msg.problems.join(' ')}` });
  }
  return out;
}

export function siweWarnings(msg: SiweMessage, ctx: SiweWarningContext): Warning[] {
  const out = commonWarnings('siwe', msg, ctx.origin);
  if (!ctx.accounts.some((a) => a.toLowerCase() === msg.address.toLowerCase())) {
    out.push({ level: 'warning', code: 'siwe-address-mismatch', message: `The message names account ${msg.address}, which is not the account signing it.` });
  }
  if (msg.chainId !== undefined && msg.chainId !== ctx.chainId) {
    out.push({ level: 'warning', code: 'siwe-chain-mismatch', message: `The message is for chain ID ${msg.chainId}, but the wallet is on chain ID ${ctx.chainId}.` });
  }
  return out.concat(timeWarnings('siwe', msg, ctx.now ?? Date.now()));
}

const cluster = (c: string): string => c.replace(/^solana:/, '');

export function siwsWarnings(msg: SiwsMessage, ctx: SiwsWarningContext): Warning[] {
  const out = commonWarnings('siws', msg, ctx.origin);
  if (ctx.accounts && !ctx.accounts.includes(msg.address)) {
    out.push({ level: 'warning', code: 'siws-address-mismatch', message: `The message names account ${msg.address}, which is not the account signing it.` });
  }
  if (ctx.chain !== undefined && msg.chainId !== undefined && cluster(msg.chainId) !== cluster(ctx.chain)) {
    out.push({ level: 'warning', code: 'siws-chain-mismatch', message: `The message is for ${msg.chainId}, but the wallet is on ${ctx.chain}.` });
  }
  return out.concat(timeWarnings('siws', msg, ctx.now ?? Date.now()));
}
