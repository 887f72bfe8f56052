// The hook against the real JS client, whose WebSocket is the fake appliance: one shared connection per URL,
// the status from the client's events, recognize() with its progress, and the Reconnect button.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OCRResult as OCRResultData } from 'maoocr-client';
import { ConnectionStatus, OCRProgress, sharedConnections, useMaoOCR, type UseMaoOCROptions } from '../src/index.js';
import { FakeSocket, imageResult } from './fakeAppliance.js';

const URL_A = 'ws://box-a.local:8080/ws/ocr';
const URL_B = 'ws://box-b.local:8080/ws/ocr';
const fast: UseMaoOCROptions = {
  WebSocket: FakeSocket as unknown as UseMaoOCROptions['WebSocket'],
  binary: false,
  reconnectBaseDelayMs: 5,
  reconnectJitter: 0,
  maxReconnectAttempts: 3,
  heartbeatIntervalMs: 60_000,
};

function Status({ url, options = fast }: { url: string; options?: UseMaoOCROptions }) {
  const ocr = useMaoOCR(url, options);
  return <ConnectionStatus status={ocr.status} detail={ocr.detail} maxReconnectAttempts={ocr.maxReconnectAttempts} onReconnect={ocr.reconnect} />;
}

/** Waits (real time, bounded) until `check` passes; the client's reconnect timers are real timers. */
async function eventually(check: () => void, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { check(); return; } catch (e) { if (Date.now() > deadline) throw e; }
    await act(() => new Promise((r) => setTimeout(r, 5)));
  }
}

/** Lets the shared connection's close grace (the rest of the current task) run out. */
const nextTask = () => act(() => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => FakeSocket.reset());
afterEach(async () => { cleanup(); await nextTask(); });

describe('useMaoOCR', () => {
  test('components naming the same URL share one connection; the last one to unmount closes it', async () => {
    const first = render(<Status url={URL_A} />);
    const second = render(<Status url={URL_A} />);
    const other = render(<Status url={URL_B} />);
    expect(FakeSocket.opened.map((s) => s.url)).toEqual([URL_A, URL_B]);
    expect(sharedConnections()).toEqual(new Map([[URL_A, 2], [URL_B, 1]]));

    act(() => FakeSocket.opened[0].accept());
    expect(first.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('connected');
    expect(second.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('connected');
    expect(other.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('connecting');

    first.unmount();
    await nextTask();
    expect(FakeSocket.opened[0].closed).toBe(false);
    expect(sharedConnections().get(URL_A)).toBe(1);
    second.unmount();
    await nextTask();
    expect(FakeSocket.opened[0].closed).toBe(true);
    expect(sharedConnections().has(URL_A)).toBe(false);
    other.unmount();
    await nextTask();
    expect(FakeSocket.opened[1].closed).toBe(true);
    expect(sharedConnections().size).toBe(0);
  });

  test('StrictMode\'s unmount and mount, or one screen swapped for another, keep the one open connection', async () => {
    const strict = render(<StrictMode><Status url={URL_A} /></StrictMode>);
    act(() => FakeSocket.last.accept());
    strict.rerender(<StrictMode><Status url={URL_A} key="another screen" /></StrictMode>);
    await nextTask();
    expect(FakeSocket.opened).toHaveLength(1);
    expect(FakeSocket.last.closed).toBe(false);
    expect(sharedConnections().get(URL_A)).toBe(1);
    expect(screen.getByRole('status').textContent).toBe('Connected');
    strict.unmount();
    await nextTask();
    expect(FakeSocket.last.closed).toBe(true);
  });

  test('recognize() sends the file with its requirements, reports each progress event and resolves with the result', async () => {
    const results: OCRResultData[] = [];
    const events: string[] = [];
    function Reader() {
      const ocr = useMaoOCR(URL_A, fast);
      const [busy, setBusy] = useState(false);
      const read = async () => {
        setBusy(true);
        results.push(await ocr.recognize(new Blob(['fake image bytes']), { language: 'en' }, { onProgress: (p) => events.push(`${p.stage}:${p.progress}`) }));
        setBusy(false);
      };
      return (
        <>
          <button type="button" onClick={read} disabled={busy}>Read</button>
          <OCRProgress progress={ocr.progress} />
        </>
      );
    }
    const view = render(<Reader />);
    const progressText = () => view.container.querySelector('.maoocr-progress__text')?.textContent;
    act(() => FakeSocket.last.accept());
    fireEvent.click(screen.getByRole('button', { name: 'Read' }));
    await eventually(() => expect(FakeSocket.last.requests()).toHaveLength(1));
    const [request] = FakeSocket.last.requests();
    expect(request.data.requirements).toEqual({ language: 'en' });
    expect(atob(request.data.image!)).toBe('fake image bytes');

    const socket = FakeSocket.last;
    act(() => socket.reply('ocr_start', { request_id: request.id, queue_position: 1 }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    expect(progressText()).toBe('Queued · 1 ahead — 0%');
    act(() => socket.reply('ocr_progress', { request_id: request.id, stage: 'detection', progress: 40 }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(progressText()).toBe('Finding text — 40%');
    act(() => socket.reply('ocr_progress', { request_id: request.id, stage: 'recognition', progress: 80 }));
    expect(progressText()).toBe('Reading text — 80%');

    await act(async () => socket.reply('ocr_complete', imageResult(request.id)));
    await eventually(() => expect(results).toHaveLength(1));
    expect(results[0].lines?.map((l) => l.text)).toEqual(['Invoice 42', '合计 100 元']);
    expect(events).toEqual(['queued:0', 'detection:40', 'recognition:80']);
    expect(progressText()).toBe('Done — 100%');
  });

  test('a drop shows "reconnecting" with each attempt, then "connected" again; no second client is made', async () => {
    render(<Status url={URL_A} />);
    act(() => FakeSocket.last.accept());
    expect(screen.getByRole('status').textContent).toBe('Connected');
    act(() => FakeSocket.last.drop());
    expect(screen.getByRole('status').textContent).toBe('Reconnecting (attempt 1 of 3)…');
    await eventually(() => expect(FakeSocket.opened).toHaveLength(2));
    // The first attempt fails: the status stays "reconnecting" (no new status event), the attempt still counts on.
    act(() => FakeSocket.last.drop(1006));
    expect(screen.getByRole('status').textContent).toBe('Reconnecting (attempt 2 of 3)…');
    await eventually(() => expect(FakeSocket.opened).toHaveLength(3));
    act(() => FakeSocket.last.accept());
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(sharedConnections().get(URL_A)).toBe(1);
  });

  test('once the client gives up, the Reconnect button connects again through the client', async () => {
    render(<Status url={URL_A} options={{ ...fast, maxReconnectAttempts: 0 }} />);
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    act(() => FakeSocket.last.accept());
    act(() => FakeSocket.last.drop());
    expect(screen.getByRole('group', { name: 'Connection to the OCR appliance' }).getAttribute('data-status')).toBe('error');
    // The client's reason is announced with the status (here the drop's close code).
    expect(screen.getByRole('status').textContent).toMatch(/^Cannot reach the appliance\. \S.*1001/);
    expect(FakeSocket.opened).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(FakeSocket.opened).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    act(() => FakeSocket.last.accept());
    expect(screen.getByRole('status').textContent).toBe('Connected');
  });

  test('autoConnect false waits for reconnect(); unmounting with a request in flight rejects it with "disconnected"', async () => {
    let recognize: ReturnType<typeof useMaoOCR>['recognize'] | undefined;
    function Lazy() {
      const ocr = useMaoOCR(URL_A, { ...fast, autoConnect: false });
      recognize = ocr.recognize;
      return <ConnectionStatus status={ocr.status} onReconnect={ocr.reconnect} />;
    }
    const view = render(<Lazy />);
    expect(FakeSocket.opened).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('Disconnected');
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    act(() => FakeSocket.last.accept());
    const rejected = expect(recognize!(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'disconnected' });
    view.unmount();
    await nextTask();
    await rejected;
  });
});
