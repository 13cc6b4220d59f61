import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../../api/index.js';
import { fieldManagerOf, forceOf, managerFromUserAgent, validatePatchOptions } from './patch-options.js';

describe('field manager names', () => {
  it('come from fieldManager, else from the User-Agent before its first "/"', () => {
    assert.equal(fieldManagerOf(new URLSearchParams('fieldManager=kubectl-edit'), 'kubectl/v1.32.4 (linux/amd64)'), 'kubectl-edit');
    assert.equal(fieldManagerOf(new URLSearchParams(''), 'kubectl/v1.32.4 (linux/amd64) kubernetes/abc'), 'kubectl');
    assert.equal(managerFromUserAgent('kube-controller-manager/v1.32.0 (linux/amd64)/controller'), 'kube-controller-manager');
    assert.equal(managerFromUserAgent('bad\u0007name/1'), 'badname');
    assert.equal(managerFromUserAgent('x'.repeat(200)), 'x'.repeat(128));
    assert.equal(managerFromUserAgent(undefined), '');
  });

  it('are checked like PatchOptions', () => {
    const message = (q: string, apply: boolean): string => {
      try {
        validatePatchOptions(new URLSearchParams(q), apply);
        return '';
      } catch (err) {
        return (err as StatusError).message;
      }
    };
    assert.equal(message('fieldManager=x', true), '');
    assert.equal(message('', true), 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    assert.equal(message('force=false', false), 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    assert.match(message(`fieldManager=${'y'.repeat(129)}`, true), /fieldManager: Too long: may not be more than 128 bytes/);
    assert.ok(forceOf(new URLSearchParams('force=true')));
    assert.ok(!forceOf(new URLSearchParams('force=false')));
  });
});
