import { createSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import {
  buildSiwsMessage, parseSiwe, parseSiws, siweWarnings, siwsWarnings, type SiwsInput,
} from '../../../../../src/background/dapp/decode/siwe';

const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SOL = 'oeYf6KAJkLYhBuR8CiGc6L4D4Xtfepr85fuDgA9kq96';
const NOW = Date.parse('2024-06-01T12:00:00Z');

// The EIP-4361 example message (with our address).
const EXAMPLE = [
  'service.org wants you to sign in with your Ethereum account:',
  ADDRESS,
  '',
  'I accept the ServiceOrg Terms of Service: https://service.org/tos',
  '',
  'URI: https://service.org/login',
  'Version: 1',
  'Chain ID: 1',
  'Nonce: 32891756',
  'Issued At: 2021-09-30T16:25:24Z',
  'Resources:',
  '- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
  '- https://example.com/my-web2-claim.json',
].join('\n');

const ctx = { origin: 'https://service.org', chainId: 1, accounts: [ADDRESS], now: NOW };

describe('parseSiwe', () => {
  it('parses the EIP-4361 example', () => {
    expect(parseSiwe(EXAMPLE)).toEqual({
      domain: 'service.org',
      address: ADDRESS,
      statement: 'I accept the ServiceOrg Terms of Service: https://service.org/tos',
      uri: 'https://service.org/login',
      version: '1',
      chainId: 1,
      nonce: '32891756',
      issuedAt: '2021-09-30T16:25:24Z',
      resources: [
        'ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
        'https://example.com/my-web2-claim.json',
      ],
    });
  });

  it('parses every optional field, a scheme and a port', () => {
    const text = [
      'https://localhost:4361 wants you to sign in with your Ethereum account:', ADDRESS, '', '',
      'URI: https://localhost:4361/login', 'Version: 1', 'Chain ID: 137', 'Nonce: abcdef1234', 'Issued At: 2024-06-01T11:00:00.000Z',
      'Expiration Time: 2024-06-01T13:00:00Z', 'Not Before: 2024-06-01T10:00:00+02:00', 'Request ID: req-42',
    ].join('\n');
    // EIP-4361 ABNF: without a statement, two empty lines separate the address from the fields.
    expect(parseSiwe(text)).toEqual({
      scheme: 'https', domain: 'localhost:4361', address: ADDRESS, uri: 'https://localhost:4361/login', version: '1', chainId: 137,
      nonce: 'abcdef1234', issuedAt: '2024-06-01T11:00:00.000Z', expirationTime: '2024-06-01T13:00:00Z',
      notBefore: '2024-06-01T10:00:00+02:00', requestId: 'req-42',
    });
  });

  it('accepts a message without statement in both layouts (viem and single blank line)', () => {
    const viemText = createSiweMessage({
      domain: 'example.com', address: ADDRESS, uri: 'https://example.com/path', version: '1', chainId: 10,
      nonce: 'foobarbaz', issuedAt: new Date('2023-02-01T00:00:00.000Z'),
    });
    const expected = {
      domain: 'example.com', address: ADDRESS, uri: 'https://example.com/path', version: '1', chainId: 10,
      nonce: 'foobarbaz', issuedAt: '2023-02-01T00:00:00.000Z',
    };
    expect(parseSiwe(viemText)).toEqual(expected);
    const single = `example.com wants you to sign in with your Ethereum account:\n${ADDRESS}\n\nURI: https://example.com/path\nVersion: 1\nChain ID: 10\nNonce: foobarbaz\nIssued At: 2023-02-01T00:00:00.000Z`;
    expect(parseSiwe(single)).toEqual(expected);
  });

  it('round-trips viem createSiweMessage with statement and resources', () => {
    const text = createSiweMessage({
      domain: 'app.example:8443', address: ADDRESS, statement: '登录 Meridian 🌍', uri: 'https://app.example:8443', version: '1', chainId: 1,
      nonce: 'Nonce1234', issuedAt: new Date('2024-01-01T00:00:00.000Z'), expirationTime: new Date('2024-01-02T00:00:00.000Z'),
      requestId: 'r1', resources: ['https://a.example/1', 'https://a.example/2'],
    });
    expect(parseSiwe(text)).toEqual({
      domain: 'app.example:8443', address: ADDRESS, statement: '登录 Meridian 🌍', uri: 'https://app.example:8443', version: '1', chainId: 1,
      nonce: 'Nonce1234', issuedAt: '2024-01-01T00:00:00.000Z', expirationTime: '2024-01-02T00:00:00.000Z', requestId: 'r1',
      resources: ['https://a.example/1', 'https://a.example/2'],
    });
  });

  it('returns null for text that is not a SIWE message', () => {
    expect(parseSiwe('Hello')).toBeNull();
    expect(parseSiwe('')).toBeNull();
    expect(parseSiwe(`example.com wants you to sign in with your Solana account:\n${SOL}`)).toBeNull();
    expect(parseSiwe(`example.com/path wants you to sign in with your Ethereum account:\n${ADDRESS}`)).toBeNull();
    expect(parseSiwe(` example.com wants you to sign in with your Ethereum account:\n${ADDRESS}`)).toBeNull();
  });

  it('still parses a malformed message so the domain check runs, listing the problems', () => {
    const msg = parseSiwe(`evil.example wants you to sign in with your Ethereum account:\n0x1234\n\nNonce: abc\nURI: https://evil.example\nsurprise`);
    expect(msg).toEqual({
      domain: 'evil.example', address: '0x1234', nonce: 'abc',
      problems: [
        'Unexpected line 5: "URI: https://evil.example".',
        'Unexpected line 6: "surprise".',
        'The address is not a valid Ethereum address.',
        'The required "URI:" field is missing.',
        'The required "Version:" field is missing.',
        'The required "Chain ID:" field is missing.',
        'The required "Issued At:" field is missing.',
        'The nonce must be at least 8 letters or digits.',
      ],
    });
    const w = siweWarnings(msg!, { ...ctx, origin: 'https://service.org' });
    expect(w.map((x) => [x.level, x.code])).toEqual([
      ['danger', 'siwe-domain-mismatch'], ['warning', 'siwe-malformed'], ['warning', 'siwe-address-mismatch'],
    ]);
  });
});

describe('parseSiwe with CRLF', () => {
  it('reads CRLF text so the domain check still runs, and reports it', () => {
    const msg = parseSiwe(EXAMPLE.replaceAll('\n', '\r\n'))!;
    expect(msg.domain).toBe('service.org');
    expect(msg.nonce).toBe('32891756');
    expect(msg.problems).toEqual(['The message uses CRLF line endings.']);
    expect(siweWarnings(msg, { ...ctx, origin: 'https://evil.example' }).map((w) => w.code)).toEqual(['siwe-domain-mismatch', 'siwe-malformed']);
  });
});

describe('siweWarnings', () => {
  const codes = (text: string, c = ctx) => siweWarnings(parseSiwe(text)!, c).map((w) => `${w.level}:${w.code}`);

  it('has none for a matching message', () => {
    expect(codes(EXAMPLE)).toEqual([]);
    expect(codes(EXAMPLE, { ...ctx, accounts: [ADDRESS.toLowerCase()] })).toEqual([]);
  });

  it('flags a domain that is not the requesting origin', () => {
    expect(codes(EXAMPLE, { ...ctx, origin: 'https://evil.example' })).toEqual(['danger:siwe-domain-mismatch']);
    expect(codes(EXAMPLE, { ...ctx, origin: 'https://login.service.org' })).toEqual(['danger:siwe-domain-mismatch']);
    expect(codes(EXAMPLE, { ...ctx, origin: 'https://service.org:8443' })).toEqual(['danger:siwe-domain-mismatch']);
    expect(codes(EXAMPLE, { ...ctx, origin: 'null' })).toEqual(['danger:siwe-domain-mismatch']);
    const w = siweWarnings(parseSiwe(EXAMPLE)!, { ...ctx, origin: 'https://evil.example' })[0]!;
    expect(w.message).toBe('This sign-in message does not belong to the site asking for it: the message is for service.org, but the request comes from https://evil.example. Signing it could log you in to another site.');
  });

  it('compares host and port, normalising case, default ports and IDN', () => {
    const withDomain = (d: string) => EXAMPLE.replace('service.org wants', `${d} wants`);
    expect(codes(withDomain('SERVICE.org'))).toEqual([]);
    expect(codes(withDomain('service.org:443'))).toEqual([]);
    expect(codes(withDomain('https://service.org'))).toEqual([]);
    expect(codes(withDomain('localhost:3000'), { ...ctx, origin: 'http://localhost:3000' })).toEqual([]);
    expect(codes(withDomain('localhost:3001'), { ...ctx, origin: 'http://localhost:3000' })).toEqual(['danger:siwe-domain-mismatch']);
    expect(codes(withDomain('bücher.example'), { ...ctx, origin: 'https://xn--bcher-kva.example' })).toEqual([]);
    expect(codes(withDomain('http://service.org'))).toEqual(['warning:siwe-scheme-mismatch']);
  });

  it('treats credentials in the domain as a mismatch (service.org@evil.example is evil.example)', () => {
    const text = EXAMPLE.replace('service.org wants', 'service.org@evil.example wants');
    expect(codes(text, { ...ctx, origin: 'https://evil.example' })).toEqual(['danger:siwe-domain-mismatch']);
  });

  it('flags another account, another chain, expiry and not-before', () => {
    expect(codes(EXAMPLE, { ...ctx, accounts: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'] })).toEqual(['warning:siwe-address-mismatch']);
    expect(codes(EXAMPLE, { ...ctx, chainId: 137 })).toEqual(['warning:siwe-chain-mismatch']);
    const timed = EXAMPLE.replace('Issued At: 2021-09-30T16:25:24Z', 'Issued At: 2021-09-30T16:25:24Z\nExpiration Time: 2024-06-01T11:59:59Z\nNot Before: 2024-06-01T12:00:01Z');
    expect(codes(timed)).toEqual(['warning:siwe-expired', 'warning:siwe-not-yet-valid']);
    expect(codes(timed, { ...ctx, now: Date.parse('2024-06-01T11:00:00Z') })).toEqual(['warning:siwe-not-yet-valid']);
  });
});

describe('SIWS', () => {
  const full: SiwsInput = {
    domain: 'example.com', address: SOL, statement: 'Clicking Sign or Approve only means you have proved this wallet is owned by you.',
    uri: 'https://example.com', version: '1', chainId: 'solana:mainnet', nonce: 'oBbLoEldZs', issuedAt: '2024-01-01T00:00:00.000Z',
    expirationTime: '2024-01-02T00:00:00.000Z', notBefore: '2023-12-31T00:00:00.000Z', requestId: 'req', resources: ['https://example.com/a', 'ipfs://b'],
  };

  it('builds the Wallet Standard layout', () => {
    expect(buildSiwsMessage(full)).toBe([
      'example.com wants you to sign in with your Solana account:', SOL, '',
      'Clicking Sign or Approve only means you have proved this wallet is owned by you.', '',
      'URI: https://example.com', 'Version: 1', 'Chain ID: solana:mainnet', 'Nonce: oBbLoEldZs', 'Issued At: 2024-01-01T00:00:00.000Z',
      'Expiration Time: 2024-01-02T00:00:00.000Z', 'Not Before: 2023-12-31T00:00:00.000Z', 'Request ID: req', 'Resources:',
      '- https://example.com/a', '- ipfs://b',
    ].join('\n'));
    expect(buildSiwsMessage({ domain: 'example.com', address: SOL })).toBe(`example.com wants you to sign in with your Solana account:\n${SOL}`);
    expect(buildSiwsMessage({ domain: 'example.com', address: SOL, statement: 'Hi' })).toBe(`example.com wants you to sign in with your Solana account:\n${SOL}\n\nHi`);
    expect(buildSiwsMessage({ domain: 'example.com', address: SOL, nonce: '12345678', statement: '', uri: undefined }))
      .toBe(`example.com wants you to sign in with your Solana account:\n${SOL}\n\nNonce: 12345678`);
  });

  it.each<[string, SiwsInput]>([
    ['all fields', full],
    ['domain and address', { domain: 'example.com', address: SOL }],
    ['statement only', { domain: 'example.com', address: SOL, statement: '你好 🌍' }],
    ['fields, no statement', { domain: 'localhost:3000', address: SOL, chainId: 'devnet', issuedAt: '2024-01-01T00:00:00Z' }],
    ['empty resources', { domain: 'example.com', address: SOL, nonce: '12345678', resources: [] }],
    ['resources only', { domain: 'example.com', address: SOL, resources: ['a'] }],
  ])('round-trips %s', (_n, input) => {
    const { resources, ...rest } = input;
    expect(parseSiws(buildSiwsMessage(input))).toEqual({ ...rest, ...(resources ? { resources: [...resources] } : {}) });
  });

  it('refuses line breaks and missing domain or address', () => {
    expect(() => buildSiwsMessage({ domain: 'example.com', address: SOL, statement: 'a\n\nURI: https://evil' })).toThrow(expect.objectContaining({ code: -32602 }));
    expect(() => buildSiwsMessage({ domain: 'example.com\nevil', address: SOL })).toThrow(expect.objectContaining({ code: -32602 }));
    expect(() => buildSiwsMessage({ domain: 'example.com', address: SOL, resources: ['x\ry'] })).toThrow(expect.objectContaining({ code: -32602 }));
    expect(() => buildSiwsMessage({ domain: '', address: SOL })).toThrow(expect.objectContaining({ code: -32602 }));
    expect(() => buildSiwsMessage({ domain: 'example.com', address: '' })).toThrow(expect.objectContaining({ code: -32602 }));
  });

  it('parses and checks the domain against the origin', () => {
    const msg = parseSiws(buildSiwsMessage(full))!;
    expect(siwsWarnings(msg, { origin: 'https://example.com', accounts: [SOL], chain: 'mainnet', now: Date.parse('2024-01-01T12:00:00Z') })).toEqual([]);
    expect(siwsWarnings(msg, { origin: 'https://evil.example', accounts: [SOL], now: Date.parse('2024-01-01T12:00:00Z') }).map((w) => w.code))
      .toEqual(['siws-domain-mismatch']);
    expect(siwsWarnings(msg, { origin: 'https://example.com', accounts: ['11111111111111111111111111111111'], chain: 'solana:devnet', now: Date.parse('2024-01-03T00:00:00Z') })
      .map((w) => `${w.level}:${w.code}`)).toEqual(['warning:siws-address-mismatch', 'warning:siws-chain-mismatch', 'warning:siws-expired']);
  });

  it('rejects non-SIWS text and reports a bad address', () => {
    expect(parseSiws('hello')).toBeNull();
    expect(parseSiws(`example.com wants you to sign in with your Ethereum account:\n${ADDRESS}`)).toBeNull();
    expect(parseSiws('example.com wants you to sign in with your Solana account:\nnot-an-address')).toEqual({
      domain: 'example.com', address: 'not-an-address', problems: ['The address is not a valid Solana address.'],
    });
  });
});
