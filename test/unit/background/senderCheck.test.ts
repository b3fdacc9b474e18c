import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from '../../../src/background/senderCheck';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';

describe('isOwnExtensionPage', () => {
  it.each([
    ['the popup page', { id: ID, url: `chrome-extension://${ID}/popup.html` }],
    ['the onboarding tab (hash route)', { id: ID, url: `chrome-extension://${ID}/popup.html#/onboarding` }],
    // The origin must agree with the url. Chrome parses chrome-extension: as a standard scheme
    // (origin "chrome-extension://<id>"); Node's WHATWG URL gives it an opaque origin ("null"), so take it from the parser.
    ['a sender whose origin agrees with its url', { id: ID, url: `chrome-extension://${ID}/popup.html`, origin: new URL(`chrome-extension://${ID}/popup.html`).origin }],
  ])('accepts %s', (_n, sender) => {
    expect(isOwnExtensionPage(sender, ID)).toBe(true);
  });

  it.each([
    ['a content script (same id, web page url)', { id: ID, url: 'https://evil.example/' }],
    ['a content script on a page with our id in its path', { id: ID, url: `https://evil.example/chrome-extension://${ID}/popup.html` }],
    ['another extension', { id: OTHER, url: `chrome-extension://${OTHER}/popup.html` }],
    ['another extension claiming our page url', { id: OTHER, url: `chrome-extension://${ID}/popup.html` }],
    ['our id but another extension host', { id: ID, url: `chrome-extension://${OTHER}/popup.html` }],
    ['a missing url', { id: ID }],
    ['a missing id', { url: `chrome-extension://${ID}/popup.html` }],
    ['an unparsable url', { id: ID, url: 'not a url' }],
    ['a mismatching origin', { id: ID, url: `chrome-extension://${ID}/popup.html`, origin: 'https://evil.example' }],
    ['a moz-extension url', { id: ID, url: `moz-extension://${ID}/popup.html` }],
  ])('rejects %s', (_n, sender) => {
    expect(isOwnExtensionPage(sender, ID)).toBe(false);
  });

  it('rejects an undefined sender', () => {
    expect(isOwnExtensionPage(undefined, ID)).toBe(false);
  });
});

// Firefox: the runtime id is the gecko id; pages live at moz-extension://<internal UUID>/ (runtime.getURL('')).
describe('isOwnExtensionPage in Firefox', () => {
  const GECKO = 'meridian-wallet@meridian.dev';
  const UUID = '6d657269-6469-4161-8e66-697265666f78';
  const BASE = `moz-extension://${UUID}/`;

  it.each([
    ['the popup page', { id: GECKO, url: `moz-extension://${UUID}/popup.html` }],
    ['the onboarding tab (hash route)', { id: GECKO, url: `moz-extension://${UUID}/popup.html#/onboarding` }],
  ])('accepts %s', (_n, sender) => {
    expect(isOwnExtensionPage(sender, GECKO, BASE)).toBe(true);
  });

  it.each([
    ['a content script (same id, web page url)', { id: GECKO, url: 'https://evil.example/' }],
    ['another add-on', { id: 'other@example.com', url: `moz-extension://${UUID}/popup.html` }],
    ['another add-on\'s UUID', { id: GECKO, url: 'moz-extension://00000000-0000-4000-8000-000000000000/popup.html' }],
    ['a chrome-extension url', { id: GECKO, url: `chrome-extension://${UUID}/popup.html` }],
    ['a mismatching origin', { id: GECKO, url: `moz-extension://${UUID}/popup.html`, origin: 'https://evil.example' }],
  ])('rejects %s', (_n, sender) => {
    expect(isOwnExtensionPage(sender, GECKO, BASE)).toBe(false);
  });

  it('rejects every sender when the base URL is not an extension URL', () => {
    expect(isOwnExtensionPage({ id: GECKO, url: 'https://evil.example/popup.html' }, GECKO, 'https://evil.example/')).toBe(false);
  });
});
