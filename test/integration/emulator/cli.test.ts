import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { request } from 'undici';

/**
 * The command line: `node dist/emulator/cli.js --port 0` prints its URL, serves, and stops
 * cleanly on SIGTERM. Uses the build in dist/ when it is current; otherwise compiles
 * emulator/ (transpile only) into a temporary folder so the test never runs stale code.
 */
const root = join(__dirname, '../../..');
let workDir: string;
let cliPath: string;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function compiledCli(): string {
  const built = join(root, 'dist/emulator/cli.js');
  const files = sources(join(root, 'emulator'));
  const newest = Math.max(...files.map((f) => statSync(f).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return built;
  const out = join(workDir, 'build');
  for (const file of files) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
      },
    }).outputText;
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  return join(out, 'emulator/cli.js');
}

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: root,
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0], output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  cliPath = compiledCli();
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('the emulator command line', () => {
  it('serves on the printed URL, keeps state in --state, and stops on SIGTERM', async () => {
    const stateFile = join(workDir, 'cli-state.json');
    const started = await startCli(['--port', '0', '--state', stateFile, '--rate-limit', '50']);
    try {
      const res = await request(`${started.url}/gettoken?appkey=test&appsecret=test`);
      const body = (await res.body.json()) as { errcode: number; access_token: string };
      expect(body.errcode).toBe(0);
      const health = await request(`${started.url}/_emulator/health`);
      expect(await health.body.json()).toEqual({ ok: true });
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await exitOf(started.child)).toBe(0);
    expect(started.output()).toContain('stopped');
    expect(Object.keys(JSON.parse(readFileSync(stateFile, 'utf8')).tokens)).toHaveLength(1);
  });

  it('stops on SIGINT too', async () => {
    const started = await startCli(['--port', '0']);
    started.child.kill('SIGINT');
    expect(await exitOf(started.child)).toBe(0);
  });

  it('reads --flag=value like --flag value', async () => {
    const started = await startCli(['--port=0', '--rate-limit=50', '--token-lifetime=60']);
    try {
      const res = await request(`${started.url}/gettoken?appkey=test&appsecret=test`);
      const body = (await res.body.json()) as { errcode: number; expires_in: number };
      expect(body.errcode).toBe(0);
      expect(body.expires_in).toBe(60);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await exitOf(started.child)).toBe(0);
  });

  it.each([
    [['--colour', 'blue'], 'unknown argument --colour'],
    [['--colour=blue'], 'unknown argument --colour'],
    [['--port=many'], '--port needs a number'],
    [['--state'], '--state needs a file name'],
  ])('refuses %j with its usage and exit code 2', async (args, message) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: root,
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:');
  });
});
