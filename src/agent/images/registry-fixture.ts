/**
 * A throwaway local registry for tests: Debian's docker-registry on a free loopback port
 * (scripts/registry.sh), loaded with the test images (scripts/test-images.sh: busybox:1.36,
 * busybox:latest, navarch/web:1). Without docker-registry or busybox-static it rejects, so the
 * tests that need it fail rather than skip.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RegistriesConfig } from './registries-config.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  address: string;
  dir: string;
  /** A registries configuration sending docker.io (and every other registry) to this one only. */
  mirrorConfig(): RegistriesConfig;
  /** The registries.yaml text of mirrorConfig(). */
  mirrorYAML(): string;
  stop(): Promise<void>;
}

export async function startTestRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'navarch-registry-'));
  const script = (name: string) => join(ROOT, 'scripts', name);
  let address = '';
  try {
    address = `127.0.0.1:${await freePort()}`;
    await run('bash', [script('registry.sh'), 'start', dir, address], { timeout: 20_000 });
    await run('bash', [script('test-images.sh'), address], { timeout: 60_000, env: { ...process.env, WORK: join(dir, 'build') } });
  } catch (err) {
    await run('bash', [script('registry.sh'), 'stop', dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    throw new Error(`Cannot start the test registry: ${e.stderr?.trim() || e.message}`);
  }
  const url = `http://${address}`;
  return {
    address,
    dir,
    mirrorConfig: () => ({ mirrors: { 'docker.io': [url], '*': [url] }, configs: {}, disableDefaultEndpoint: true }),
    mirrorYAML: () => `mirrors:\n  docker.io:\n    endpoint: ["${url}"]\n  "*":\n    endpoint: ["${url}"]\ndisableDefaultEndpoint: true\n`,
    async stop() {
      await run('bash', [script('registry.sh'), 'stop', dir]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}
