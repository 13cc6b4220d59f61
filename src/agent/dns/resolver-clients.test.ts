import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SERVICES, startTestDns, until, type TestDns } from './test-cluster.js';
import { CLASS_IN, RRType } from './wire/index.js';

const run = promisify(execFile);
let t: TestDns;
let ip = '';

async function has(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
const haveBusybox = await has('busybox');
const haveDig = await has('dig');

before(async () => {
  t = await startTestDns([{ name: 'www.example', type: RRType.A, class: CLASS_IN, ttl: 60, data: { t: 'A', address: '192.0.2.80' } }]);
  const svc = await t.clientset.resource(SERVICES).namespace('default').create({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] },
  }) as unknown as { spec: { clusterIP: string } };
  ip = svc.spec.clusterIP;
  await until(async () => (await t.ask('web.default.svc.cluster.local', RRType.A)).msg.answers.length === 1, 'web in DNS');
});

after(async () => {
  await t?.stop();
});

const nslookup = async (...args: string[]): Promise<string> => {
  const { stdout } = await run('busybox', ['nslookup', ...args, `${t.server.address}:${t.server.port}`], { timeout: 10_000 });
  return stdout;
};

test('busybox nslookup resolves Services, SRV, PTR and outside names', { skip: !haveBusybox && 'busybox is not installed' }, async () => {
  assert.match(await nslookup('-type=a', 'web.default.svc.cluster.local.'), new RegExp(`Name:\\s*web\\.default\\.svc\\.cluster\\.local\\s+Address:\\s*${ip.replaceAll('.', '\\.')}`));
  assert.match(await nslookup('-type=srv', '_http._tcp.web.default.svc.cluster.local.'), /_http\._tcp\.web\.default\.svc\.cluster\.local\s+service = 0 100 80 web\.default\.svc\.cluster\.local/);
  assert.match(await nslookup(ip), /name = web\.default\.svc\.cluster\.local/);
  assert.match(await nslookup('-type=ptr', `${ip.split('.').reverse().join('.')}.in-addr.arpa.`), /name = web\.default\.svc\.cluster\.local/);
  assert.match(await nslookup('-type=a', 'www.example.'), /Address:\s*192\.0\.2\.80/);
  assert.match(await nslookup('-type=txt', 'dns-version.cluster.local.'), /text = "1\.1\.0"/);
  await assert.rejects(nslookup('-type=a', 'nope.default.svc.cluster.local.'), (err: { stdout?: string }) => /can't find nope\.default\.svc\.cluster\.local\.?: NXDOMAIN/.test(err.stdout ?? ''));
});

test('dig reads the answers, flags and authority as CoreDNS gives them', { skip: !haveDig && 'dig is not installed (Debian bind9-dnsutils)' }, async () => {
  const dig = async (...args: string[]): Promise<string> => (await run('dig', [`@${t.server.address}`, '-p', String(t.server.port), ...args], { timeout: 10_000 })).stdout;
  assert.match(await dig('+noall', '+answer', 'web.default.svc.cluster.local', 'A'), new RegExp(`web\\.default\\.svc\\.cluster\\.local\\.\\s+5\\s+IN\\s+A\\s+${ip.replaceAll('.', '\\.')}`));
  const nodata = await dig('web.default.svc.cluster.local', 'AAAA');
  assert.match(nodata, /status: NOERROR/);
  assert.match(nodata, /flags: qr aa rd;/);
  assert.match(nodata, /cluster\.local\.\s+5\s+IN\s+SOA\s+ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 5/);
  assert.match(await dig('nope.default.svc.cluster.local'), /status: NXDOMAIN/);
  assert.match(await dig('+tcp', '+short', '_http._tcp.web.default.svc.cluster.local', 'SRV'), /^0 100 80 web\.default\.svc\.cluster\.local\.$/m);
});
