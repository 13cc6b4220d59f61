/**
 * For this folder's tests: certificate requests made by the real openssl (RSA, EC, Ed25519; with
 * subjects and alternative names), and a cluster CA from pki in a directory of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePki, type Pki } from '../../pki/index.js';

export interface TestRequest { csrPem: string; keyPem: string }

export interface RequestSpec {
  key?: 'rsa' | 'ec' | 'ed25519';
  /** openssl -subj, e.g. "/CN=myuser/O=dev". */
  subject: string;
  /** openssl subjectAltName value, e.g. "DNS:a.example,IP:10.0.0.1". */
  san?: string;
}

/** Runs openssl in a fresh directory, removed afterwards. */
export function opensslRequest(spec: RequestSpec): TestRequest {
  const dir = mkdtempSync(join(tmpdir(), `navarch-csr-${process.pid}-`));
  try {
    const keyArgs = spec.key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
      : spec.key === 'ed25519' ? ['-newkey', 'ed25519'] : ['-newkey', 'rsa:2048'];
    const san = spec.san ? ['-addext', `subjectAltName=${spec.san}`] : [];
    execFileSync('openssl', ['req', '-new', ...keyArgs, '-nodes', '-keyout', 'k.pem', '-subj', spec.subject, ...san, '-out', 'r.pem'],
      { cwd: dir, stdio: 'ignore' });
    return { csrPem: readFileSync(join(dir, 'r.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'k.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** openssl's verdict on a certificate against a CA ("OK" lines), with the purpose checked. */
export function opensslVerify(caPem: string, certPem: string, purpose: 'sslclient' | 'sslserver'): string {
  const dir = mkdtempSync(join(tmpdir(), `navarch-verify-${process.pid}-`));
  try {
    writeFileSync(join(dir, 'ca.pem'), caPem);
    writeFileSync(join(dir, 'c.pem'), certPem);
    return execFileSync('openssl', ['verify', '-purpose', purpose, '-CAfile', 'ca.pem', 'c.pem'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh cluster PKI; dispose() removes its directory. */
export async function testPki(): Promise<{ pki: Pki; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), `navarch-pki-${process.pid}-`));
  try {
    return { pki: await loadOrCreatePki(dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
