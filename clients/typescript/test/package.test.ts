import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { TestDaemon } from './daemon.js';

const root = fileURLToPath(new URL('../../', import.meta.url)); // clients/typescript/

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the package as a user gets it', () => {
  let daemon: TestDaemon;
  let scratch: string;
  before(async () => {
    daemon = await TestDaemon.start();
    scratch = mkdtempSync(join(tmpdir(), 'goxel-npm-'));
  });
  after(async () => {
    await daemon.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('npm pack, then npm install of the tarball in another folder, then import and call', () => {
    // pretest has just built dist/, so the pack skips prepack's second identical build.
    npm(['pack', '--ignore-scripts', '--pack-destination', scratch], root);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote no tarball');
    const app = join(scratch, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
    npm(['install', '--no-audit', '--no-fund', '--offline', join(scratch, tarball)], app);
    writeFileSync(join(app, 'main.js'), [
      "import { GoxelDaemonClient } from 'goxel-daemon-client';",
      'const client = new GoxelDaemonClient({ socketPath: process.argv[2], timeout: 10000 });',
      'await client.connect();',
      "console.log(JSON.stringify(await client.call('ping')));",
      'await client.disconnect();',
    ].join('\n'));
    const output = execFileSync('node', ['main.js', daemon.socketPath], { cwd: app, encoding: 'utf8' });
    assert.equal(JSON.parse(output).pong, true);
  });

  test('npm run example -- NAME runs an example against $GOXEL_SOCKET', () => {
    const output = npm(['run', '--silent', 'example', '--', 'quickstart'], root, { GOXEL_SOCKET: daemon.socketPath });
    assert.match(output, /project_id: '[^']+'/);
    assert.match(output, /color: \[ 0, 255, 0, 255 \]/);
  });
});
