/** Queries as clients send them: the forwarder's upstream queries, tests and the benchmark. */
import { CLASS_IN, EDNS_DO, EDNS_PAYLOAD, Flag } from './constants.js';
import { writeOpt } from './message.js';
import { WireWriter } from './wire-writer.js';

export interface QueryOptions {
  id: number;
  /** Recursion desired (default true). */
  rd?: boolean;
  cd?: boolean;
  qclass?: number;
  /** Adds an OPT record (payload 1232 unless udpSize says otherwise) with the DO bit and these options. */
  edns?: { do?: boolean; options?: Buffer; udpSize?: number; version?: number };
}

export function buildQuery(name: string, qtype: number, o: QueryOptions): Buffer {
  const w = new WireWriter(0, 64);
  w.u16(o.id);
  w.u16((o.rd === false ? 0 : Flag.RD) | (o.cd ? Flag.CD : 0));
  w.u16(1);
  w.u16(0);
  w.u16(0);
  w.u16(o.edns ? 1 : 0);
  w.name(name, false);
  w.u16(qtype);
  w.u16(o.qclass ?? CLASS_IN);
  if (o.edns) {
    writeOpt(w, {
      udpSize: o.edns.udpSize ?? EDNS_PAYLOAD, extRcode: 0, version: o.edns.version ?? 0, flags: o.edns.do ? EDNS_DO : 0,
      options: o.edns.options ?? Buffer.alloc(0),
    });
  }
  return w.finish();
}
