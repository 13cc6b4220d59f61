/**
 * Routes for /openapi/v2 and /openapi/v3 (the index and one document per group-version), answered
 * with ETags so clients can cache them.
 */
import type { ResourceDef } from '../api/index.js';
import type { NonResourceRequest, NonResourceRoutes } from './non-resource.js';
import {
  negotiateOpenApiV2, OPENAPI_V2_PROTOBUF, openApiV2, openApiV2Protobuf, openApiV3Document, openApiV3Index, openApiView,
  parseOpenApiV3Key, type ServedDocument,
} from './openapi/index.js';
import { sendRaw } from './respond.js';

function serve(r: NonResourceRequest, doc: ServedDocument | undefined): void {
  if (!doc) {
    sendRaw(r.res, 404, JSON.stringify({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
    }));
    return;
  }
  r.res.setHeader('ETag', doc.etag);
  r.res.setHeader('Vary', 'Accept');
  if (r.query.has('hash')) r.res.setHeader('Cache-Control', 'public, immutable');
  if (r.req.headers['if-none-match'] === doc.etag) {
    r.res.writeHead(304);
    r.res.end();
    return;
  }
  sendRaw(r.res, 200, doc.json);
}

/** `served` gives the current resource set (it changes as CustomResourceDefinitions come and go). */
export function addOpenApiRoutes(routes: NonResourceRoutes, served: () => readonly ResourceDef[]): void {
  routes.add('/openapi/v2', (r) => {
    const resources = openApiView(served());
    if (negotiateOpenApiV2(r.req.headers.accept) !== 'protobuf') {
      serve(r, openApiV2(resources));
      return;
    }
    const pb = openApiV2Protobuf(resources);
    r.res.setHeader('ETag', pb.etag);
    r.res.setHeader('Vary', 'Accept');
    if (r.req.headers['if-none-match'] === pb.etag) {
      r.res.writeHead(304);
      r.res.end();
      return;
    }
    r.res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF, 'Content-Length': pb.body.byteLength });
    r.res.end(pb.body);
  });
  routes.add('/openapi/v3', (r) => serve(r, openApiV3Index(openApiView(served()))));
  routes.addPrefix('/openapi/v3/', (r) => {
    const resources = openApiView(served());
    const key = parseOpenApiV3Key(r.path.slice('/openapi/v3/'.length));
    serve(r, key ? openApiV3Document(resources, key.group, key.version) : undefined);
  });
}
