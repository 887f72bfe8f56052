// The hook: the URL's shared connection (connections.ts), its status as the client reports it, and
// recognize(), which sends one file and follows its progress.

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ClientErrorCode,
  MaoOCRError,
  OCRRequestData,
  type ConnectionStatusValue,
  type ImageInput,
  type MaoOCRWebSocketService,
  type OCRProgress,
  type OCRRequirements,
  type OCRResult,
  type OutputFormatValue,
  type ServiceOptions,
  type StatusDetail,
} from 'maoocr-client';
import { acquireConnection, releaseConnection } from './connections.js';

export interface UseMaoOCROptions extends ServiceOptions {
  /** Connect when the first component mounts. Default true; with false, call reconnect() to connect. */
  autoConnect?: boolean;
}

export interface RecognizeOptions {
  /** Each progress event of this request, as the client reports it. */
  onProgress?: (progress: OCRProgress) => void;
  /** "pdf": the result also carries `searchablePdf`, the input with its text laid over. Default "json". */
  output?: OutputFormatValue;
  signal?: AbortSignal;
  /** Overrides the client's request timeout for this request, in milliseconds. */
  timeoutMs?: number;
}

/** The progress of the latest recognize(): the client's events, then stage "done" at 100 once answered. */
export type RequestProgress = OCRProgress | (Omit<OCRProgress, 'stage'> & { stage: 'done' });

export interface MaoOCRConnection {
  /** The shared client's status; "disconnected" until the component has mounted. */
  status: ConnectionStatusValue;
  /** The status event's detail: with "reconnecting", the attempt; with "error", the reason. */
  detail: StatusDetail;
  /** The client's attempt limit, for "attempt 2 of 5". */
  maxReconnectAttempts: number | undefined;
  /** The latest recognize()'s progress; null before the first and after a failure. */
  progress: RequestProgress | null;
  /**
   * Sends an image or a PDF (a File, Blob, bytes, base64 or data: URL) and resolves with ocr_complete's data.
   * A PDF's result carries `pages`. Requests made while reconnecting wait and go out once connected.
   * @throws MaoOCRError: the appliance's code (invalid_image, busy, …) or the client's (not_connected before mount,
   *   connection_failed, request_timeout, aborted, disconnected when the last user unmounts).
   */
  recognize: (file: ImageInput, requirements?: OCRRequirements, options?: RecognizeOptions) => Promise<OCRResult>;
  /** Connects again after the client gave up ("error") or was never connected; resolves once connected. */
  reconnect: () => Promise<void>;
  /** The shared client itself (null before mount), for what the hook does not cover. */
  service: MaoOCRWebSocketService | null;
}

/**
 * The appliance connection at `url` (ws://HOST:8080/ws/ocr), shared by every component that names the same URL.
 * `options` are the client's (reconnect delays, token, …) and apply when the first user creates the client.
 */
export function useMaoOCR(url: string, options?: UseMaoOCROptions): MaoOCRConnection {
  const [service, setService] = useState<MaoOCRWebSocketService | null>(null);
  const [status, setStatus] = useState<ConnectionStatusValue>('disconnected');
  const [detail, setDetail] = useState<StatusDetail>({});
  const [progress, setProgress] = useState<RequestProgress | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const serviceRef = useRef<MaoOCRWebSocketService | null>(null);
  const latestRequest = useRef(0);

  useEffect(() => {
    const { autoConnect = true, ...serviceOptions } = optionsRef.current ?? {};
    const shared = acquireConnection(url, serviceOptions);
    serviceRef.current = shared;
    setService(shared);
    setStatus(shared.status);
    setDetail({});
    const unsubscribe = shared.onStatusChange((next, nextDetail) => {
      setStatus(next);
      setDetail(nextDetail ?? {});
    });
    // The status listener hears "reconnecting" once (attempt 1); each later attempt comes here, so "attempt 2 of 5"
    // follows the client's schedule.
    const unsubscribeAttempts = shared.onReconnectAttempt((attempt) => setDetail(attempt));
    // The status shows a failure; the promise's rejection carries nothing more.
    if (autoConnect && shared.status === 'disconnected') shared.connect().catch(() => {});
    return () => {
      unsubscribe();
      unsubscribeAttempts();
      serviceRef.current = null;
      releaseConnection(url, shared);
    };
  }, [url]);

  const recognize = useCallback(async (file: ImageInput, requirements?: OCRRequirements, recognizeOptions: RecognizeOptions = {}) => {
    const current = serviceRef.current;
    if (!current) throw new MaoOCRError(ClientErrorCode.NOT_CONNECTED, 'useMaoOCR: recognize() was called before the component mounted.');
    const request = new OCRRequestData(file, requirements ?? {}, { output: recognizeOptions.output ?? 'json' });
    const token = ++latestRequest.current;
    const isLatest = () => token === latestRequest.current;
    setProgress(null);
    try {
      const result = await current.sendOCRRequest(request, {
        signal: recognizeOptions.signal,
        timeoutMs: recognizeOptions.timeoutMs,
        onProgress: (event) => {
          if (isLatest()) setProgress(event);
          recognizeOptions.onProgress?.(event);
        },
      });
      if (isLatest()) {
        const pages = result.page_count;
        setProgress({
          requestId: result.request_id,
          stage: 'done',
          progress: 100,
          ...(pages ? { page: pages, pages } : {}),
        });
      }
      return result;
    } catch (error) {
      if (isLatest()) setProgress(null);
      throw error;
    }
  }, []);

  const reconnect = useCallback(() => {
    const current = serviceRef.current;
    if (!current) return Promise.reject(new MaoOCRError(ClientErrorCode.NOT_CONNECTED, 'useMaoOCR: reconnect() was called before the component mounted.'));
    return current.connect();
  }, []);

  return {
    status,
    detail,
    maxReconnectAttempts: service?.options.maxReconnectAttempts,
    progress,
    recognize,
    reconnect,
    service,
  };
}
