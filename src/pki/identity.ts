// The Kubernetes identity carried by a client certificate: the subject's common name is the user
// name and each organization is a group (as kube-apiserver's x509 authenticator reads them).
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

export interface CertificateIdentity {
  user: string;
  groups: string[];
}

/** Node gives a repeated subject attribute as an array, a single one as a string. */
function values(attribute: unknown): string[] {
  if (typeof attribute === 'string') return [attribute];
  if (Array.isArray(attribute)) return attribute.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The identity in a peer certificate from `socket.getPeerCertificate()`, or undefined when no
 * certificate was presented or it names no user. It does not check the chain: only trust it when
 * `socket.authorized` is true.
 */
export function identityFromPeerCert(
  cert: PeerCertificate | DetailedPeerCertificate | undefined | null,
): CertificateIdentity | undefined {
  const subject: unknown = cert?.subject;
  if (subject === undefined || subject === null || typeof subject !== 'object') return undefined;
  const fields = subject as Record<string, unknown>;
  const user = values(fields['CN'])[0];
  if (user === undefined || user === '') return undefined;
  return { user, groups: values(fields['O']) };
}
