/** A DNS message that cannot be parsed: answered with FORMERR when it came from a client. */
export class DnsFormatError extends Error {
  constructor(message: string) {
    super(`Cannot parse DNS message: ${message}`);
    this.name = 'DnsFormatError';
  }
}
