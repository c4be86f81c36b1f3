import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ECS_METADATA_ORIGIN,
  MAX_METADATA_BODY_BYTES,
  ecsRoleCredentials,
  platformMetadataFetch,
  type MetadataFetch,
} from '../../../provider/credentials/ecs-metadata';
import { isChatOpsError } from '../../../provider/errors';

// The platform fetch of the ECS instance role, against a server on 127.0.0.1 standing in for
// the metadata service: requests for 100.100.100.200 are rewritten to it, so none goes there.
// Whatever answers at that address is untrusted: it must not redirect the requests (with
// their session token) elsewhere, nor make the provider read an answer of any size.

const ROLE = 'chatops-ecs-role';
const CREDENTIALS_PATH = `/latest/meta-data/ram/security-credentials/${ROLE}`;
const CREDENTIALS = {
  Code: 'Success',
  AccessKeyId: 'STS.EcsRoleKey',
  AccessKeySecret: 'EcsRoleSecret8d1f4b2c9e',
  SecurityToken: 'EcsRoleToken3a7c5e9d1b0f',
  Expiration: '2099-01-01T00:00:00Z',
};

type Route = (req: IncomingMessage, res: ServerResponse) => void;

interface MetadataStandIn {
  origin: string;
  /** Method and path of every request received, in order. */
  received: string[];
  /** The platform fetch, sent to this server instead of the metadata address. */
  fetch: MetadataFetch;
  close(): Promise<void>;
}

/** Answers like the metadata service, with `routes` replacing the answer of some paths. */
async function startMetadataStandIn(routes: Record<string, Route>): Promise<MetadataStandIn> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    const route = routes[req.url ?? ''];
    if (route) return route(req, res);
    if (req.url === '/latest/api/token') return void res.end('imds-session');
    if (req.url === CREDENTIALS_PATH) return void res.end(JSON.stringify(CREDENTIALS));
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    fetch: (request) =>
      platformMetadataFetch({ ...request, url: request.url.replace(ECS_METADATA_ORIGIN, origin) }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const source = { kind: 'ecsRamRole' as const, roleName: ROLE, origin: 'the ECS instance role' };

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error as Error;
}

describe('ECS metadata requests', () => {
  let standIn: MetadataStandIn | undefined;

  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('read the role credentials through the platform fetch', async () => {
    standIn = await startMetadataStandIn({});
    await expect(ecsRoleCredentials(source, standIn.fetch, {})).resolves.toMatchObject({
      accessKeyId: CREDENTIALS.AccessKeyId,
      securityToken: CREDENTIALS.SecurityToken,
    });
  });

  it('do not follow a redirect of the credentials path, and fail naming it', async () => {
    let origin = '';
    standIn = await startMetadataStandIn({
      [CREDENTIALS_PATH]: (_, res) => {
        res.writeHead(302, { location: `${origin}/elsewhere` });
        res.end();
      },
      '/elsewhere': (_, res) => void res.end(JSON.stringify(CREDENTIALS)),
    });
    origin = standIn.origin;

    const error = await failureOf(ecsRoleCredentials(source, standIn.fetch, {}));

    expect(isChatOpsError(error, 'REMOTE_ERROR')).toBe(true);
    expect(error.message).toContain(`GET ${CREDENTIALS_PATH} with a redirect (HTTP 302)`);
    expect(standIn.received).not.toContain('GET /elsewhere');
  });

  it('do not carry the session request to where a redirect points', async () => {
    let origin = '';
    standIn = await startMetadataStandIn({
      '/latest/api/token': (_, res) => {
        res.writeHead(307, { location: `${origin}/collector` });
        res.end();
      },
    });
    origin = standIn.origin;

    const error = await failureOf(ecsRoleCredentials(source, standIn.fetch, {}));

    expect(error.message).toContain('PUT /latest/api/token with a redirect (HTTP 307)');
    expect(standIn.received).toEqual(['PUT /latest/api/token']);
  });

  it(`stop reading an answer past ${MAX_METADATA_BODY_BYTES} bytes, and fail naming the path`, async () => {
    // Credentials padded to 64 MB, sent in chunks without a length, as fast as they are read.
    let finished = false;
    standIn = await startMetadataStandIn({
      [CREDENTIALS_PATH]: (_, res) => {
        const chunk = 'x'.repeat(64 * 1024);
        let left = 1024;
        res.write(`${JSON.stringify(CREDENTIALS).slice(0, -1)},"Padding":"`);
        const more = () => {
          while (left > 0) {
            left--;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end('"}', () => (finished = true));
        };
        res.on('error', () => undefined);
        more();
      },
    });

    const error = await failureOf(ecsRoleCredentials(source, standIn.fetch, {}));

    expect(isChatOpsError(error, 'REMOTE_ERROR')).toBe(true);
    expect(error.message).toContain(
      `more than ${MAX_METADATA_BODY_BYTES} bytes for GET ${CREDENTIALS_PATH}`,
    );
    expect(finished).toBe(false);
  });

  it('refuse an answer that announces more than the cap, without reading it', async () => {
    standIn = await startMetadataStandIn({
      [CREDENTIALS_PATH]: (_, res) => {
        res.writeHead(200, { 'content-length': String(MAX_METADATA_BODY_BYTES + 1) });
        res.write('{');
      },
    });

    const error = await failureOf(ecsRoleCredentials(source, standIn.fetch, {}));

    expect(error.message).toContain(`more than ${MAX_METADATA_BODY_BYTES} bytes`);
  });

  it('read an answer of exactly the cap', async () => {
    const padded = JSON.stringify({ ...CREDENTIALS, Padding: '' });
    const body = padded.replace(
      '"Padding":""',
      `"Padding":"${'x'.repeat(MAX_METADATA_BODY_BYTES - padded.length)}"`,
    );
    expect(Buffer.byteLength(body)).toBe(MAX_METADATA_BODY_BYTES);
    standIn = await startMetadataStandIn({ [CREDENTIALS_PATH]: (_, res) => void res.end(body) });

    await expect(ecsRoleCredentials(source, standIn.fetch, {})).resolves.toMatchObject({
      accessKeyId: CREDENTIALS.AccessKeyId,
    });
  });
});
