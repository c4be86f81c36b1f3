import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository's README, which users read and copy from. */
export const README_PATH = path.resolve(__dirname, '..', '..', 'README.md');

/**
 * The code blocks of the README that follow an HTML comment `<!-- <marker> -->` (blank lines
 * between the two allowed), in order. The README marks the program that users copy this way,
 * so the tests run exactly what it shows.
 */
export function readmeCodeBlocks(
  marker: string,
  readme = fs.readFileSync(README_PATH, 'utf8'),
): string[] {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `<!--\\s*${escaped}\\s*-->\\s*\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``,
    'g',
  );
  return [...readme.matchAll(pattern)].map((match) => `${match[1]}\n`);
}
