// One shared client per appliance URL for the whole app: every component that asks for the same URL gets
// the same MaoOCRWebSocketService (one WebSocket, one queue), counted by reference; the last one to let go
// closes it. The client's own webSocketManager never closes what it hands out, which a React tree needs.

import { MaoOCRWebSocketService, type ServiceOptions } from 'maoocr-client';

interface SharedConnection {
  service: MaoOCRWebSocketService;
  users: number;
}

const shared = new Map<string, SharedConnection>();

/**
 * The URL's shared client, opened on first use. Options take effect only when the client is created:
 * later users of the same URL share the first one's options.
 * @throws MaoOCRError invalid_argument from the client for a URL it cannot use.
 */
export function acquireConnection(url: string, options?: ServiceOptions): MaoOCRWebSocketService {
  let entry = shared.get(url);
  if (!entry) {
    entry = { service: new MaoOCRWebSocketService(url, options), users: 0 };
    shared.set(url, entry);
  }
  entry.users += 1;
  return entry.service;
}

/** Lets go of the URL's client; the last user's release disconnects it (pending requests fail with "disconnected"). */
export function releaseConnection(url: string, service: MaoOCRWebSocketService): void {
  const entry = shared.get(url);
  if (!entry || entry.service !== service) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  shared.delete(url);
  service.disconnect();
}

/** How many clients are open and how many users each has, by URL (for diagnostics and tests). */
export function sharedConnections(): Map<string, number> {
  return new Map([...shared].map(([url, entry]) => [url, entry.users]));
}
