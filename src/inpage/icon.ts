/** The wallet icon as a data URI (EIP-6963 and Wallet Standard both take one; the latter wants base64). */
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#1e3a8a"/>'
  + '<g fill="none" stroke="#fff" stroke-width="2"><circle cx="16" cy="16" r="10"/><ellipse cx="16" cy="16" rx="4" ry="10"/></g></svg>';
export const ICON = `data:image/svg+xml;base64,${btoa(SVG)}` as const satisfies `data:image/svg+xml;base64,${string}`;
