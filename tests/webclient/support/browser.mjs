// Debian's Chromium, headless, driven by playwright-core: a fresh profile per launch, and every request the
// page makes recorded so a test can show that the app needs nothing beyond the appliance.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.MAOOCR_CHROMIUM ?? '/usr/bin/chromium';

// Skipped (and said so) on a developer box without Chromium; never in CI, where .ci/run installs it and a
// missing browser must fail the run instead of hiding the browser tests.
export const chromiumMissing = existsSync(CHROMIUM) || process.env.CI === 'true'
  ? false
  : `${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`;

/**
 * Opens a fresh headless Chromium profile with the given viewport.
 * @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, requests: string[], close: () => Promise<void>}>}
 */
export async function openBrowser({ width, height, mobile = false, locale = 'en-US' }) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'maoocr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width, height },
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  return {
    context,
    page,
    requests,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
