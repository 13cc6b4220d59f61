/**
 * ClusterDns: the node's cluster DNS server (what CoreDNS is in k3s). It keeps ClusterRecords from
 * informers over Services, EndpointSlices and Namespaces, answers the cluster zone and PTRs for
 * cluster IPs itself, and forwards everything else to the host's resolvers through a cache; UDP and
 * TCP on each listen address. Like CoreDNS it waits (up to syncTimeoutMs) for the informers before
 * serving; names missing before they have synced are SERVFAIL rather than NXDOMAIN.
 */
import type { KObject } from '../../api/index.js';
import type { ServiceLike } from '../../api/types/core/service/index.js';
import type { EndpointSliceLike } from '../../api/types/discovery/index.js';
import { deletedObject, type HandlerRegistration, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { CachedForwarder } from './cached-forwarder.js';
import { ClusterRecords } from './cluster-records.js';
import { DnsHandler, type DnsStats } from './dns-handler.js';
import { DnsServer, type ListenAddress } from './dns-server.js';
import { Forwarder, type Upstream } from './forwarder.js';
import { readResolvConf, upstreamsFromResolvConf } from './resolv-conf.js';
import { UpstreamCache } from './upstream-cache.js';
import { CLASS_IN, lowerName, type Message } from './wire/index.js';
import { ZoneResolver } from './zone-resolver.js';

export interface ClusterDnsOptions {
  informers: SharedInformerFactory;
  listen: ListenAddress[];
  /** Default cluster.local. */
  clusterDomain?: string;
  /** Where other names go; default: the nameservers of resolvConfPath that are not this server. */
  upstreams?: Upstream[];
  resolvConfPath?: string;
  /** TTL of cluster records (default 5 s, as CoreDNS). */
  ttl?: number;
  /** Per upstream attempt (default 2000 ms). */
  upstreamTimeoutMs?: number;
  /** Bound on cached answers, prepared and upstream each (default 10,000). */
  cacheSize?: number;
  /** How long start() waits for the informers (default 5000 ms, CoreDNS's startup_timeout). */
  syncTimeoutMs?: number;
  log: (line: string) => void;
}

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTSLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

export class ClusterDns {
  readonly records = new ClusterRecords();
  readonly zone: string;
  readonly upstreams: Upstream[];
  private readonly forwarder: CachedForwarder;
  private readonly handler: DnsHandler;
  private readonly server: DnsServer;
  private informers: Informer<KObject>[] = [];
  private registrations: HandlerRegistration[] = [];
  private synced = false;

  constructor(private readonly o: ClusterDnsOptions) {
    this.zone = lowerName((o.clusterDomain ?? 'cluster.local').replace(/\.$/, ''));
    this.upstreams = o.upstreams ?? upstreamsFromResolvConf(readResolvConf(o.resolvConfPath), o.listen);
    const ttl = o.ttl ?? 5;
    this.forwarder = new CachedForwarder(
      new Forwarder({ upstreams: this.upstreams, timeoutMs: o.upstreamTimeoutMs, log: o.log }),
      new UpstreamCache(o.cacheSize),
    );
    const resolver = new ZoneResolver(this.records, {
      zone: this.zone, ttl, upstream: (name, qtype) => this.upstreamLookup(name, qtype),
      synced: () => this.synced, nsAddresses: () => this.ownAddresses(),
    });
    this.handler = new DnsHandler({ resolver, records: this.records, upstream: this.forwarder, ttl, maxEntries: o.cacheSize, log: o.log });
    this.server = new DnsServer((buf, tcp, reply) => this.handler.handle(buf, tcp, reply), o.log);
  }

  /** The addresses served, with the ports actually bound (listen port 0 picks one). */
  get addresses(): ListenAddress[] {
    return [...this.server.bound];
  }

  get stats(): DnsStats {
    return this.handler.stats;
  }

  /** Starts the informers, waits for them (bounded), binds every listen address; throws (cleaned up) if one cannot be bound. */
  async start(): Promise<void> {
    const f = this.o.informers;
    this.watch(f.forResource<ServiceLike>(SERVICES), (s) => this.records.setService(s), (s) => this.records.deleteService(s.metadata.namespace ?? '', s.metadata.name ?? ''));
    this.watch(f.forResource<EndpointSliceLike>(ENDPOINTSLICES), (s) => this.records.setSlice(s), (s) => this.records.deleteSlice(s.metadata.namespace ?? '', s.metadata.name ?? ''));
    this.watch(f.forResource<KObject>(NAMESPACES), (n) => this.records.setNamespace(n.metadata.name ?? ''), (n) => this.records.deleteNamespace(n.metadata.name ?? ''));
    const results = await Promise.all(this.informers.map((i) => i.waitForSync(this.o.syncTimeoutMs ?? 5000)));
    this.synced = results.every(Boolean);
    if (!this.synced) {
      this.o.log('cluster DNS: informers have not synced; serving anyway (missing cluster names are SERVFAIL until they do)');
      void Promise.all(this.informers.map((i) => i.waitForSync())).then((r) => { this.synced = r.every(Boolean); });
    }
    try {
      await this.server.listen(this.o.listen);
    } catch (err) {
      await this.stop();
      throw err;
    }
    const where = this.server.bound.map((a) => `${a.address}:${a.port}`).join(', ');
    const up = this.upstreams.length ? this.upstreams.map((u) => `${u.address}:${u.port}`).join(', ') : 'nowhere (no upstream resolvers)';
    this.o.log(`cluster DNS serving ${this.zone} on ${where} (udp, tcp); other names forwarded to ${up}`);
  }

  async stop(): Promise<void> {
    for (const r of this.registrations) r.remove();
    this.registrations = [];
    await this.server.close();
    this.forwarder.close();
    this.handler.clear();
  }

  private watch<T extends KObject>(inf: Informer<T>, set: (o: T) => void, del: (o: T) => void): void {
    this.registrations.push(inf.addEventHandler({
      onAdd: (o) => set(o),
      onUpdate: (old, cur) => { if (old !== cur) set(cur); },
      onDelete: (o) => del(deletedObject(o)),
    }));
    inf.start();
    this.informers.push(inf as unknown as Informer<KObject>);
  }

  private ownAddresses(): string[] {
    return this.server.bound.map((a) => a.address).filter((a) => a !== '0.0.0.0' && a !== '::');
  }

  /** Upstream answers for CNAME targets outside the cluster (through the cache); undefined on failure. */
  private async upstreamLookup(name: string, qtype: number): Promise<Message | undefined> {
    try {
      const c = await this.forwarder.lookup({ name, qtype, qclass: CLASS_IN, do: false, cd: false });
      if (!c.expiresAt) return c.msg;
      const left = Math.max(0, Math.ceil((c.expiresAt - Date.now()) / 1000));
      return { ...c.msg, answers: c.msg.answers.map((r) => ({ ...r, ttl: left })) };
    } catch {
      return undefined;
    }
  }
}
