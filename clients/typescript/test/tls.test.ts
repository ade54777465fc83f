import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GoxelConnectionError, GoxelDaemonClient } from '../src/index.js';
import { selfSignedCertificate } from './certificate.js';
import { TestDaemon } from './daemon.js';

test('tls: { ca } trusts the daemon\'s self-signed certificate; the token still applies', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'goxel-ts-tls-'));
  let daemon: TestDaemon | undefined;
  try {
    const { certificate, key } = selfSignedCertificate('goxel-daemon test');
    writeFileSync(join(directory, 'cert.pem'), certificate);
    writeFileSync(join(directory, 'key.pem'), key);
    writeFileSync(join(directory, 'tls.json'), JSON.stringify({ server: { tls_certificate: join(directory, 'cert.pem'), tls_key: join(directory, 'key.pem') } }));
    daemon = await TestDaemon.start({ tcp: true, args: ['--config', join(directory, 'tls.json')] });
    const tcp = { host: '127.0.0.1', port: daemon.tcpPort! };

    // The system's roots do not know a self-signed certificate.
    const untrusting = new GoxelDaemonClient({ tcp, token: daemon.tcpToken(), tls: true });
    await assert.rejects(untrusting.connect(), GoxelConnectionError);

    const wrongToken = new GoxelDaemonClient({ tcp, token: 'wrong-token', tls: { ca: certificate } });
    await assert.rejects(wrongToken.connect(), /authentication failed/);

    const client = new GoxelDaemonClient({ tcp, token: daemon.tcpToken(), tls: { ca: certificate } });
    await client.connect();
    assert.equal((await client.ping()).pong, true);
    assert.deepEqual(await client.echo([1, 'two']), [1, 'two']);
    await client.disconnect();
    assert.equal(client.isConnected(), false);
  } finally {
    await daemon?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});
