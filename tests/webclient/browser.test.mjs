// The web app at / in a real browser (Debian's Chromium, headless) against the real appliance: a chosen
// image gets progress and then the right text with its boxes drawn; a PDF gets page-by-page progress and a
// page switcher; both download as searchable PDFs; the page survives the appliance restarting; screenshots at desktop and phone size go to docs/images for the README.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Appliance, repoRoot } from './support/appliance.mjs';
import { chromiumMissing, openBrowser } from './support/browser.mjs';
import { characterErrorRate, fixtures } from './support/fixtures.mjs';

// The README's screenshots (docs/images) are refreshed with MAOOCR_UPDATE_SCREENSHOTS=1, so that a test run
// leaves the tracked files alone; otherwise they go to artifacts/screenshots for a look.
const screenshots = process.env.MAOOCR_UPDATE_SCREENSHOTS === '1'
  ? path.join(repoRoot, 'docs/images')
  : path.join(repoRoot, 'artifacts/screenshots');

/** Generous bounds for a busy 2-core machine; they bound waiting, they assert nothing about speed. */
const OCR_WAIT_MS = 90_000;
const RECONNECT_WAIT_MS = 120_000;

async function expectConnected(page, timeout = 30_000) {
  await page.locator('#connection[data-status="connected"]').waitFor({ timeout });
}

/** Chooses `file` in the picker and returns what the page showed for it, progress included. */
async function readWithTheApp(page, file) {
  // Record every progress bar value the page shows, from the moment the job appears.
  await page.evaluate(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('.job .progress[aria-valuenow]')) {
        if (!bar.hidden) window.__progressSeen.push(Number(bar.getAttribute('aria-valuenow')));
      }
    }).observe(document.getElementById('jobs'), { subtree: true, attributes: true, childList: true, characterData: true });
  });
  const jobsBefore = await page.locator('.job').count();
  await page.setInputFiles('#file-input', file);
  await page.locator('.job').nth(0).waitFor();
  assert.equal(await page.locator('.job').count(), jobsBefore + 1);
  const job = page.locator('.job').first();
  await page.locator('.job[data-state="done"], .job[data-state="failed"]').first().waitFor({ timeout: OCR_WAIT_MS });
  await job.locator(':scope[data-state="done"]').waitFor({ timeout: OCR_WAIT_MS }).catch(async () => {
    throw new Error(`the job failed: ${await job.locator('.summary').textContent()}`);
  });
  const lines = await page.locator('#lines .line .text').allTextContents();
  const boxes = await page.locator('#overlay polygon').count();
  const progress = await page.evaluate(() => window.__progressSeen);
  return { lines, boxes, progress };
}

describe('the web app in Chromium', { skip: chromiumMissing }, () => {
  let appliance;
  let images;

  before(async () => {
    images = fixtures();
    appliance = await Appliance.start();
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await appliance?.stop();
  });

  test('desktop: choose an image, see progress, then the right text with a box per line; nothing loads from outside', async () => {
    const browser = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page, requests, problems } = browser;
      await page.goto(appliance.httpUrl);
      await expectConnected(page);
      assert.equal(await page.locator('#status-text').textContent(), 'Connected');
      // Keyboard: after the skip link, Tab reaches the file picker first (the main way in with a mouse).
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'file-input');

      const { lines, boxes, progress } = await readWithTheApp(page, images.invoice.path);
      const expected = images.invoice.text.split('\n');
      assert.equal(lines.length, expected.length, `lines: ${JSON.stringify(lines)}`);
      lines.forEach((line, i) => assert.ok(characterErrorRate(expected[i], line) <= 0.1, `line ${i + 1}: ${line}`));
      assert.equal(boxes, expected.length);
      assert.ok(progress.length > 0, 'no progress was shown');
      assert.ok(progress.some((p) => p > 0 && p < 100), `progress shown: ${progress}`);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b), `progress went back: ${progress}`);

      // Each box sits where its line is in the image (the overlay uses image pixels).
      const points = await page.locator('#overlay polygon').evaluateAll((ps) => ps.map((p) => p.getAttribute('points')));
      images.invoice.lines.forEach((truth, i) => {
        const corners = points[i].split(' ').map((xy) => xy.split(',').map(Number));
        const cy = corners.reduce((s, [, y]) => s + y, 0) / 4;
        const [top, bottom] = [Math.min(...truth.box.map(([, y]) => y)), Math.max(...truth.box.map(([, y]) => y))];
        assert.ok(cy > top - 4 && cy < bottom + 4, `box ${i + 1} centre y=${cy} outside ${top}–${bottom}`);
      });
      assert.equal(await page.locator('#overlay').getAttribute('viewBox'), `0 0 ${images.invoice.width} ${images.invoice.height}`);

      // Keyboard and screen readers: focusing a line outlines its box; the controls have names.
      await page.locator('#lines .line').nth(1).focus();
      assert.deepEqual(await page.locator('#overlay polygon').evaluateAll((ps) => ps.map((p) => p.classList.contains('active'))),
        expected.map((_, i) => i === 1));
      for (const name of ['Copy text', 'Download the text as a TXT file', 'Download the result as JSON']) {
        assert.equal(await page.getByRole('button', { name }).count(), 1, name);
      }
      assert.equal(await page.getByRole('status').textContent(), 'Connected');

      // A second image, so the history shows more than one result.
      await readWithTheApp(page, images['note-zh'].path);
      await page.locator('.job').nth(1).locator('.open').click();
      await page.locator('#lines .line').first().hover();
      await page.screenshot({ path: path.join(screenshots, 'app-desktop.png') });

      // History survives a reload (kept in the browser), and the download offers the text.
      await page.reload();
      await expectConnected(page);
      assert.equal(await page.locator('.job[data-state="done"]').count(), 2);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-txt')]);
      assert.match(download.suggestedFilename(), /\.txt$/);

      const foreign = requests.filter((url) => !url.startsWith(appliance.httpUrl) && !url.startsWith('ws://127.0.0.1') && !url.startsWith('blob:') && !url.startsWith('data:'));
      assert.deepEqual(foreign, [], 'the app must not load anything from outside the appliance');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('desktop: choose a PDF, see "page k of 2" progress, switch pages by button and keyboard, download the searchable PDF', async () => {
    const browser = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page, problems } = browser;
      await page.goto(appliance.httpUrl);
      await expectConnected(page);
      assert.match(await page.locator('#file-input').getAttribute('accept'), /application\/pdf/);
      await page.evaluate(() => {
        window.__summaries = [];
        new MutationObserver(() => {
          for (const s of document.querySelectorAll('.job .summary')) window.__summaries.push(s.textContent);
        }).observe(document.getElementById('jobs'), { subtree: true, childList: true, characterData: true });
      });

      const scan = images.scan;
      await page.setInputFiles('#file-input', scan.path);
      const job = page.locator('.job').first();
      await page.locator('.job[data-state="done"], .job[data-state="failed"]').first().waitFor({ timeout: OCR_WAIT_MS });
      assert.equal(await job.getAttribute('data-state'), 'done', await job.locator('.summary').textContent());
      const summaries = await page.evaluate(() => window.__summaries);
      assert.ok(summaries.some((s) => /page 1 of 2/.test(s)), `progress shown: ${JSON.stringify(summaries)}`);
      assert.ok(summaries.some((s) => /page 2 of 2/.test(s)), `progress shown: ${JSON.stringify(summaries)}`);
      assert.match(await job.locator('.summary').textContent(), /^2 pages · 6 lines/);

      // The result opens on page 1 with a page switcher; the page's text and lines are shown, no image.
      const label = page.locator('#page-label');
      const shows = async (index) => {
        assert.equal(await label.textContent(), `Page ${index + 1} / 2`);
        const text = await page.locator('#page-text').textContent();
        assert.ok(characterErrorRate(scan.pages[index].text, text) <= 0.1, `page ${index + 1}: ${text}`);
        const lines = await page.locator('#lines .line .text').allTextContents();
        assert.equal(lines.length, scan.pages[index].lines.length, `page ${index + 1} lines: ${JSON.stringify(lines)}`);
        lines.forEach((line, i) => assert.ok(characterErrorRate(scan.pages[index].lines[i], line) <= 0.1, `page ${index + 1} line ${i + 1}: ${line}`));
      };
      await page.locator('#pager').waitFor();
      assert.ok(await page.locator('#image-frame').isHidden());
      await shows(0);
      assert.ok(await page.locator('#page-prev').isDisabled());
      assert.match(await page.locator('#result-meta').textContent(), /read by OCR/);

      // Keyboard: Enter on "Next page"; at the last page the focus moves to "Previous page"; arrows and Home/End.
      await page.getByRole('button', { name: 'Next page' }).focus();
      await page.keyboard.press('Enter');
      await shows(1);
      assert.ok(await page.locator('#page-next').isDisabled());
      assert.equal(await page.evaluate(() => document.activeElement.id), 'page-prev');
      await page.keyboard.press('ArrowLeft');
      await shows(0);
      await page.keyboard.press('End');
      await shows(1);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await shows(0);
      assert.equal(await page.getByRole('navigation', { name: 'Pages' }).count(), 1);

      // The searchable PDF of the PDF, named after it.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: OCR_WAIT_MS }),
        page.getByRole('button', { name: 'Download searchable PDF' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'scan-searchable.pdf');
      const bytes = readFileSync(await download.path());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      await page.screenshot({ path: path.join(screenshots, 'app-desktop-pdf.png') });

      // An image downloads as a searchable PDF too; its result has no page switcher.
      await page.setInputFiles('#file-input', images.alpha.path);
      await page.locator('.job').first().locator(':scope[data-state="done"]').waitFor({ timeout: OCR_WAIT_MS });
      assert.ok(await page.locator('#pager').isHidden());
      assert.ok(await page.locator('#image-frame').isVisible());
      const [imageDownload] = await Promise.all([page.waitForEvent('download', { timeout: OCR_WAIT_MS }), page.click('#download-pdf')]);
      assert.equal(imageDownload.suggestedFilename(), 'alpha-searchable.pdf');
      assert.equal(readFileSync(await imageDownload.path()).subarray(0, 5).toString('latin1'), '%PDF-');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('phone: stop and restart the appliance; the page shows reconnecting, recovers, and reads again', async () => {
    const browser = await openBrowser({ width: 375, height: 812, mobile: true, locale: 'zh-CN' });
    try {
      const { page, problems } = browser;
      await page.goto(appliance.httpUrl);
      await expectConnected(page);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      assert.equal(await page.locator('#camera-input').getAttribute('capture'), 'environment');

      await appliance.stop();
      await page.locator('#connection[data-status="reconnecting"]').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#status-text').textContent(), /重新连接/);
      // The status stays reconnecting from one attempt to the next; the count shown goes on with them.
      await page.locator('#status-text', { hasText: '2/5' }).waitFor({ timeout: 30_000 });
      await appliance.restart();
      await expectConnected(page, RECONNECT_WAIT_MS);

      const { lines, boxes } = await readWithTheApp(page, images['note-zh'].path);
      const expected = images['note-zh'].text.split('\n');
      assert.equal(lines.length, expected.length, `lines: ${JSON.stringify(lines)}`);
      lines.forEach((line, i) => assert.ok(characterErrorRate(expected[i], line) <= 0.1, `line ${i + 1}: ${line}`));
      assert.equal(boxes, expected.length);
      // On a phone the page brings the result up once it is read.
      await page.waitForFunction(() => {
        const top = document.getElementById('result').getBoundingClientRect().top;
        return top < 120 || Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight;
      }, null, { timeout: 10_000 });
      await page.waitForTimeout(600); // let the smooth scroll come to rest before the picture
      await page.screenshot({ path: path.join(screenshots, 'app-phone-result.png'), scale: 'css' });
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await page.screenshot({ path: path.join(screenshots, 'app-phone.png'), scale: 'css' });
      assert.deepEqual(problems.filter((p) => !/WebSocket/.test(p)), []);
    } finally {
      await browser.close();
    }
  });
});
