/** Run before the browser tests: a missing prerequisite fails with a message that says how to get it. */
import { existsSync } from 'node:fs';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium was not found at ${chrome}.\nInstall Debian's package: sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROME_PATH to a Chromium binary). Never use "npx playwright install".`);
  process.exit(1);
}
