/**
 * JSON patch (RFC 6902): add, remove, replace, move, copy and test, with the error wording Kubernetes'
 * patch library uses.
 */
import { isDeepStrictEqual } from 'node:util';
import { badRequest, StatusError } from '../../api/index.js';

interface Operation { op: string; path: string; value?: unknown; from?: string }

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw invalidPatch(`JSON pointer must start with '/': ${path}`);
  return path.slice(1).split('/').map(unescape);
}

/**
 * Kubernetes answers a JSON patch that cannot be applied with a generic 422 that leaves the reason
 * (`why`, named at each call for the reader) out.
 */
function invalidPatch(_why: string): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function parentOf(doc: unknown, tokens: string[], path: string): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || i >= cur.length) throw invalidPatch(`doc is missing path: "${path}": missing value`);
      cur = cur[i];
    } else if (isContainer(cur) && Object.prototype.hasOwnProperty.call(cur, t)) {
      cur = (cur as Record<string, unknown>)[t];
    } else {
      throw invalidPatch(`doc is missing path: "${path}": missing value`);
    }
  }
  if (!isContainer(cur)) throw invalidPatch(`doc is missing path: "${path}": missing value`);
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of pointer(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(t) && Number(t) < cur.length) cur = cur[Number(t)];
    else if (isContainer(cur) && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else throw invalidPatch(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!/^\d+$/.test(key) && key !== '-') throw invalidPatch(`add operation does not apply: doc is missing path: "${path}": missing value`);
    if (i > parent.length) throw invalidPatch(`add operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 0, value);
  } else {
    parent[key] = value;
  }
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length) throw invalidPatch(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw invalidPatch(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const raw of patch as Operation[]) {
    if (typeof raw !== 'object' || raw === null || typeof raw.path !== 'string') throw invalidPatch('Unexpected kind: missing path');
    switch (raw.op) {
      case 'add': doc = add(doc, raw.path, structuredClone(raw.value)); break;
      case 'remove': doc = remove(doc, raw.path); break;
      case 'replace':
        getAt(doc, raw.path);
        doc = add(remove(doc, raw.path), raw.path, structuredClone(raw.value));
        break;
      case 'move': {
        if (typeof raw.from !== 'string') throw invalidPatch('move operation missing from');
        const v = getAt(doc, raw.from);
        doc = add(remove(doc, raw.from), raw.path, v);
        break;
      }
      case 'copy': {
        if (typeof raw.from !== 'string') throw invalidPatch('copy operation missing from');
        doc = add(doc, raw.path, structuredClone(getAt(doc, raw.from)));
        break;
      }
      case 'test':
        if (!isDeepStrictEqual(getAt(doc, raw.path), raw.value)) {
          throw invalidPatch(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw invalidPatch(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}
