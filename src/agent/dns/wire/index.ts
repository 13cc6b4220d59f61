/**
 * The DNS wire format, written for navarch's cluster DNS: names with compression, the record types
 * cluster DNS serves and forwards, whole-message decoding and encoding with EDNS0, a lean query
 * parser for the server's hot path, and prepared answers rendered per query (truncation for UDP,
 * TTL rewriting, rotation).
 */
export { RRType, RCode, Flag, CLASS_IN, CLASS_ANY, HEADER_SIZE, UDP_MIN_PAYLOAD, EDNS_PAYLOAD, EDNS_DO } from './constants.js';
export { DnsFormatError } from './format-error.js';
export { parseIP, parseIPv4, parseIPv6, formatIPv4, formatIPv6 } from './ip.js';
export { readName, nameLabels, nameToWire, lowerName, isSubdomain, splitName } from './name.js';
export { WireWriter } from './wire-writer.js';
export { decodeRData, writeRecord, type RData, type ResourceRecord } from './records.js';
export { decodeMessage, encodeMessage, rcodeOf, type Message, type Question, type Edns } from './message.js';
export { parseQuery, type ParsedQuery, type RejectedQuery, type QueryParse, type QueryEdns } from './query.js';
export {
  prepareAnswer, renderResponse, renderRejection, type PreparedAnswer, type Sections, type RenderOptions,
} from './prepared-answer.js';
export { buildQuery, type QueryOptions } from './build-query.js';
