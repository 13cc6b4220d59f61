/**
 * For tests and the benchmark: a tiny authoritative DNS server on loopback standing in for the
 * host's resolver. It answers the records it is given (NXDOMAIN with an SOA otherwise), counts
 * the queries it gets, and over UDP truncates (TC, no records) answers that do not fit.
 */
import type { ListenAddress } from './dns-server.js';
import { DnsServer } from './dns-server.js';
import {
  CLASS_IN, EDNS_PAYLOAD, Flag, RCode, RRType, UDP_MIN_PAYLOAD, decodeMessage, encodeMessage, lowerName,
  type Message, type ResourceRecord,
} from './wire/index.js';

export interface FakeUpstream {
  address: ListenAddress;
  /** Queries seen, as "name TYPE transport". */
  queries: string[];
  /** Records answered, by lowercase name. */
  records: Map<string, ResourceRecord[]>;
  /** When set, every query is left unanswered. */
  silent: boolean;
  stop(): Promise<void>;
}

export const FAKE_SOA: ResourceRecord = {
  name: 'example', type: RRType.SOA, class: CLASS_IN, ttl: 60,
  data: { t: 'SOA', mname: 'ns.example', rname: 'hostmaster.example', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
};

export async function startFakeUpstream(records: ResourceRecord[] = [], address = '127.0.0.1', port = 0): Promise<FakeUpstream> {
  const byName = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    const k = lowerName(r.name);
    byName.set(k, [...(byName.get(k) ?? []), r]);
  }
  const fake: FakeUpstream = {
    address: { address, port }, queries: [], records: byName, silent: false,
    stop: async () => server.close(),
  };
  const server = new DnsServer((buf, tcp, reply) => {
    let q: Message;
    try {
      q = decodeMessage(buf);
    } catch {
      return;
    }
    const question = q.questions[0];
    if (!question) return;
    fake.queries.push(`${question.name} ${question.type} ${tcp ? 'tcp' : 'udp'}`);
    if (fake.silent) return;
    const all = byName.get(lowerName(question.name)) ?? [];
    const answers = all.filter((r) => r.type === question.type || r.type === RRType.CNAME);
    const resp: Message = {
      id: q.id, flags: Flag.QR | Flag.RD | Flag.RA | (all.length ? 0 : RCode.NXDOMAIN), questions: q.questions,
      answers, authority: answers.length ? [] : [FAKE_SOA], additional: [],
      edns: q.edns ? { udpSize: EDNS_PAYLOAD, extRcode: 0, version: 0, flags: 0, options: Buffer.alloc(0) } : undefined,
    };
    let out = encodeMessage(resp);
    const limit = q.edns ? Math.max(UDP_MIN_PAYLOAD, q.edns.udpSize) : UDP_MIN_PAYLOAD;
    if (!tcp && out.length > limit) out = encodeMessage({ ...resp, flags: resp.flags | Flag.TC, answers: [], authority: [] });
    reply(out);
  }, () => undefined);
  await server.listen([{ address, port }]);
  fake.address = server.bound[0];
  return fake;
}
