/**
 * Name and label syntax checks (RFC 1123 labels and subdomains, DNS-1035 labels, qualified names,
 * label values). Each returns the list of problems in Kubernetes' wording; empty means valid.
 */

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;

const labelRe = new RegExp(`^${LABEL_FMT}$`);
const subdomainRe = new RegExp(`^${SUBDOMAIN_FMT}$`);
const dns1035Re = new RegExp(`^${DNS1035_FMT}$`);
const qnameRe = new RegExp(`^${QNAME_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);

function examples(...xs: string[]): string {
  return `(e.g. ${xs.map((x) => `'${x}'`).join(',  or ')}, regex used for validation is '`;
}

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!labelRe.test(v)) {
    errs.push(`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${examples('my-name', '123-abc')}${LABEL_FMT}')`);
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!subdomainRe.test(v)) {
    errs.push(`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character ${examples('example.com')}${SUBDOMAIN_FMT}')`);
  }
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!dns1035Re.test(v)) {
    errs.push(`a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character ${examples('my-name', 'abc-123')}${DNS1035_FMT}')`);
  }
  return errs;
}

/** Label and annotation keys: an optional DNS subdomain prefix and "/", then a name part. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${examples('MyName', 'my.name', '123-abc')}${QNAME_FMT}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (name.length > 0 && !qnameRe.test(name)) {
    errs.push(`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${examples('MyName', 'my.name', '123-abc')}${QNAME_FMT}')`);
  }
  return errs;
}

export function isLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!labelValueRe.test(v)) {
    errs.push(`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${examples('MyValue', 'my_value', '12345')}${LABEL_VALUE_FMT}')`);
  }
  return errs;
}

/** Names of path segments: may not be "." or "..", nor contain "/" or "%". */
export function isPathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const errs: string[] = [];
  if (v.includes('/')) errs.push("may not contain '/'");
  if (v.includes('%')) errs.push("may not contain '%'");
  return errs;
}

export function isValidPortNum(p: number): string[] {
  return Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length < 1 || v.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (v.includes('--')) errs.push('must not contain consecutive hyphens');
  if (/[a-z]/.test(v) === false) errs.push('must contain at least one letter (a-z)');
  if (v.startsWith('-') || v.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Environment variable names (C identifiers, plus '-' and '.'). */
export function isEnvVarName(v: string): string[] {
  if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(v)) return [];
  return [`a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`];
}

/** ConfigMap and Secret keys. */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) {
    errs.push(`a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
  }
  errs.push(...isPathSegmentName(v).map((m) => m));
  return errs;
}
