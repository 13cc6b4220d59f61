// The cluster's PKI on disk: on first start a CA, the API server's serving certificate and the
// admin client certificate are generated under <data-dir>/tls; later starts load them unchanged,
// reissuing a leaf (never the CA) only when it is missing, no longer matches, is about to expire,
// or (serving) lacks a name the server is now asked to answer to.
import { createPrivateKey, X509Certificate as NodeX509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CertificateAuthority,
  keyMatchesCertificate,
  type CertAndKey,
  type LeafSpec,
} from './certificate-authority.js';
import { certificateCovers, normalizeAltNames, requiredServingNames } from './names.js';
import {
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
  readIfPresent,
  restrictToOwner,
  writeFileAtomic,
} from './pem-files.js';

export interface PkiOptions {
  /** Extra DNS names (or IPs) for the serving certificate, like k3s's --tls-san. */
  hostnames?: readonly string[];
  /** Extra IP addresses for the serving certificate (service IP, bind address). */
  ips?: readonly string[];
}

export interface Pki {
  /** The directory holding the PEM files (<data-dir>/tls). */
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  /** A client certificate for user `commonName` in groups `organizations`. */
  issueClientCert(commonName: string, organizations: readonly string[], days?: number): Promise<CertAndKey>;
  /** A serving certificate for exactly the given names (none of the API server's defaults). */
  issueServingCert(
    names: { hostnames?: readonly string[]; ips?: readonly string[]; commonName?: string },
    days?: number,
  ): Promise<CertAndKey>;
}

export const CA_VALIDITY_DAYS = 3650;
export const LEAF_VALIDITY_DAYS = 365;
/** A leaf closer than this to its expiry is reissued at start-up (k3s does the same). */
export const RENEW_BEFORE_DAYS = 90;
export const ADMIN_USER = 'system:admin';
export const ADMIN_GROUP = 'system:masters';
const SERVING_COMMON_NAME = 'kube-apiserver';
const DAY_MS = 24 * 60 * 60 * 1000;

export async function loadOrCreatePki(dataDir: string, opts: PkiOptions = {}): Promise<Pki> {
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(dir);
  const required = requiredServingNames(opts.hostnames ?? [], opts.ips ?? []);
  const [serving, admin] = await Promise.all([
    loadOrIssueLeaf(
      dir,
      'serving',
      ca,
      { commonName: SERVING_COMMON_NAME, usages: ['server'], ...required, days: LEAF_VALIDITY_DAYS },
      (certPem) => certificateCovers(certPem, required),
    ),
    loadOrIssueLeaf(dir, 'admin', ca, {
      commonName: ADMIN_USER,
      organizations: [ADMIN_GROUP],
      usages: ['client'],
      days: LEAF_VALIDITY_DAYS,
    }),
  ]);

  return Object.freeze({
    dir,
    caCert: ca.certPem,
    caKey: ca.keyPem,
    servingCert: serving.cert,
    servingKey: serving.key,
    adminCert: admin.cert,
    adminKey: admin.key,
    issueClientCert: (commonName: string, organizations: readonly string[], days = LEAF_VALIDITY_DAYS) =>
      ca.issue({ commonName, organizations, usages: ['client'], days }),
    issueServingCert: (
      names: { hostnames?: readonly string[]; ips?: readonly string[]; commonName?: string },
      days = LEAF_VALIDITY_DAYS,
    ) => {
      const altNames = normalizeAltNames(names.hostnames ?? [], names.ips ?? []);
      const commonName = names.commonName ?? altNames.dnsNames[0] ?? altNames.ips[0];
      if (commonName === undefined) {
        return Promise.reject(new TypeError('Cannot issue serving certificate: no host name or IP was given'));
      }
      return ca.issue({ commonName, usages: ['server'], ...altNames, days });
    },
  });
}

async function loadOrCreateCa(dir: string): Promise<CertificateAuthority> {
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  const [certPem, keyPem] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)]);
  if (certPem === undefined && keyPem === undefined) {
    const ca = await CertificateAuthority.create(`navarch-ca@${Math.floor(Date.now() / 1000)}`, CA_VALIDITY_DAYS);
    await writeFileAtomic(keyPath, ca.keyPem, PRIVATE_FILE_MODE);
    await writeFileAtomic(certPath, ca.certPem, PUBLIC_FILE_MODE);
    return ca;
  }
  if (certPem === undefined || keyPem === undefined) {
    const [missing, present] = certPem === undefined ? [certPath, keyPath] : [keyPath, certPath];
    throw new Error(
      `Cannot load cluster CA: ${missing} is missing but ${present} exists ` +
        `(restore the file, or remove both to create a new CA that no existing client trusts)`,
    );
  }
  await restrictToOwner(keyPath);
  try {
    return await CertificateAuthority.fromPem(certPem, keyPem);
  } catch (err) {
    throw new Error(`Cannot load cluster CA from ${dir}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

async function loadOrIssueLeaf(
  dir: string,
  name: string,
  ca: CertificateAuthority,
  spec: LeafSpec,
  stillFits: (certPem: string) => boolean = () => true,
): Promise<CertAndKey> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  const [cert, key] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)]);
  if (cert !== undefined && key !== undefined && isUsable(ca, cert, key) && stillFits(cert)) {
    await restrictToOwner(keyPath);
    return { cert, key };
  }
  const issued = await ca.issue(spec);
  await writeFileAtomic(keyPath, issued.key, PRIVATE_FILE_MODE);
  await writeFileAtomic(certPath, issued.cert, PUBLIC_FILE_MODE);
  return issued;
}

/** Signed by `ca`, matching its key, and valid for longer than the renewal window. */
function isUsable(ca: CertificateAuthority, certPem: string, keyPem: string): boolean {
  try {
    const cert = new NodeX509Certificate(certPem);
    const notAfter = Date.parse(cert.validTo);
    if (!(notAfter - Date.now() > RENEW_BEFORE_DAYS * DAY_MS)) return false;
    return ca.issued(certPem) && keyMatchesCertificate(createPrivateKey(keyPem), cert);
  } catch {
    return false;
  }
}
