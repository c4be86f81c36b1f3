// Markdown output of the benchmarks.
/* global console */

export function printTable(headers, rows) {
  const cell = (value) => String(value ?? '').replace(/\|/g, '\\|');
  console.log(`| ${headers.map(cell).join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.map(cell).join(' | ')} |`);
  console.log('');
}

export function heading(text) {
  console.log(`### ${text}\n`);
}
