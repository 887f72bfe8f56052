// The connection indicator: a dot and the status in words (with the reconnect attempt), announced politely
// to screen readers, and a Reconnect button once the client has stopped trying.

import type { ConnectionStatusValue, StatusDetail } from 'maoocr-client';
import { resolveStrings, type Locale, type MaoOCRStrings } from './strings.js';

export interface ConnectionStatusProps {
  status: ConnectionStatusValue;
  /** The status event's detail (useMaoOCR's `detail`): the attempt while reconnecting, the reason of an error. */
  detail?: StatusDetail;
  /** The client's attempt limit, for "attempt 2 of 5". */
  maxReconnectAttempts?: number;
  /** Called by the Reconnect button (useMaoOCR's `reconnect`); without it there is no button. */
  onReconnect?: () => unknown;
  locale?: Locale;
  strings?: Partial<MaoOCRStrings>;
  className?: string;
}

/** States in which the client is not trying on its own, so the user is offered a button. */
const IDLE_STATES: ReadonlySet<ConnectionStatusValue> = new Set(['disconnected', 'error']);

export function ConnectionStatus({ status, detail, maxReconnectAttempts, onReconnect, locale, strings, className }: ConnectionStatusProps) {
  const t = resolveStrings(locale, strings);
  const text = status === 'reconnecting' && detail?.attempt
    ? t.reconnectAttempt(detail.attempt, maxReconnectAttempts)
    : t.status[status];
  return (
    <div className={['maoocr-status', className].filter(Boolean).join(' ')} data-status={status} aria-label={t.connectionLabel} role="group">
      <span className="maoocr-status__dot" aria-hidden="true" />
      {/* The reason is inside the live region: announced apart from it, the user would hear that the connection
          failed but not why. */}
      <span className="maoocr-status__text" role="status" aria-live="polite">
        {text}
        {status === 'error' && detail?.reason && (
          <>
            {/* A pause between the two for a screen reader; on screen the reason's own style sets it apart. */}
            <span className="maoocr-visually-hidden">. </span>
            <span className="maoocr-status__reason">{detail.reason}</span>
          </>
        )}
      </span>
      {onReconnect && IDLE_STATES.has(status) && (
        <button type="button" className="maoocr-button" onClick={() => { Promise.resolve(onReconnect()).catch(() => {}); }}>
          {t.reconnect}
        </button>
      )}
    </div>
  );
}
