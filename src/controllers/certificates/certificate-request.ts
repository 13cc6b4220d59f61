/**
 * PKCS#10 certificate requests (RFC 2986), as the signer reads them: the subject (kept as encoded,
 * with its common name and organizations), the public key, the subject alternative names asked for,
 * and a check of the request's self-signature.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { childrenOf, decodeOid, decodeString, readDer, readExact, type DerNode } from './der.js';

export interface SubjectAltNames {
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: string[];
  uris: string[];
}

export interface CertificateRequest extends SubjectAltNames {
  /** The encoded subject Name, copied into the certificate as is. */
  subjectDer: Buffer;
  commonName: string;
  organizations: string[];
  /** The encoded SubjectPublicKeyInfo. */
  publicKeyDer: Buffer;
  publicKey: KeyObject;
  /** "RSA", "ECDSA" or "Ed25519" (the key's algorithm). */
  publicKeyAlgorithm: string;
  /** What the signature covers, the signature algorithm's OID, and the signature. */
  signedDer: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
}

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';
const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const OID_SAN = '2.5.29.17';

/** Signature algorithms by OID: the hash Node's verify takes (null for Ed25519). */
const SIGNATURE_HASHES: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

/** The first PEM block's bytes, as Go's pem.Decode finds it; requires a CERTIFICATE REQUEST block. */
export function csrDerFromPem(pem: string): Buffer {
  const m = /-----BEGIN ([^-\n]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m || m[1] !== 'CERTIFICATE REQUEST') throw new Error('PEM block type must be CERTIFICATE REQUEST');
  return Buffer.from(m[2]!.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

function nameAttributes(name: DerNode): Array<{ type: string; value: string }> {
  const out: Array<{ type: string; value: string }> = [];
  for (const rdn of childrenOf(name)) {
    for (const atv of childrenOf(rdn)) {
      const [type, value] = childrenOf(atv);
      if (type?.tag !== 0x06 || !value) throw new Error('x509: malformed name');
      out.push({ type: decodeOid(type.content), value: decodeString(value) });
    }
  }
  return out;
}

function ipText(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  if (b.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  throw new Error(`x509: cannot parse IP address of length ${b.length}`);
}

/** The names of a SubjectAltName extension's value (GeneralNames). */
function parseAltNames(extnValue: Buffer, into: SubjectAltNames): void {
  const names = readExact(extnValue, 0x30, 'SAN extension');
  for (const n of childrenOf(names)) {
    switch (n.tag) {
      case 0x81: into.emailAddresses.push(n.content.toString('latin1')); break;
      case 0x82: into.dnsNames.push(n.content.toString('latin1')); break;
      case 0x86: into.uris.push(n.content.toString('latin1')); break;
      case 0x87: into.ipAddresses.push(ipText(n.content)); break;
      default: break;
    }
  }
}

function requestedExtensions(attributes: DerNode | undefined, into: SubjectAltNames): void {
  if (!attributes) return;
  for (const attr of childrenOf(attributes)) {
    const [type, values] = childrenOf(attr);
    if (type?.tag !== 0x06 || decodeOid(type.content) !== OID_EXTENSION_REQUEST || !values) continue;
    for (const exts of childrenOf(values)) {
      for (const ext of childrenOf(exts)) {
        const parts = childrenOf(ext);
        const id = parts[0];
        const value = parts[parts.length - 1];
        if (id?.tag !== 0x06 || value?.tag !== 0x04) throw new Error('x509: malformed extension');
        if (decodeOid(id.content) === OID_SAN) parseAltNames(value.content, into);
      }
    }
  }
}

function keyAlgorithm(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa': return 'RSA';
    case 'ec': return 'ECDSA';
    case 'ed25519': return 'Ed25519';
    default: throw new Error(`x509: unsupported public key type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
}

/** Parses a DER CertificationRequest; throws with a message when it is malformed. */
export function parseCertificateRequest(der: Buffer): CertificateRequest {
  const top = readExact(der, 0x30, 'certificate request');
  const [info, sigAlg, sig] = childrenOf(top);
  if (info?.tag !== 0x30 || sigAlg?.tag !== 0x30 || sig?.tag !== 0x03) throw new Error('x509: malformed certificate request');
  const [version, subject, spki, attributes] = childrenOf(info);
  if (version?.tag !== 0x02 || subject?.tag !== 0x30 || spki?.tag !== 0x30) throw new Error('x509: malformed certificate request');
  const algId = childrenOf(sigAlg)[0];
  if (algId?.tag !== 0x06) throw new Error('x509: malformed signature algorithm');
  const attrs = nameAttributes(subject);
  const publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  const req: CertificateRequest = {
    subjectDer: Buffer.from(subject.raw),
    commonName: attrs.find((a) => a.type === OID_CN)?.value ?? '',
    organizations: attrs.filter((a) => a.type === OID_O).map((a) => a.value),
    publicKeyDer: Buffer.from(spki.raw),
    publicKey,
    publicKeyAlgorithm: keyAlgorithm(publicKey),
    signedDer: Buffer.from(info.raw),
    signatureAlgorithm: decodeOid(algId.content),
    signature: Buffer.from(sig.content.subarray(1)),
    dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [],
  };
  requestedExtensions(attributes?.tag === 0xa0 ? attributes : undefined, req);
  return req;
}

/** Parses the PEM request of a CertificateSigningRequest (spec.request, decoded). */
export function parseCertificateRequestPem(pem: string): CertificateRequest {
  return parseCertificateRequest(csrDerFromPem(pem));
}

/** Throws unless the request is signed by the key it carries. */
export function checkRequestSignature(req: CertificateRequest): void {
  if (!(req.signatureAlgorithm in SIGNATURE_HASHES)) {
    throw new Error(`x509: cannot verify signature: algorithm unimplemented (${req.signatureAlgorithm})`);
  }
  const hash = SIGNATURE_HASHES[req.signatureAlgorithm] ?? null;
  let ok = false;
  try { ok = verify(hash, req.signedDer, req.publicKey, req.signature); } catch { ok = false; }
  if (!ok) throw new Error(`x509: ${req.publicKeyAlgorithm} verification failure`);
}
