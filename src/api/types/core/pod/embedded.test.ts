import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { POD_EMBEDDED_STRUCTS } from './embedded.js';

describe('embedded structs', () => {
  it('lists structs whose fields all appear inline in the outer type', () => {
    for (const e of POD_EMBEDDED_STRUCTS) {
      for (const [name, f] of Object.entries(e.struct.fields)) {
        assert.ok(name in e.outer.fields, `${e.outer.name} lacks ${name} of ${e.struct.name}`);
        assert.equal(e.outer.fields[name].proto, f.proto, `${e.outer.name}.${name}`);
      }
    }
  });

  it('marks exactly the embedded struct\'s fields with its protobuf field number', () => {
    for (const e of POD_EMBEDDED_STRUCTS) {
      for (const [name, f] of Object.entries(e.outer.fields)) {
        const want = name in e.struct.fields ? e.proto : undefined;
        assert.equal(f.embeddedIn, want, `${e.outer.name}.${name}`);
      }
    }
  });
});
