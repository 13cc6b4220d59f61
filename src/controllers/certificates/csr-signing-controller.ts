/**
 * kube-controller-manager's csrsigning for the kubernetes.io signers navarch runs
 * (kube-apiserver-client, kube-apiserver-client-kubelet, kubelet-serving): an approved, not failed
 * CertificateSigningRequest for one of them, without a certificate yet, is checked against its
 * signer's rules — and marked Failed (SignerValidationFailure) when it breaks them — or signed with
 * the cluster CA for spec.expirationSeconds (at least 10 minutes, at most the signing duration,
 * one year by default), the certificate written to status.certificate through the status subresource.
 */
import type { KObject } from '../../api/index.js';
import { isNotFound, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, rfc3339 } from '../runtime/index.js';
import { SigningAuthority } from './authority.js';
import { checkRequestSignature, parseCertificateRequestPem } from './certificate-request.js';
import { isSignerName, SIGNER_NAMES, signerRuleViolation, type SignerName } from './signer-rules.js';

export const CSRS: GroupVersionResource = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' };

/** kube-controller-manager's --cluster-signing-duration default: 8760h. */
export const DEFAULT_SIGNING_DURATION_SECONDS = 365 * 24 * 60 * 60;
const MIN_DURATION_SECONDS = 600;

interface Condition { type?: string; status?: string; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string }
export interface CSR extends KObject {
  spec?: { request?: string; signerName?: string; expirationSeconds?: number; usages?: string[] };
  status?: { conditions?: Condition[]; certificate?: string };
}

export interface CSRSigningOptions {
  /** The cluster CA that signs (PEM certificate and private key). */
  caCert: string;
  caKey: string;
  /** The longest certificate issued, and the length of one whose CSR asks no duration. */
  signingDurationSeconds?: number;
  /** The signers to run (default all of SIGNER_NAMES). */
  signerNames?: readonly SignerName[];
  log?: (line: string) => void;
  now?: () => Date;
}

const hasTrue = (csr: CSR, type: string): boolean => (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** IsCertificateRequestApproved: Approved and not Denied. */
export function isApproved(csr: CSR): boolean {
  return hasTrue(csr, 'Approved') && !hasTrue(csr, 'Denied');
}

/** The lifetime of the certificate for a request's expirationSeconds. */
export function certificateDurationSeconds(expirationSeconds: number | undefined, maxSeconds: number): number {
  if (expirationSeconds === undefined) return maxSeconds;
  if (expirationSeconds > maxSeconds) return maxSeconds;
  return Math.max(expirationSeconds, MIN_DURATION_SECONDS);
}

export class CSRSigningController {
  readonly controller: Controller;
  private readonly csrs: Informer<CSR>;
  private readonly authority: SigningAuthority;
  private readonly signers: ReadonlySet<string>;
  private readonly maxSeconds: number;
  private readonly now: () => Date;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: CSRSigningOptions) {
    this.authority = new SigningAuthority(opts.caCert, opts.caKey);
    this.signers = new Set(opts.signerNames ?? SIGNER_NAMES);
    this.maxSeconds = opts.signingDurationSeconds ?? DEFAULT_SIGNING_DURATION_SECONDS;
    this.now = opts.now ?? (() => new Date());
    this.csrs = informers.forResource<CSR>(CSRS);
    this.controller = new Controller({ name: 'csrsigning', workers: 1, log: opts.log, reconcile: (name) => this.sync(name) })
      .watch(this.csrs, (csr) => csr.metadata.name);
  }

  private async sync(name: string): Promise<void> {
    const cached = this.csrs.store.get(name);
    if (!cached || cached.status?.certificate) return;
    if (!isApproved(cached) || hasTrue(cached, 'Failed')) return;
    const signer = cached.spec?.signerName;
    if (!isSignerName(signer) || !this.signers.has(signer)) return;
    const csr = structuredClone(cached);
    let req;
    try {
      req = parseCertificateRequestPem(Buffer.from(csr.spec?.request ?? '', 'base64').toString('latin1'));
    } catch (err) {
      throw new Error(`unable to parse csr "${name}": ${(err as Error).message}`);
    }
    const usages = csr.spec?.usages ?? [];
    const violation = signerRuleViolation(signer, req, usages);
    const now = this.now();
    if (violation !== undefined) {
      const at = rfc3339(now);
      csr.status = { ...csr.status, conditions: [...csr.status?.conditions ?? [], {
        type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: violation, lastUpdateTime: at, lastTransitionTime: at,
      }] };
      await this.write(csr, 'error adding failure condition for csr');
      return;
    }
    let pem: string;
    try {
      checkRequestSignature(req);
      const seconds = certificateDurationSeconds(csr.spec?.expirationSeconds, this.maxSeconds);
      pem = this.authority.sign(req, { usages, ttlMs: seconds * 1000, now });
    } catch (err) {
      throw new Error(`error auto signing csr: ${(err as Error).message}`);
    }
    csr.status = { ...csr.status, certificate: Buffer.from(pem).toString('base64') };
    await this.write(csr, 'error updating signature for csr');
  }

  private async write(csr: CSR, what: string): Promise<void> {
    try {
      await this.cs.resource<CSR>(CSRS).updateStatus(csr);
    } catch (err) {
      if (isNotFound(err)) return;
      throw new Error(`${what}: ${(err as Error).message}`);
    }
  }
}
