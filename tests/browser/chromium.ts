/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which downloads no
 * browser). Without it the tests fail on CI and are skipped, with a note, elsewhere.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const onCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const available = existsSync(CHROMIUM_PATH);

/** `describe` where Chromium is installed or on CI (where its absence must fail), `describe.skip` otherwise. */
export const describeInBrowser: jest.Describe = available || onCi ? describe : describe.skip;

if (!available && !onCi) {
  console.warn(`Skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium). On CI they fail instead.`);
}

/** Starts headless Chromium, or throws saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!available) throw new Error(`The browser tests need Chromium at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium (.ci/run does this).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
