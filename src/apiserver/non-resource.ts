/** Paths outside the resource tree: /version, health checks, discovery and OpenAPI documents. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserInfo } from './authn.js';
import type { Representation } from './negotiate.js';

export interface NonResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  rep: Representation | undefined;
  user: UserInfo | undefined;
}

export type NonResourceHandler = (r: NonResourceRequest) => Promise<void> | void;

export class NonResourceRoutes {
  private exact = new Map<string, NonResourceHandler>();
  private prefixes: Array<[string, NonResourceHandler]> = [];

  add(path: string, h: NonResourceHandler): this {
    this.exact.set(path, h);
    return this;
  }

  addPrefix(prefix: string, h: NonResourceHandler): this {
    this.prefixes.push([prefix, h]);
    return this;
  }

  lookup(path: string): NonResourceHandler | undefined {
    const h = this.exact.get(path);
    if (h) return h;
    for (const [p, ph] of this.prefixes) if (path.startsWith(p)) return ph;
    return undefined;
  }
}
