/**
 * The signing half of kube-controller-manager's csrsigning: a CA (certificate and key, PEM) that
 * turns a checked certificate request into a certificate with the usages the CSR asked for, as its
 * permissive signing policy does — the request's subject, public key and alternative names; key
 * usages and extended key usages from spec.usages; not a CA; valid from five minutes ago (clock skew)
 * for the duration given, never past the CA's own expiry; the requested extensions dropped.
 */
import { createPrivateKey, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateRequest } from './certificate-request.js';
import {
  bitString, booleanTrue, childrenOf, decodeOid, nullValue, octetString, oid, pemBlock, readDer, readExact, sequence, smallInteger, time, tlv,
  unsignedInteger,
} from './der.js';

/** Certificates start this long before they are signed (and short ones end this long later). */
export const BACKDATE_MS = 5 * 60 * 1000;
/** A lifetime below this is short: its end is not backdated. */
export const SHORT_MS = 8 * 60 * 60 * 1000;

/** spec.usages values that are key usage bits (Go's x509.KeyUsage bit numbers). */
const KEY_USAGE_BITS: Record<string, number> = {
  'signing': 0, 'digital signature': 0, 'content commitment': 1, 'key encipherment': 2, 'data encipherment': 3,
  'key agreement': 4, 'cert sign': 5, 'crl sign': 6, 'encipher only': 7, 'decipher only': 8,
};

/** spec.usages values that are extended key usages, in Go's ExtKeyUsage order (the order written). */
const EXT_KEY_USAGES: Array<[string[], string]> = [
  [['any'], '2.5.29.37.0'],
  [['server auth'], '1.3.6.1.5.5.7.3.1'],
  [['client auth'], '1.3.6.1.5.5.7.3.2'],
  [['code signing'], '1.3.6.1.5.5.7.3.3'],
  [['email protection', 's/mime'], '1.3.6.1.5.5.7.3.4'],
  [['ipsec end system'], '1.3.6.1.5.5.7.3.5'],
  [['ipsec tunnel'], '1.3.6.1.5.5.7.3.6'],
  [['ipsec user'], '1.3.6.1.5.5.7.3.7'],
  [['timestamping'], '1.3.6.1.5.5.7.3.8'],
  [['ocsp signing'], '1.3.6.1.5.5.7.3.9'],
  [['microsoft sgc'], '1.3.6.1.4.1.311.10.3.3'],
  [['netscape sgc'], '2.16.840.1.113730.4.1'],
];

const OID_SKI = '2.5.29.14';

interface SignatureScheme { hash: string; algorithm: Buffer }

function signatureScheme(key: KeyObject): SignatureScheme {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1') return { hash: 'sha384', algorithm: sequence(oid('1.2.840.10045.4.3.3')) };
    if (curve === 'secp521r1') return { hash: 'sha512', algorithm: sequence(oid('1.2.840.10045.4.3.4')) };
    return { hash: 'sha256', algorithm: sequence(oid('1.2.840.10045.4.3.2')) };
  }
  if (key.asymmetricKeyType === 'rsa') return { hash: 'sha256', algorithm: sequence(oid('1.2.840.113549.1.1.11'), nullValue()) };
  throw new Error(`Cannot load the signing CA: unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`);
}

/** Splits spec.usages into the KeyUsage bits and the ExtKeyUsage OIDs; unknown usages are an error. */
export function keyUsagesOf(usages: readonly string[]): { bits: number; extended: string[] } {
  let bits = 0;
  const ext = new Set<string>();
  const unknown: string[] = [];
  for (const u of usages) {
    const bit = KEY_USAGE_BITS[u];
    const e = EXT_KEY_USAGES.find(([names]) => names.includes(u));
    if (bit !== undefined) bits |= 1 << bit;
    else if (e) ext.add(e[1]);
    else unknown.push(u);
  }
  if (unknown.length) throw new Error(`unrecognized usage values: [${unknown.map((u) => JSON.stringify(u)).join(' ')}]`);
  return { bits, extended: EXT_KEY_USAGES.map(([, o]) => o).filter((o) => ext.has(o)) };
}

/** The KeyUsage BIT STRING: bit 0 is the first byte's most significant bit, trailing zeros dropped. */
function keyUsageBitString(bits: number): Buffer {
  const bytes = [0, 0];
  for (let i = 0; i < 9; i++) if (bits & (1 << i)) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  const used = bytes[1] ? 2 : 1;
  const last = bytes[used - 1]!;
  let unused = 0;
  while (unused < 8 && !(last & (1 << unused))) unused++;
  return bitString(Buffer.from(bytes.slice(0, used)), last ? unused : 0);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [booleanTrue()] : []), octetString(value));
}

function ipBytes(ip: string): Buffer {
  if (ip.includes('.') && !ip.includes(':')) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function altNames(req: CertificateRequest): Buffer | undefined {
  const names = [
    ...req.dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'latin1'))),
    ...req.emailAddresses.map((n) => tlv(0x81, Buffer.from(n, 'latin1'))),
    ...req.ipAddresses.map((n) => tlv(0x87, ipBytes(n))),
    ...req.uris.map((n) => tlv(0x86, Buffer.from(n, 'latin1'))),
  ];
  return names.length ? sequence(...names) : undefined;
}

export interface SignOptions {
  usages: readonly string[];
  /** The certificate's lifetime. */
  ttlMs: number;
  now?: Date;
}

export class SigningAuthority {
  private readonly key: KeyObject;
  private readonly scheme: SignatureScheme;
  private readonly subjectDer: Buffer;
  private readonly keyId: Buffer | undefined;
  readonly notAfter: Date;

  /** Loads the CA; throws when the certificate or key cannot be read. */
  constructor(caCertPem: string, caKeyPem: string) {
    const cert = new X509Certificate(caCertPem);
    this.key = createPrivateKey(caKeyPem);
    this.scheme = signatureScheme(this.key);
    this.notAfter = new Date(cert.validTo);
    const tbs = childrenOf(readDer(cert.raw))[0];
    if (!tbs) throw new Error('Cannot load the signing CA: malformed certificate');
    const fields = childrenOf(tbs);
    const body = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
    const subject = body[4];
    if (subject?.tag !== 0x30) throw new Error('Cannot load the signing CA: malformed certificate');
    this.subjectDer = Buffer.from(subject.raw);
    const exts = fields.find((f) => f.tag === 0xa3);
    for (const ext of exts ? childrenOf(childrenOf(exts)[0]!) : []) {
      const parts = childrenOf(ext);
      if (parts[0] && decodeOid(parts[0].content) === OID_SKI) {
        this.keyId = Buffer.from(readExact(parts[parts.length - 1]!.content, 0x04, 'subject key identifier').content);
      }
    }
  }

  /** Signs a (checked) request: the certificate, PEM. */
  sign(req: CertificateRequest, opts: SignOptions): string {
    const now = opts.now ?? new Date();
    const { bits, extended } = keyUsagesOf(opts.usages);
    const notBefore = new Date(now.getTime() - BACKDATE_MS);
    let notAfter = new Date(now.getTime() + opts.ttlMs - (opts.ttlMs < SHORT_MS ? 0 : BACKDATE_MS));
    if (notAfter >= this.notAfter) notAfter = this.notAfter;
    if (notBefore >= this.notAfter) throw new Error(`the signer has expired: NotAfter=${this.notAfter.toISOString()}`);
    if (now >= this.notAfter) throw new Error(`refusing to sign a certificate that expired in the past: NotAfter=${this.notAfter.toISOString()}`);

    const san = altNames(req);
    const extensions = [
      ...(bits ? [extension('2.5.29.15', true, keyUsageBitString(bits))] : []),
      ...(extended.length ? [extension('2.5.29.37', false, sequence(...extended.map(oid)))] : []),
      extension('2.5.29.19', true, sequence()),
      ...(this.keyId ? [extension('2.5.29.35', false, sequence(tlv(0x80, this.keyId)))] : []),
      // An empty subject makes the alternative names critical (RFC 5280 4.2.1.6).
      ...(san ? [extension('2.5.29.17', childrenOf(readDer(req.subjectDer)).length === 0, san)] : []),
    ];
    const serial = randomBytes(16);
    serial[0] = serial[0]! & 0x7f;
    const tbs = sequence(
      tlv(0xa0, smallInteger(2)),
      unsignedInteger(serial),
      this.scheme.algorithm,
      this.subjectDer,
      sequence(time(notBefore), time(notAfter)),
      req.subjectDer,
      req.publicKeyDer,
      tlv(0xa3, sequence(...extensions)),
    );
    const signature = sign(this.scheme.hash, tbs, this.key);
    return pemBlock('CERTIFICATE', sequence(tbs, this.scheme.algorithm, bitString(signature)));
  }
}
