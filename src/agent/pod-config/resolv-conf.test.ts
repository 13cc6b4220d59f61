import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseResolvConf } from './resolv-conf.js';

describe('parseResolvConf', () => {
  const cases: Array<[string, string, ReturnType<typeof parseResolvConf>]> = [
    ['empty', '', { servers: [], searches: [], options: [] }],
    ['servers accumulate', 'nameserver 1.1.1.1\nnameserver 8.8.8.8 extra\n', { servers: ['1.1.1.1', '8.8.8.8'], searches: [], options: [] }],
    ['last search wins, trailing dots dropped', 'search a.com b.org\nsearch c.net. . d.io\n', { servers: [], searches: ['c.net', 'd.io'], options: [] }],
    ['last options wins', 'options ndots:2\noptions rotate timeout:1', { servers: [], searches: [], options: ['rotate', 'timeout:1'] }],
    ['comments, blanks and unknown lines', '# nameserver 9.9.9.9\n\n  \tnameserver   10.0.0.2  \ndomain x\nnameserver\nsortlist 1.2.3.4\n',
      { servers: ['10.0.0.2'], searches: [], options: [] }],
    ['CRLF and tabs', 'nameserver\t192.168.0.1\r\nsearch\tlan\r\n', { servers: ['192.168.0.1'], searches: ['lan'], options: [] }],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.deepEqual(parseResolvConf(input), want));
});
