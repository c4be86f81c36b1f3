// Emulator benchmark: start time, and 1,000 sequential V3-signed requests (OOS create,
// get and list in turn) over one keep-alive connection. Prints a markdown table row.
// Run after a build: `npm run build && node bench/emulator.bench.mjs`.
/* global console */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { request } from 'undici';

const REQUESTS = 1000;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const encode = (value) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** A minimal ACS3-HMAC-SHA256 signer of its own, so the bench depends on no client code. */
function signedRequest(port, action, params) {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k])}`)
    .join('&');
  const headers = {
    host: `127.0.0.1:${port}`,
    'x-acs-action': action,
    'x-acs-content-sha256': sha256(''),
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-version': '2019-06-01',
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    query,
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    sha256(''),
  ].join('\n');
  const signature = createHmac('sha256', 'test')
    .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
    .digest('hex');
  const { host: _host, ...sent } = headers;
  sent.Authorization = `ACS3-HMAC-SHA256 Credential=test,SignedHeaders=${names.join(';')},Signature=${signature}`;
  return { url: `http://127.0.0.1:${port}/?${query}`, headers: sent };
}

function nextCall(i) {
  const name = `bench-${Math.floor(i / 3)}`;
  switch (i % 3) {
    case 0:
      return [
        'CreateChatConfiguration',
        {
          RegionId: 'cn-hangzhou',
          Name: name,
          Type: 'DingTalk',
          Configuration: '{"DingTalkClientId": "id", "DingTalkClientSecret": "secret"}',
        },
      ];
    case 1:
      return ['GetChatConfiguration', { RegionId: 'cn-hangzhou', Name: name }];
    default:
      return [
        'ListChatConfigurations',
        { RegionId: 'cn-hangzhou', 'Filters.1.Name': 'Name', 'Filters.1.Value': name },
      ];
  }
}

async function main() {
  const loadStart = performance.now();
  const { startEmulator } = await import('../dist/emulator/index.js');
  const startBegin = performance.now();
  // The bench measures serving, not throttling: lift the rate limit.
  const emulator = await startEmulator({ rateLimitPerSecond: 1e9 });
  const started = performance.now();

  let errors = 0;
  const runBegin = performance.now();
  for (let i = 0; i < REQUESTS; i += 1) {
    const [action, params] = nextCall(i);
    const { url, headers } = signedRequest(emulator.port, action, params);
    const res = await request(url, { method: 'POST', headers });
    await res.body.text();
    if (res.statusCode !== 200) errors += 1;
  }
  const runMs = performance.now() - runBegin;
  await emulator.stop();

  const fmt = (n) => n.toFixed(1);
  console.log(
    '| node | module load (ms) | start (ms) | 1,000 signed requests (ms) | requests/s | errors |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| ${process.version} | ${fmt(startBegin - loadStart)} | ${fmt(started - startBegin)} | ${fmt(runMs)} | ${Math.round((REQUESTS * 1000) / runMs)} | ${errors} |`,
  );
  if (errors > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
