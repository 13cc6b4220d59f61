/** Errors every storage driver throws, so the API server can map them to Statuses. */
import type { KeyValue } from './backend.js';

export class KeyExistsError extends Error {
  constructor(readonly key: string) {
    super(`Cannot create ${key}: key already exists`);
    this.name = 'KeyExistsError';
  }
}

export class KeyNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Cannot change ${key}: key not found`);
    this.name = 'KeyNotFoundError';
  }
}

export class RevisionMismatchError extends Error {
  constructor(readonly key: string, readonly expected: number, readonly current: KeyValue) {
    super(`Cannot change ${key}: expected revision ${expected}, current is ${current.modRevision}`);
    this.name = 'RevisionMismatchError';
  }
}

export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compacted: number) {
    super(`Cannot read revision ${requested}: compacted up to ${compacted}`);
    this.name = 'CompactedError';
  }
}
