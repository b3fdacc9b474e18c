/** Phishing protection: on-device list, look-alike check, navigation rule, warning-page channel, updates. */
export { isPhishingOrigin, createPhishingDetector, type PhishingState } from './detector';
export { createPhishingGuard, PHISHING_UPDATE_ALARM, type DnrApi, type PhishingGuard } from './guard';
export { handlePhishingMessage, PHISHING_PORT_NAME } from './channel';
export { PHISHING_RULE_ID } from './rule';
/** The bundled list's file in dist/ (written by scripts/build.ts). */
export const BUNDLED_LIST_FILE = 'phishing-list.json';
/** The warning page (dist/phishing.html). */
export const WARNING_PAGE_FILE = 'phishing.html';
