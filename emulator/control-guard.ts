import { headerValue, type Exchange, type WireResponse } from './http/exchange';

/**
 * Who may use the control API. It hands out every secret the emulator holds and resets or
 * rewrites its state, and a browser on the same machine can reach 127.0.0.1: a web page could
 * post to it (a "simple" cross-site request needs no CORS preflight when its content type is
 * `text/plain` or a form, or when it has no body), or read it through a DNS name rebound to
 * 127.0.0.1 (the request then carries that name as its `Host`). So the control API answers
 * only requests addressed to the loopback address and port it serves, and takes writes only
 * as `application/json`, which a browser never sends across sites without a preflight.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The `Host` values of this emulator: `127.0.0.1:<port>` or `localhost:<port>`. */
function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined || port === undefined) return false;
  const wanted = host.toLowerCase();
  return wanted === `127.0.0.1:${port}` || wanted === `localhost:${port}`;
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json';
}

/** The refusal for a control request that fails these rules, or undefined to serve it. */
export function controlRequestRefusal(exchange: Exchange): WireResponse | undefined {
  const port = exchange.req.socket.localPort;
  if (!isOwnHost(headerValue(exchange.headers, 'host'), port)) {
    return {
      status: 403,
      body: {
        error:
          `the control API answers only requests to 127.0.0.1:${port} or localhost:${port}; ` +
          'send the request to that address (the Host header must name it)',
      },
    };
  }
  const bodiless = exchange.body.length === 0;
  if (
    WRITE_METHODS.has(exchange.method) &&
    !(exchange.method === 'DELETE' && bodiless) &&
    !isJson(headerValue(exchange.headers, 'content-type'))
  ) {
    return {
      status: 415,
      body: {
        error:
          `${exchange.method} to the control API needs the header content-type: application/json ` +
          '(with an empty body if there is nothing to send)',
      },
    };
  }
  return undefined;
}
