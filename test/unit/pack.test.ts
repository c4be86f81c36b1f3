import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

/**
 * What `npm pack` puts in the tarball is exactly what a user needs: the compiled provider and
 * emulator (JavaScript and declarations, one of each per source file, nothing stale), README,
 * LICENSE, CHANGELOG and package.json. No tests, benchmarks, TypeScript sources, emulator state
 * or source maps.
 */

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const SHIPPED_SOURCE_DIRS = ['provider', 'emulator'];
const BUILD_TIMEOUT_MS = 120_000;

/** The TypeScript sources that compile into dist/, relative to the repository root. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const path = `${dir}/${entry}`;
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const allSources = SHIPPED_SOURCE_DIRS.flatMap(sources);

/** True when some source has no compiled file or was changed after it was compiled. */
function buildIsStale(): boolean {
  return allSources.some((source) => {
    const built = join(root, 'dist', source.replace(/\.ts$/, '.js'));
    return !existsSync(built) || statSync(built).mtimeMs < statSync(join(root, source)).mtimeMs;
  });
}

interface PackResult {
  files: { path: string }[];
}

describe('npm pack', () => {
  let packed: string[];

  beforeAll(async () => {
    // `npm test` on a fresh clone runs before any build: the tarball is made from dist/.
    if (buildIsStale()) await run('npm', ['run', 'build', '--silent'], { cwd: root });
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [result] = JSON.parse(stdout) as PackResult[];
    packed = result.files.map((file) => file.path).sort();
  }, BUILD_TIMEOUT_MS);

  it('holds the manifest and the three documents at the top level, nothing else', () => {
    expect(packed.filter((path) => !path.startsWith('dist/'))).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
    ]);
  });

  it('holds exactly one .js and one .d.ts per provider and emulator source file', () => {
    const expected = allSources
      .flatMap((source) => {
        const stem = `dist/${source.replace(/\.ts$/, '')}`;
        return [`${stem}.js`, `${stem}.d.ts`];
      })
      .sort();

    expect(packed.filter((path) => path.startsWith('dist/'))).toEqual(expected);
  });

  it('holds no tests, benchmarks, TypeScript sources, state files or source maps', () => {
    const unwanted = packed.filter(
      (path) =>
        /(^|\/)(test|tests|bench|coverage|node_modules)\//.test(path) ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
        path.endsWith('.map') ||
        path.endsWith('.tgz') ||
        /emulator-state/i.test(path) ||
        (path.endsWith('.json') && path !== 'package.json'),
    );

    expect(unwanted).toEqual([]);
  });

  it('ships no sourceMappingURL comment (it would point at files outside the package)', () => {
    const withMaps = packed
      .filter((path) => path.endsWith('.js'))
      .filter((path) => readFileSync(join(root, path), 'utf8').includes('sourceMappingURL'));

    expect(withMaps).toEqual([]);
  });

  it('holds every file package.json points at: main, types, exports and bins', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      types: string;
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
    };
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports).flatMap((entry) =>
        typeof entry === 'string' ? [entry] : Object.values(entry),
      ),
      ...Object.values(manifest.bin),
    ].map((target) => relative('.', target));

    expect(targets.filter((target) => !packed.includes(target))).toEqual([]);
    expect(Object.keys(manifest.bin).sort()).toEqual(['chatops-adopt', 'chatops-emulator']);
  });

  it('makes every bin an executable node script', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    for (const target of Object.values(manifest.bin)) {
      expect(readFileSync(join(root, target), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
        true,
      );
    }
  });
});
