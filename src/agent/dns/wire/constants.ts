/** DNS wire constants (RFC 1035, 2782, 3596, 6891): record types, classes, header flags, rcodes. */

export const RRType = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41,
  IXFR: 251, AXFR: 252, ANY: 255,
} as const;

export const CLASS_IN = 1;
export const CLASS_ANY = 255;

export const RCode = {
  NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5,
  /** Extended (EDNS) rcode 16: the upper 8 bits travel in the OPT record. */
  BADVERS: 16,
} as const;

/** Header flag bits (the second 16-bit word of the header). */
export const Flag = {
  QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100, RA: 0x0080, AD: 0x0020, CD: 0x0010,
} as const;

export const OPCODE_QUERY = 0;
export const HEADER_SIZE = 12;
/** The classic UDP payload limit without EDNS. */
export const UDP_MIN_PAYLOAD = 512;
/** The UDP payload size this server advertises and asks upstreams for (the DNS flag day 2020 value). */
export const EDNS_PAYLOAD = 1232;
/** DO (DNSSEC OK) bit in the OPT record's flags. */
export const EDNS_DO = 0x8000;

export const MAX_NAME_LENGTH = 255;
export const MAX_LABEL_LENGTH = 63;
