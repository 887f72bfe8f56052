// One shared client per appliance URL for the whole app: every component that asks for the same URL gets
// the same MaoOCRWebSocketService (one WebSocket, one queue), counted by reference; the last one to let go
// closes it. The client's own webSocketManager never closes what it hands out, which a React tree needs.

import { MaoOCRWebSocketService, type ServiceOptions } from 'maoocr-client';

interface SharedConnection {
  service: MaoOCRWebSocketService;
  users: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * How long a client with no users stays open before it is closed: until the current task ends. React unmounts
 * and mounts in one commit (StrictMode's second effect run, a route swapping one screen that uses the
 * appliance for another), so a user that comes back within it keeps the open connection instead of a new one.
 */
const CLOSE_GRACE_MS = 0;

const shared = new Map<string, SharedConnection>();

/**
 * The URL's shared client, opened on first use. Options take effect only when the client is created:
 * later users of the same URL share the first one's options.
 * @throws MaoOCRError invalid_argument from the client for a URL it cannot use.
 */
export function acquireConnection(url: string, options?: ServiceOptions): MaoOCRWebSocketService {
  let entry = shared.get(url);
  if (!entry) {
    entry = { service: new MaoOCRWebSocketService(url, options), users: 0, closeTimer: null };
    shared.set(url, entry);
  }
  if (entry.closeTimer !== null) {
    clearTimeout(entry.closeTimer);
    entry.closeTimer = null;
  }
  entry.users += 1;
  return entry.service;
}

/**
 * Lets go of the URL's client. When the last user lets go it is disconnected (unanswered requests fail with
 * "disconnected") once the current task ends, unless a new user has come by then.
 */
export function releaseConnection(url: string, service: MaoOCRWebSocketService): void {
  const entry = shared.get(url);
  if (!entry || entry.service !== service || entry.users === 0) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.closeTimer = setTimeout(() => {
    shared.delete(url);
    service.disconnect();
  }, CLOSE_GRACE_MS);
}

/** The open clients' user counts by URL (for diagnostics and tests); a client about to close counts 0. */
export function sharedConnections(): Map<string, number> {
  return new Map([...shared].map(([url, entry]) => [url, entry.users]));
}
