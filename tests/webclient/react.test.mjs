// The maoocr-react example app (clients/react/example, built with Vite) in Debian's Chromium against the real
// appliance, served from its own origin as a React app would be: a chosen image gets progress and then the right
// text with a box per line; a PDF gets "page k of 2" progress and a page switcher; the status goes connected →
// reconnecting → connected across an appliance restart. Screenshots at desktop and phone size for the README.
// Build first: cd clients/react && npm ci && npm run build && npm run build:example (test.sh does).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Appliance, repoRoot } from './support/appliance.mjs';
import { chromiumMissing, openBrowser } from './support/browser.mjs';
import { characterErrorRate, fixtures } from './support/fixtures.mjs';
import { serveDirectory } from './support/static.mjs';

const exampleDist = path.join(repoRoot, 'clients/react/example/dist');
const screenshots = process.env.MAOOCR_UPDATE_SCREENSHOTS === '1'
  ? path.join(repoRoot, 'docs/images')
  : path.join(repoRoot, 'artifacts/screenshots');

/** Generous bounds for a busy 2-core machine; they bound waiting, they assert nothing about speed. */
const OCR_WAIT_MS = 90_000;
const RECONNECT_WAIT_MS = 120_000;

const status = (page, value) => page.locator(`.maoocr-status[data-status="${value}"]`);

/** Records, in the page, every progressbar value and text shown and every status the indicator takes. */
async function watch(page) {
  await page.evaluate(() => {
    window.__seen = { progress: [], progressText: [], statuses: [document.querySelector('.maoocr-status')?.dataset.status] };
    new MutationObserver(() => {
      const bar = document.querySelector('.maoocr-progress [role="progressbar"]');
      if (bar) window.__seen.progress.push(Number(bar.getAttribute('aria-valuenow')));
      const text = document.querySelector('.maoocr-progress__text')?.textContent;
      if (text && window.__seen.progressText.at(-1) !== text) window.__seen.progressText.push(text);
      const s = document.querySelector('.maoocr-status')?.dataset.status;
      if (s && window.__seen.statuses.at(-1) !== s) window.__seen.statuses.push(s);
    }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
}

/** Chooses `file` and waits for its result; returns the lines and boxes shown. */
async function read(page, file) {
  await page.setInputFiles('input[type="file"]', file);
  await page.locator('.maoocr-result, [role="alert"]').first().waitFor({ timeout: OCR_WAIT_MS });
  const alert = page.locator('[role="alert"]');
  if (await alert.count()) throw new Error(`the app failed: ${await alert.textContent()}`);
  const lines = await page.locator('.maoocr-result__line .maoocr-result__text').allTextContents();
  const boxes = await page.locator('.maoocr-result__boxes polygon').evaluateAll((ps) => ps.map((p) => p.getAttribute('points')));
  return { lines, boxes };
}

function assertLines(expected, lines) {
  assert.equal(lines.length, expected.length, `lines: ${JSON.stringify(lines)}`);
  lines.forEach((line, i) => assert.ok(characterErrorRate(expected[i], line) <= 0.1, `line ${i + 1}: ${line} (expected ${expected[i]})`));
}

describe('the maoocr-react example in Chromium', { skip: chromiumMissing }, () => {
  let appliance;
  let site;
  let images;

  before(async () => {
    if (!existsSync(path.join(exampleDist, 'index.html'))) {
      throw new Error(`${exampleDist} is missing: cd clients/react && npm ci && npm run build && npm run build:example`);
    }
    images = fixtures();
    site = await serveDirectory(exampleDist);
    // The page's origin is not the appliance's: the appliance must allow it (README, "maoocr-react").
    process.env.MAOOCR__Server__AllowedOrigins__0 = site.url;
    appliance = await Appliance.start();
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await appliance?.stop();
    await site?.close();
  });

  const appUrl = () => `${site.url}/?server=${encodeURIComponent(appliance.wsUrl)}`;

  test('desktop: an image gets progress, then its text with a box per line over it; a PDF gets its pages', async () => {
    const browser = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page, requests, problems } = browser;
      await page.goto(appUrl());
      await status(page, 'connected').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByRole('status').first().textContent(), 'Connected');
      await watch(page);

      const invoice = images.invoice;
      const { lines, boxes } = await read(page, invoice.path);
      assertLines(invoice.text.split('\n'), lines);
      assert.equal(boxes.length, lines.length);
      // Each box is where its line is in the image: the overlay is in the image's pixels, drawn over the image.
      invoice.lines.forEach((truth, i) => {
        const cy = boxes[i].split(' ').map((xy) => Number(xy.split(',')[1])).reduce((a, b) => a + b, 0) / 4;
        const ys = truth.box.map(([, y]) => y);
        assert.ok(cy > Math.min(...ys) - 4 && cy < Math.max(...ys) + 4, `box ${i + 1} centre y=${cy} outside ${ys}`);
      });
      assert.equal(await page.locator('.maoocr-result__boxes').getAttribute('viewBox'), `0 0 ${invoice.width} ${invoice.height}`);
      const [imageBox, overlayBox] = await Promise.all([page.locator('.maoocr-result__image').boundingBox(), page.locator('.maoocr-result__boxes').boundingBox()]);
      assert.deepEqual(overlayBox, imageBox, 'the boxes must cover the image exactly');

      const seen = await page.evaluate(() => window.__seen);
      assert.ok(seen.progress.some((p) => p > 0 && p < 100), `progress shown: ${seen.progress}`);
      assert.deepEqual(seen.progress, [...seen.progress].sort((a, b) => a - b), `progress went back: ${seen.progress}`);
      assert.equal(seen.progress.at(-1), 100);
      assert.match(seen.progressText.at(-1), /^Done — 100%$/);

      // Keyboard: focusing a line outlines its box.
      await page.locator('.maoocr-result__line').nth(2).focus();
      assert.deepEqual(await page.locator('.maoocr-result__boxes polygon').evaluateAll((ps) => ps.map((p) => p.classList.contains('maoocr-result__box--active'))),
        lines.map((_, i) => i === 2));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download text' }).click()]);
      assert.equal(download.suggestedFilename(), 'invoice.txt');
      assertLines(invoice.text.split('\n'), readFileSync(await download.path(), 'utf8').split('\n'));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(screenshots, 'react-desktop.png') });

      // A PDF, with the searchable PDF asked for: page-by-page progress, a page switcher, the download.
      const scan = images.scan;
      await page.getByLabel('Also make a searchable PDF').check();
      await page.evaluate(() => { window.__seen.progressText = []; });
      await read(page, scan.path);
      const texts = await page.evaluate(() => window.__seen.progressText);
      assert.ok(texts.some((t) => /page 1 of 2/.test(t)) && texts.some((t) => /page 2 of 2/.test(t)), `progress shown: ${JSON.stringify(texts)}`);
      const pager = page.getByRole('navigation', { name: 'Pages' });
      for (const index of [0, 1]) {
        assert.equal(await pager.locator('.maoocr-pager__label').textContent(), `Page ${index + 1} / 2`);
        const shown = await page.locator('.maoocr-result__line .maoocr-result__text').allTextContents();
        assertLines(scan.pages[index].lines, shown);
        assert.equal(await page.locator('.maoocr-result__boxes polygon').count(), shown.length);
        if (index === 0) await page.getByRole('button', { name: 'Next page' }).click();
      }
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download searchable PDF' }).click()]);
      assert.equal(pdf.suggestedFilename(), 'scan-searchable.pdf');
      assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1'), '%PDF-');

      const foreign = requests.filter((url) => !url.startsWith(site.url) && !url.startsWith('ws://127.0.0.1') && !url.startsWith('blob:') && !url.startsWith('data:'));
      assert.deepEqual(foreign, [], 'the example must load nothing from outside');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('phone, Chinese: the status goes connected → reconnecting → connected across a restart, then reads again', async () => {
    const browser = await openBrowser({ width: 390, height: 844, mobile: true, locale: 'zh-CN' });
    try {
      const { page, problems } = browser;
      await page.goto(appUrl());
      await status(page, 'connected').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.maoocr-status__text').textContent(), '已连接');
      await watch(page);

      await appliance.stop();
      await status(page, 'reconnecting').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('.maoocr-status__text').textContent(), /^正在重新连接（第 \d+ 次，共 10 次）…$/);
      await appliance.restart();
      await status(page, 'connected').waitFor({ timeout: RECONNECT_WAIT_MS });
      const statuses = await page.evaluate(() => window.__seen.statuses);
      assert.deepEqual(statuses.filter((s) => s !== 'connecting'), ['connected', 'reconnecting', 'connected'], `statuses: ${statuses}`);

      const note = images['note-zh'];
      const { lines, boxes } = await read(page, note.path);
      assertLines(note.text.split('\n'), lines);
      assert.equal(boxes.length, lines.length);
      await page.screenshot({ path: path.join(screenshots, 'react-phone.png'), scale: 'css' });
      // The browser logs the refused WebSocket handshakes while the appliance is down; nothing else.
      assert.deepEqual(problems.filter((p) => !/WebSocket/.test(p)), []);
    } finally {
      await browser.close();
    }
  });
});
