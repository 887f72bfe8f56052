// A stand-in for the appliance's WebSocket, handed to the real client through its `WebSocket` option: the
// tests see the sockets the client opens, read the requests it sends (JSON form, `binary: false`) and answer
// with the protocol's messages (docs/protocol.md).

export interface SentRequest {
  type: string;
  id: string;
  data: { requirements?: Record<string, unknown>; image?: string; output?: string };
}

export class FakeSocket {
  static opened: FakeSocket[] = [];

  readonly url: string;
  binaryType = 'blob';
  readyState = 0;
  closed = false;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeSocket.opened.push(this);
  }

  static reset(): void {
    FakeSocket.opened = [];
  }

  static get last(): FakeSocket {
    const socket = FakeSocket.opened.at(-1);
    if (!socket) throw new Error('The client opened no socket.');
    return socket;
  }

  /** The handshake succeeds. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  /** The appliance goes away (a restart closes with 1001). */
  drop(code = 1001): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  send(message: string): void {
    this.sent.push(message);
  }

  close(): void {
    this.closed = true;
    this.readyState = 3;
  }

  requests(): SentRequest[] {
    return this.sent.map((m) => JSON.parse(m) as SentRequest).filter((m) => m.type === 'ocr_request');
  }

  reply(type: string, data: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify({ type, id: `srv-${Math.random()}`, timestamp: Date.now() / 1000, data }) });
  }
}

/** An image result as the appliance gives it: two lines in a 400×200 image. */
export function imageResult(requestId: string) {
  return {
    request_id: requestId,
    cached: false,
    text: 'Invoice 42\n合计 100 元',
    width: 400,
    height: 200,
    lines: [
      { text: 'Invoice 42', confidence: 0.987, box: [[10, 20], [210, 20], [210, 50], [10, 50]] },
      { text: '合计 100 元', confidence: 0.912, box: [[10, 120], [310, 118], [311, 160], [11, 162]] },
    ],
    timings: { decode_ms: 1, detection_ms: 2, classification_ms: 0, recognition_ms: 3, inference_ms: 5, total_ms: 6 },
  };
}

/** A two-page PDF's result: page 1 read by OCR (one line), page 2 from its text layer (two lines). */
export function documentResult(requestId: string) {
  const page = (n: number, source: 'ocr' | 'text_layer', lines: string[]) => ({
    page: n,
    source,
    dpi: 200,
    width_pt: 595,
    height_pt: 842,
    width: 1654,
    height: 2339,
    text: lines.join('\n'),
    lines: lines.map((text, i) => ({ text, confidence: 0.95, box: [[100, 100 + i * 80], [900, 100 + i * 80], [900, 150 + i * 80], [100, 150 + i * 80]] })),
    timings: { decode_ms: 1, detection_ms: 2, classification_ms: 0, recognition_ms: 3, inference_ms: 5, total_ms: 6 },
  });
  const pages = [page(1, 'ocr', ['First page']), page(2, 'text_layer', ['Second page', 'last line'])];
  return { request_id: requestId, cached: false, text: pages.map((p) => p.text).join('\n\n'), page_count: 2, pages };
}
