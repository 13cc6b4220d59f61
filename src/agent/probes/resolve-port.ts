/**
 * A probe's or hook's port (a number or the name of one of the container's ports) as a number, with
 * the kubelet's errors: a name that is neither a declared port nor digits fails as strconv.Atoi does.
 */
import type { Container } from '../../api/types/core/pod/index.js';

export function resolveContainerPort(port: number | string | undefined, container: Container): number {
  let n: number;
  if (typeof port === 'number') {
    n = port;
  } else if (typeof port === 'string') {
    const named = (container.ports ?? []).find((p) => p.name === port);
    if (named) n = named.containerPort ?? 0;
    else if (/^[+-]?\d+$/.test(port)) n = Number(port);
    else throw new Error(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  } else {
    // An absent port decodes as the integer 0.
    n = 0;
  }
  if (Number.isInteger(n) && n > 0 && n < 65536) return n;
  throw new Error(`invalid port number: ${n}`);
}
