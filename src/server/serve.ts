import { serve } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { type AppOptions, createApp } from './app.js';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export interface ServeOptions extends AppOptions {
  host: string;
  port: number;
}

/** Start the API. Beyond localhost every endpoint needs the token, and there must be one. */
export async function startServer(
  store: Store,
  o: ServeOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const local = isLoopback(o.host);
  if (!local && !o.token) {
    throw new Error(
      `refusing to listen on ${o.host} without a token: set --token or NEWSGRAPH_TOKEN (or bind to 127.0.0.1)`,
    );
  }
  const app = createApp(store, { ...o, requireTokenForReads: o.requireTokenForReads ?? !local });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: o.host, port: o.port }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            // Keep-alive sockets would hold the server open: end them too.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
