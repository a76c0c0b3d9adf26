// Shows that a developer can generate a working client from the served document: starts
// `enlace serve` on a demo database, generates TypeScript types from /api/v1/openapi.json with
// openapi-typescript, type-checks client/client.ts against them (tsc), then runs it: sign in,
// register a case, read it back.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const bin = resolve(process.env.ENLACE_BINARY);
const dir = mkdtempSync(join(tmpdir(), 'enlace-client-'));
const db = join(dir, 'enlace.db');
execFileSync(bin, ['init', '--db', db, '--demo'], { stdio: ['ignore', 'ignore', 'inherit'] });
const server = spawn(bin, ['serve', '--db', db, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, ENLACE_TOTP_REQUIRED: 'false' },
});
try {
  const base = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 20000);
    const read = (chunk) => {
      out += chunk;
      const m = /listening on (https?:\/\/[^\s"]+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  // The served document, with the HSDS schemas' address pointed at the copies kept here (run.sh).
  const served = await (await fetch(new URL('/api/v1/openapi.json', base))).text();
  const local = join(root, 'schemas/hsds-3.0/');  // a path: the bundler reads it as a file
  writeFileSync(join(root, 'out/served.json'), served.replaceAll(process.env.HSDS_SCHEMAS_URL, local));
  const ast = await openapiTS(pathToFileURL(join(root, 'out/served.json')));
  writeFileSync(join(root, 'out/enlace.d.ts'), astToString(ast));
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'client/tsconfig.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'out/client/client.js')], {
    stdio: 'inherit',
    env: { ...process.env, ENLACE_URL: base },
  });
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
