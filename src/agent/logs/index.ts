/**
 * Container logs as `kubectl logs` reads them: the kubelet's reading of CRI-format log files — the
 * records' contents from both streams, tail, since, timestamps and byte limits, and following a file
 * as it grows until the container stops.
 */
export { readContainerLog, LogFileMissing, type LogReadOptions, type LogFollow } from './read-log.js';
export { parseCriRecord, fixedTimestamp, rfc3339ToNs, type CriRecord, type CriStream } from './cri-record.js';
export { tailStart } from './tail.js';
