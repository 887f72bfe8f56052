// The three components from plain props: words (English, Chinese, the app's own), aria, keyboard, the boxes
// drawn from a result object, copy and download.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { OCRResult as OCRResultData } from 'maoocr-client';
import { ConnectionStatus, OCRProgress, OCRResult } from '../src/index.js';
import { documentResult, imageResult } from './fakeAppliance.js';

const invoice = imageResult('r1') as unknown as OCRResultData;
const pdf = documentResult('r2') as unknown as OCRResultData;

/** jsdom has no object URLs: record the blobs the components hand out, and the anchors they click. */
let blobs: Map<string, Blob>;
let downloads: Array<{ name: string; blob: Blob | undefined }>;
beforeEach(() => {
  blobs = new Map();
  downloads = [];
  let n = 0;
  URL.createObjectURL = (blob: Blob) => { const url = `blob:test/${++n}`; blobs.set(url, blob); return url; };
  URL.revokeObjectURL = (url: string) => { blobs.delete(url); };
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href) });
  });
});
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('ConnectionStatus', () => {
  test('says the status in English or Chinese, with the attempt while reconnecting, in a polite live region', () => {
    const { rerender, container } = render(<ConnectionStatus status="connected" />);
    const live = screen.getByRole('status');
    expect(live.textContent).toBe('Connected');
    expect(live.getAttribute('aria-live')).toBe('polite');
    rerender(<ConnectionStatus status="reconnecting" detail={{ attempt: 2, delayMs: 2000 }} maxReconnectAttempts={5} />);
    expect(live.textContent).toBe('Reconnecting (attempt 2 of 5)…');
    expect(container.firstElementChild?.getAttribute('data-status')).toBe('reconnecting');
    rerender(<ConnectionStatus status="reconnecting" detail={{ attempt: 2 }} maxReconnectAttempts={5} locale="zh" />);
    expect(screen.getByRole('status').textContent).toBe('正在重新连接（第 2 次，共 5 次）…');
    rerender(<ConnectionStatus status="connected" strings={{ status: { connected: 'Online', connecting: '', disconnected: '', reconnecting: '', error: '' } }} />);
    expect(screen.getByRole('status').textContent).toBe('Online');
  });

  test('says why it cannot connect inside the live region, so the reason is announced with the error', () => {
    const { rerender } = render(<ConnectionStatus status="connecting" />);
    const live = screen.getByRole('status');
    rerender(<ConnectionStatus status="error" detail={{ reason: 'closed (1006)' }} />);
    expect(screen.getByRole('status')).toBe(live);
    expect(live.textContent).toBe('Cannot reach the appliance. closed (1006)');
    expect(within(live).getByText('closed (1006)').className).toBe('maoocr-status__reason');
    rerender(<ConnectionStatus status="error" detail={{ reason: 'handshake refused (403)' }} />);
    expect(live.textContent).toBe('Cannot reach the appliance. handshake refused (403)');
    // A reason is shown only for an error: a stale one must not follow the next status.
    rerender(<ConnectionStatus status="connecting" detail={{ reason: 'closed (1006)' }} />);
    expect(live.textContent).toBe('Connecting…');
  });

  test('offers Reconnect only when the client has stopped trying, and the button calls onReconnect', () => {
    const onReconnect = vi.fn();
    const { rerender } = render(<ConnectionStatus status="connected" onReconnect={onReconnect} />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<ConnectionStatus status="reconnecting" detail={{ attempt: 1 }} onReconnect={onReconnect} />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<ConnectionStatus status="error" detail={{ reason: 'closed (1006)' }} onReconnect={onReconnect} locale="zh" />);
    expect(screen.getByText('closed (1006)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重新连接' }));
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });
});

describe('OCRProgress', () => {
  /** The live region the component announces through (there is one). */
  const liveRegion = (container: HTMLElement) => {
    const regions = container.querySelectorAll('[aria-live]');
    expect(regions).toHaveLength(1);
    return regions[0];
  };

  test('shows the stage, the queue position and a PDF\'s page, with the value on the progressbar', () => {
    const { rerender, container } = render(<OCRProgress progress={null} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(container.textContent).toBe('');
    rerender(<OCRProgress progress={{ requestId: 'r', stage: 'queued', progress: 0, queuePosition: 0 }} />);
    expect(container.querySelector('.maoocr-progress__text')?.textContent).toBe('Queued · next in line — 0%');
    rerender(<OCRProgress progress={{ requestId: 'r', stage: 'recognition', progress: 62.4, page: 2, pages: 3 }} />);
    const bar = screen.getByRole('progressbar', { name: 'Recognition progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('62');
    expect(container.querySelector('.maoocr-progress__text')?.textContent).toBe('Reading text · page 2 of 3 — 62%');
    rerender(<OCRProgress progress={{ requestId: 'r', stage: 'recognition', progress: 62.4, page: 2, pages: 3 }} locale="zh" />);
    expect(liveRegion(container).textContent).toBe('识别文字 · 第 2 页，共 3 页');
    expect(screen.getByRole('progressbar', { name: '识别进度' })).toBeTruthy();
  });

  test('the live region is there, empty, before the first event, and the same element then speaks (a screen reader announces changes to a region it already knew)', () => {
    const { rerender, container } = render(<OCRProgress progress={null} />);
    const before = liveRegion(container);
    expect(before.textContent).toBe('');
    rerender(<OCRProgress progress={{ requestId: 'r', stage: 'detection', progress: 10 }} />);
    const after = liveRegion(container);
    expect(after).toBe(before);
    expect(after.textContent).toBe('Finding text');
  });

  test('announces a new stage or page, not each percent: the live region stays untouched while only the value moves', () => {
    const at = (stage: string, progress: number, page?: number) =>
      <OCRProgress progress={{ requestId: 'r', stage, progress, page, pages: page ? 5 : undefined }} />;
    const { rerender, container } = render(at('detection', 10));
    const live = liveRegion(container);
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('Finding text');
    // A screen reader speaks on a mutation of the region, so count mutations, not only the final text.
    const observer = new MutationObserver(() => {});
    observer.observe(live, { subtree: true, childList: true, characterData: true, attributes: true });
    const bar = screen.getByRole('progressbar');
    for (const percent of [11, 17, 23, 38]) rerender(at('detection', percent));
    expect(observer.takeRecords()).toEqual([]);
    expect(live.textContent).toBe('Finding text');
    expect(bar.getAttribute('aria-valuenow')).toBe('38');
    // The value is not repeated as words on the bar either (aria-valuetext would be read on every change).
    expect(bar.hasAttribute('aria-valuetext')).toBe(false);
    expect(container.textContent).toContain('38%');

    rerender(at('recognition', 40));
    expect(live.textContent).toBe('Reading text');
    rerender(at('recognition', 41, 2));
    expect(live.textContent).toBe('Reading text · page 2 of 5');
    observer.takeRecords();
    rerender(at('recognition', 55, 2));
    expect(observer.takeRecords()).toEqual([]);
    rerender(at('recognition', 60, 3));
    expect(live.textContent).toBe('Reading text · page 3 of 5');
    observer.disconnect();
  });
});

describe('OCRResult', () => {
  test('draws one box per line at the line\'s corners, in the image\'s pixels, over the image', () => {
    const image = new Blob(['png bytes'], { type: 'image/png' });
    const { container } = render(<OCRResult result={invoice} image={image} />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 400 200');
    const points = [...svg.querySelectorAll('polygon')].map((p) => p.getAttribute('points'));
    expect(points).toEqual(['10,20 210,20 210,50 10,50', '10,120 310,118 311,160 11,162']);
    const img = container.querySelector('img')!;
    expect(blobs.get(img.getAttribute('src')!)).toBe(image);
    expect(img.getAttribute('width')).toBe('400');
  });

  test('lists the lines with their confidences; focusing a line (keyboard) outlines its box', () => {
    const { container } = render(<OCRResult result={invoice} />);
    const list = screen.getByRole('list', { name: 'Recognised lines' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.maoocr-result__text')?.textContent)).toEqual(['Invoice 42', '合计 100 元']);
    expect(items.map((li) => li.querySelector('.maoocr-result__confidence')?.textContent)).toEqual(['99%', '91%']);
    expect(items[1].textContent).toContain('91% confidence');
    const active = () => [...container.querySelectorAll('polygon')].map((p) => p.classList.contains('maoocr-result__box--active'));
    expect(active()).toEqual([false, false]);
    act(() => items[1].focus());
    expect(active()).toEqual([false, true]);
    act(() => items[1].blur());
    expect(active()).toEqual([false, false]);
  });

  test('the lines are one Tab stop; arrows, Home and End move the focus and the outlined box, and the last line visited stays the Tab stop', () => {
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const lines = texts.map((text, i) => ({ text, confidence: 0.9, box: [[0, i * 10], [100, i * 10], [100, i * 10 + 8], [0, i * 10 + 8]] }));
    const result = { ...invoice, text: texts.join('\n'), lines } as unknown as OCRResultData;
    const { container } = render(<OCRResult result={result} />);
    const items = within(screen.getByRole('list', { name: 'Recognised lines' })).getAllByRole('listitem');
    const tabStops = () => [...container.querySelectorAll<HTMLElement>('[tabindex]')].filter((el) => el.tabIndex >= 0);
    const activeBox = () => [...container.querySelectorAll('polygon')].findIndex((p) => p.classList.contains('maoocr-result__box--active'));
    const focused = () => items.indexOf(document.activeElement as HTMLElement);

    expect(tabStops()).toEqual([items[0]]);
    expect(items.map((li) => li.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    act(() => items[0].focus());
    expect(activeBox()).toBe(0);

    fireEvent.keyDown(items[0], { key: 'ArrowDown' });
    expect(focused()).toBe(1);
    expect(activeBox()).toBe(1);
    fireEvent.keyDown(items[1], { key: 'ArrowDown' });
    expect(focused()).toBe(2);
    expect(tabStops()).toEqual([items[2]]);
    fireEvent.keyDown(items[2], { key: 'ArrowUp' });
    expect(focused()).toBe(1);
    expect(activeBox()).toBe(1);
    fireEvent.keyDown(items[1], { key: 'End' });
    expect(focused()).toBe(4);
    expect(activeBox()).toBe(4);
    // At either end the focus stays put rather than leaving the list.
    fireEvent.keyDown(items[4], { key: 'ArrowDown' });
    expect(focused()).toBe(4);
    fireEvent.keyDown(items[4], { key: 'Home' });
    expect(focused()).toBe(0);
    fireEvent.keyDown(items[0], { key: 'ArrowUp' });
    expect(focused()).toBe(0);
    // Arrow keys scroll the page unless the list takes them.
    expect(fireEvent.keyDown(items[0], { key: 'ArrowDown' })).toBe(false);

    // Leaving the list keeps the line last visited as the one Tab stop, and nothing outlined.
    act(() => items[1].blur());
    expect(activeBox()).toBe(-1);
    expect(tabStops()).toEqual([items[1]]);
    // Pointing still outlines a line's box.
    fireEvent.mouseEnter(items[3]);
    expect(activeBox()).toBe(3);
  });

  test('copies the text to the clipboard and says so; downloads it as NAME.txt', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<OCRResult result={invoice} fileName="invoice" locale="zh" />);
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: '复制文字' })); });
    expect(writeText).toHaveBeenCalledWith('Invoice 42\n合计 100 元');
    expect(screen.getByRole('status').textContent).toBe('已复制');
    fireEvent.click(screen.getByRole('button', { name: '下载文字' }));
    expect(downloads.map((d) => d.name)).toEqual(['invoice.txt']);
    expect(await downloads[0].blob!.text()).toBe('Invoice 42\n合计 100 元');
    expect(screen.queryByRole('button', { name: '下载可搜索 PDF' })).toBeNull();

    writeText.mockRejectedValueOnce(new Error('denied'));
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: '复制文字' })); });
    expect(screen.getByRole('status').textContent).toBe('复制失败');
  });

  test('a PDF\'s pages: a switcher by button and keyboard, each page\'s lines and boxes, and the searchable PDF', () => {
    const searchablePdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const { container } = render(<OCRResult result={{ ...pdf, searchablePdf }} image={new Blob(['%PDF-'], { type: 'application/pdf' })} fileName="scan" />);
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    const lines = () => screen.getAllByRole('listitem').map((li) => li.querySelector('.maoocr-result__text')?.textContent);
    expect(within(pager).getByText('Page 1 / 2')).toBeTruthy();
    expect(within(pager).getByText('read by OCR')).toBeTruthy();
    expect(lines()).toEqual(['First page']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 1654 2339');
    expect(container.querySelectorAll('polygon')).toHaveLength(1);
    const previous = screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement;
    const next = screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);

    next.focus();
    fireEvent.click(next);
    expect(within(pager).getByText('Page 2 / 2')).toBeTruthy();
    expect(within(pager).getByText('text layer of the PDF')).toBeTruthy();
    expect(lines()).toEqual(['Second page', 'last line']);
    expect(container.querySelectorAll('polygon')).toHaveLength(2);
    expect(next.disabled).toBe(true);
    expect(document.activeElement).toBe(previous);

    fireEvent.keyDown(pager, { key: 'ArrowLeft' });
    expect(lines()).toEqual(['First page']);
    fireEvent.keyDown(pager, { key: 'End' });
    expect(lines()).toEqual(['Second page', 'last line']);
    fireEvent.keyDown(pager, { key: 'Home' });
    expect(lines()).toEqual(['First page']);

    fireEvent.click(screen.getByRole('button', { name: 'Download searchable PDF' }));
    expect(downloads).toEqual([{ name: 'scan-searchable.pdf', blob: searchablePdf }]);
  });

  test('a result with no lines says so', () => {
    render(<OCRResult result={{ ...invoice, text: '', lines: [] }} />);
    expect(screen.getByText('No text found.')).toBeTruthy();
    expect(screen.getByText('0 lines')).toBeTruthy();
  });
});
