import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { DNS_INTERFACE, ensureDnsAddress, removeDnsAddress } from './dns-address.js';

/** The node's namespace (holding the address and the server) and a pod's, joined by a veth. */
const NS = `navarch-dnsn-${process.pid}`;
const POD = `navarch-dnsp-${process.pid}`;
const canRun = process.getuid?.() === 0;
const sh = (args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  if (!canRun) return;
  sh(['netns', 'add', NS]);
  sh(['netns', 'add', POD]);
  sh(['-n', NS, 'link', 'add', 'vn0', 'type', 'veth', 'peer', 'name', 'vp0', 'netns', POD]);
  sh(['-n', NS, 'addr', 'add', '192.168.77.1/24', 'dev', 'vn0']);
  sh(['-n', POD, 'addr', 'add', '192.168.77.2/24', 'dev', 'vp0']);
  for (const [ns, dev] of [[NS, 'lo'], [NS, 'vn0'], [POD, 'lo'], [POD, 'vp0']]) sh(['-n', ns, 'link', 'set', dev, 'up']);
  sh(['-n', POD, 'route', 'add', 'default', 'via', '192.168.77.1']);
});

after(() => {
  if (!canRun) return;
  for (const ns of [NS, POD]) {
    try {
      sh(['netns', 'del', ns]);
    } catch {
      // Already gone.
    }
  }
});

const SERVE = `const { startFakeUpstream } = await import(process.argv[1]);
await startFakeUpstream([{ name: 'web.example', type: 1, class: 1, ttl: 30, data: { t: 'A', address: '192.0.2.7' } }], '10.43.0.10', 53);
console.log('ready');
setTimeout(() => process.exit(0), 20000);`;

function serveInNetns(): Promise<ChildProcess> {
  const module = new URL('./fake-upstream.js', import.meta.url).pathname;
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, '--input-type=module', '-e', SERVE, module], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${err}`)); }, 10_000);
    child.stdout!.on('data', (b: Buffer) => { if (b.toString().includes('ready')) { clearTimeout(timer); resolve(child); } });
    child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${err}`)); });
  });
}

test('the cluster DNS address goes on the node\'s interface, where the server binds it and a pod\'s resolver reaches it', { skip: !canRun && 'needs root' }, async () => {
  await ensureDnsAddress('10.43.0.10', { netns: NS });
  await ensureDnsAddress('10.43.0.10', { netns: NS });
  const addrs = sh(['-n', NS, '-o', 'addr', 'show', 'dev', DNS_INTERFACE]);
  assert.equal(addrs.match(/inet 10\.43\.0\.10\/32/g)?.length, 1, addrs);
  assert.match(sh(['-n', NS, 'link', 'show', 'dev', DNS_INTERFACE]), /<[^>]*\bUP\b/);
  const child = await serveInNetns();
  try {
    const out = execFileSync('ip', ['netns', 'exec', POD, 'busybox', 'nslookup', '-type=a', 'web.example.', '10.43.0.10'], { encoding: 'utf8', timeout: 10_000 });
    assert.match(out, /Address:\s*192\.0\.2\.7/);
  } finally {
    child.kill('SIGKILL');
  }
  await removeDnsAddress({ netns: NS });
  assert.throws(() => sh(['-n', NS, 'link', 'show', 'dev', DNS_INTERFACE]));
  await removeDnsAddress({ netns: NS });
});

test('a failure says what could not be done', { skip: !canRun && 'needs root' }, async () => {
  await assert.rejects(ensureDnsAddress('not-an-ip', { netns: NS }), /Cannot add the cluster DNS address not-an-ip to navarch-dns0: ip -n navarch-dnsn-\d+ addr replace/);
  await removeDnsAddress({ netns: NS });
});
