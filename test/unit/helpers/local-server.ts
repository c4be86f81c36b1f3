import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1, any free port, that records requests and answers from `handler`. */
export async function startLocalServer(
  handler: Handler = () => ({ body: {} }),
): Promise<LocalServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const hanging: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(recorded) - 1;
      void Promise.resolve(current(recorded, index)).then((reply) => {
        if (reply.hang) {
          hanging.push(() => res.destroy());
          return;
        }
        const isText = typeof reply.body === 'string';
        const payload = isText ? (reply.body as string) : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, {
          'content-type': isText ? 'text/html' : 'application/json',
          ...reply.headers,
        });
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      current = h;
    },
    close: async () => {
      hanging.forEach((destroy) => destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Query parameters of a recorded request. */
export function queryOf(req: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URL(req.url, 'http://x').searchParams.entries());
}

/** The parameters of an Alibaba Cloud RPC request: its form body (the URL carries none). */
export function rpcParamsOf(req: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.body).entries());
}
