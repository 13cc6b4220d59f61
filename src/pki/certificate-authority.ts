// A certificate authority held in memory: an ECDSA P-256 key and its self-signed certificate, able
// to issue leaf certificates (serving, client) as PEM. Keys are exported as PKCS#8 so that Node's
// tls module and Go's crypto/tls both accept them.
import {
  createPrivateKey,
  createPublicKey,
  KeyObject,
  randomBytes,
  webcrypto,
  X509Certificate as NodeX509Certificate,
} from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import { canonicalIp } from './names.js';

const subtle = webcrypto.subtle;

/**
 * @peculiar/x509 takes ~100 ms to load, so it is loaded only when a certificate must be made:
 * a restart that finds every file in order never pays for it.
 */
async function loadX509(): Promise<typeof X509> {
  return (await import('./x509.js')).x509;
}

/** A certificate and its private key, both PEM. */
export interface CertAndKey {
  cert: string;
  key: string;
}

export type LeafUsage = 'server' | 'client';

export interface LeafSpec {
  commonName: string;
  organizations?: readonly string[];
  usages: readonly LeafUsage[];
  dnsNames?: readonly string[];
  ips?: readonly string[];
  days: number;
}

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Certificates start a little in the past so that peers with a slow clock accept them. */
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export class CertificateAuthority {
  private parsed: X509.X509Certificate | undefined;

  private constructor(
    readonly certPem: string,
    readonly keyPem: string,
    private readonly nodeCert: NodeX509Certificate,
    private readonly signingKey: CryptoKey,
  ) {}

  /** Generates a new self-signed CA. */
  static async create(commonName: string, days: number, now = new Date()): Promise<CertificateAuthority> {
    const x509 = await loadX509();
    const keys = await generateKeyPair();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: [{ CN: [commonName] }],
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: new Date(now.getTime() + days * DAY_MS),
      keys,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const certPem = cert.toString('pem');
    const ca = new CertificateAuthority(
      certPem,
      exportPrivateKey(keys.privateKey),
      new NodeX509Certificate(certPem),
      keys.privateKey,
    );
    ca.parsed = cert;
    return ca;
  }

  /** Loads a CA from its PEM certificate and PEM private key (PKCS#8 or SEC1). */
  static async fromPem(certPem: string, keyPem: string): Promise<CertificateAuthority> {
    let nodeCert: NodeX509Certificate;
    try {
      nodeCert = new NodeX509Certificate(certPem);
    } catch (err) {
      throw new Error(`Cannot load certificate authority: certificate is not valid PEM (${String(err)})`);
    }
    if (!nodeCert.ca) {
      throw new Error(`Cannot load certificate authority: "${nodeCert.subject}" is not a CA certificate`);
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(keyPem);
    } catch (err) {
      throw new Error(`Cannot load certificate authority: key is not a valid PEM private key (${String(err)})`);
    }
    const details = privateKey.asymmetricKeyDetails;
    if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
      const found = [privateKey.asymmetricKeyType ?? 'unknown', details?.namedCurve].filter(Boolean).join(' ');
      throw new Error(`Cannot load certificate authority: key is ${found}, only ECDSA P-256 is supported`);
    }
    if (!keyMatchesCertificate(privateKey, nodeCert)) {
      throw new Error('Cannot load certificate authority: private key does not match the certificate');
    }
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const signingKey = await subtle.importKey('pkcs8', pkcs8, KEY_ALGORITHM, false, ['sign']);
    return new CertificateAuthority(certPem, keyPem, nodeCert, signingKey as CryptoKey);
  }

  /** Issues a leaf certificate with a fresh key. */
  async issue(spec: LeafSpec, now = new Date()): Promise<CertAndKey> {
    if (!(spec.days > 0)) {
      throw new RangeError(`Cannot issue certificate: validity of ${spec.days} days is not positive`);
    }
    if (spec.usages.length === 0) {
      throw new RangeError('Cannot issue certificate: no key usage (server or client) was given');
    }
    const x509 = await loadX509();
    const caCert = (this.parsed ??= new x509.X509Certificate(this.certPem));
    const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    const keys = await generateKeyPair();
    const extensions: X509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        spec.usages.map((u) => (u === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth)),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      caKeyId !== undefined
        ? new x509.AuthorityKeyIdentifierExtension(caKeyId)
        : await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ];
    const names: X509.JsonGeneralNames = [
      ...(spec.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(spec.ips ?? []).map((value) => ({ type: 'ip' as const, value: canonicalIp(value) })),
    ];
    if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));

    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: [...(spec.organizations ?? []).map((o) => ({ O: [o] })), { CN: [spec.commonName] }],
      // The CA's own encoded name, so the issuer bytes equal the CA's subject bytes exactly.
      issuer: caCert.subjectName,
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: new Date(now.getTime() + spec.days * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: this.signingKey,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions,
    });
    return { cert: cert.toString('pem'), key: exportPrivateKey(keys.privateKey) };
  }

  /** True if `certPem` is a certificate this CA signed. */
  issued(certPem: string): boolean {
    try {
      const leaf = new NodeX509Certificate(certPem);
      return leaf.checkIssued(this.nodeCert) && leaf.verify(this.nodeCert.publicKey);
    } catch {
      return false;
    }
  }
}

/** True if the private key is the one whose public half the certificate carries. */
export function keyMatchesCertificate(privateKey: KeyObject, cert: NodeX509Certificate): boolean {
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return derived.equals(cert.publicKey.export({ type: 'spki', format: 'der' }));
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function exportPrivateKey(key: CryptoKey): string {
  return KeyObject.from(key as Parameters<typeof KeyObject.from>[0])
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/** A random positive 128-bit serial number (hex), with a non-zero leading byte. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}
