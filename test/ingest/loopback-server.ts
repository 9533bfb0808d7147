// A throwaway HTTP server on 127.0.0.1 for fetcher tests: the only place tests send traffic.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { publicOnly } from '../../src/ingest/net/address.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackServer {
  origin: string;
  port: number;
  /** TCP connections accepted. */
  connections: number;
  /** Request paths seen, in order. */
  paths: string[];
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function loopbackServer(routes: Record<string, Handler>): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, paths: [] as string[], requests: [] as IncomingMessage[] };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    state.paths.push(path);
    state.requests.push(req);
    const handler = routes[path] ?? routes[path.split('?')[0]] ?? routes['*'];
    if (handler) handler(req, res);
    else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return state.connections;
    },
    paths: state.paths,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Tests allow exactly their own loopback address; everything else keeps the default refusal. */
export const loopbackOnly = (address: string) => (address === '127.0.0.1' ? null : publicOnly(address));

export function html(body: string | Buffer, type = 'text/html; charset=utf-8'): Handler {
  return (_req, res) => {
    res.setHeader('content-type', type);
    res.end(body);
  };
}
