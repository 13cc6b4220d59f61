// The single place that loads @peculiar/x509: it installs the Reflect metadata shim the library's
// dependency needs (the shim import must stay first) and points the library at Node's WebCrypto.
import './reflect-shim.js';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
