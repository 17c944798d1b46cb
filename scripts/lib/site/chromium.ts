/**
 * Finds and launches the system Chromium (Debian's `chromium` package) through playwright-core.
 * Never a browser download: playwright-core ships no browser, and we pass `executablePath`.
 *
 * Outside CI a missing Chromium makes the browser suites skip *visibly* (a warning that says how
 * to install it, and vitest counts them as skipped). In CI (`CI` set) nothing is skipped: the
 * launch fails with the same message, because a green CI that ran no browser proves nothing.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The flags the issue asks for, plus --disable-quic (no UDP attempts on a machine without network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
] as const;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const INSTALL_HINT =
  "install Debian's package (`sudo apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary; `bash .ci/run` installs it";

/** CHROME_PATH if set (it must exist), else the Debian locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROME_PATH'];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

const isCi = (env: NodeJS.ProcessEnv): boolean => Boolean(env['CI']) && env['CI'] !== 'false' && env['CI'] !== '0';

/**
 * Why this file's browser tests skip, or undefined when they run. Prints the reason, so a skip
 * is never silent. In CI it is always undefined: a missing browser must fail the launch there.
 */
export function browserSkipReason(suite: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (findChromium(env) || isCi(env)) return undefined;
  const where = env['CHROME_PATH'] ? `CHROME_PATH=${env['CHROME_PATH']} does not exist` : `no Chromium at ${CANDIDATES.join(' or ')}`;
  const reason = `SKIPPED ${suite}: ${where}; ${INSTALL_HINT}.`;
  console.warn(`\n[browser tests] ${reason}\n`);
  return reason;
}

/** Launches headless Chromium with a fresh temporary profile (playwright makes one per launch). */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = findChromium(env);
  if (!executablePath) {
    const where = env['CHROME_PATH'] ? `CHROME_PATH=${env['CHROME_PATH']}` : CANDIDATES.join(' or ');
    throw new Error(`Chromium not found (${where}): ${INSTALL_HINT}.`);
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS], timeout: 60_000 });
}
