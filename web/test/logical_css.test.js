import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The stylesheets use logical properties (inline-start, not left) so that a right-to-left
// language can be added without rework; a physical direction creeping back fails here.
const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/styles');
const physical = [
  /\b(margin|padding|border)-(left|right)\b/,
  /(^|[\s;{])(left|right)\s*:/,
  /\btext-align\s*:\s*(left|right)\b/,
  /\bfloat\s*:\s*(left|right)\b/,
  /\b(margin|padding)\s*:\s*[^;]+\s[^;]+\s[^;]+\s[^;]+;/, // four values set left and right apart
];

describe('stylesheets', () => {
  it('use logical properties only', () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.css'))) {
      const offending = readFileSync(join(dir, f), 'utf8').split('\n')
        .map((line, i) => [i + 1, line])
        .filter(([, line]) => physical.some((re) => re.test(line)));
      expect([f, offending]).toEqual([f, []]);
    }
  });
});
