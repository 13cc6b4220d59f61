import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, PodSecurityContext, SecurityContext } from '../../api/types/core/pod/index.js';
import type { ContainerSecurity } from '../runtime/index.js';
import { CreateContainerConfigError } from './errors.js';
import { containerSecurity, imageUserOf } from './security.js';

const pod = (podSc?: PodSecurityContext): Pod =>
  ({ metadata: { name: 'web', namespace: 'shop', uid: 'u-1' }, spec: { ...(podSc ? { securityContext: podSc } : {}), containers: [] } });
const ctr = (sc?: SecurityContext): Container => ({ name: 'app', ...(sc ? { securityContext: sc } : {}) });

describe('containerSecurity', () => {
  const cases: Array<{ name: string; podSc?: PodSecurityContext; sc?: SecurityContext; imageUser?: string; want: ContainerSecurity }> = [
    { name: 'nothing set', want: { noNewPrivileges: false } },
    { name: 'pod user and group', podSc: { runAsUser: 1000, runAsGroup: 3000 }, want: { runAsUser: 1000, runAsGroup: 3000, noNewPrivileges: false } },
    { name: 'container overrides the pod', podSc: { runAsUser: 1000, runAsGroup: 3000 }, sc: { runAsUser: 2000 },
      want: { runAsUser: 2000, runAsGroup: 3000, noNewPrivileges: false } },
    { name: 'fsGroup then supplementalGroups', podSc: { fsGroup: 2000, supplementalGroups: [4000, 5000] },
      want: { supplementalGroups: [2000, 4000, 5000], noNewPrivileges: false } },
    { name: 'privileged and read-only root', sc: { privileged: true, readOnlyRootFilesystem: true },
      want: { privileged: true, readonlyRootfs: true, noNewPrivileges: false } },
    { name: 'capabilities', sc: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } },
      want: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, noNewPrivileges: false } },
    { name: 'allowPrivilegeEscalation false sets no_new_privs', sc: { allowPrivilegeEscalation: false }, want: { noNewPrivileges: true } },
    { name: 'allowPrivilegeEscalation true does not', sc: { allowPrivilegeEscalation: true }, want: { noNewPrivileges: false } },
    { name: 'pod-level container-only fields are ignored', podSc: { privileged: true, readOnlyRootFilesystem: true } as PodSecurityContext,
      want: { noNewPrivileges: false } },
    { name: 'runAsNonRoot with a non-root runAsUser', podSc: { runAsNonRoot: true }, sc: { runAsUser: 1000 },
      want: { runAsUser: 1000, noNewPrivileges: false } },
    { name: 'runAsNonRoot with a numeric image user', podSc: { runAsNonRoot: true }, imageUser: '1000:1000', want: { noNewPrivileges: false } },
    { name: 'container turns runAsNonRoot off', podSc: { runAsNonRoot: true }, sc: { runAsNonRoot: false }, imageUser: '', want: { noNewPrivileges: false } },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(containerSecurity(pod(c.podSc), ctr(c.sc), c.imageUser), c.want));
  }

  const where = '(pod: "web_shop(u-1)", container: app)';
  const failures: Array<{ name: string; podSc?: PodSecurityContext; sc?: SecurityContext; imageUser?: string; message: string }> = [
    { name: 'image without a user runs as root', podSc: { runAsNonRoot: true }, message: `container has runAsNonRoot and image will run as root ${where}` },
    { name: 'image user 0', sc: { runAsNonRoot: true }, imageUser: '0', message: `container has runAsNonRoot and image will run as root ${where}` },
    { name: 'image user 0 with a group', sc: { runAsNonRoot: true }, imageUser: '0:1000', message: `container has runAsNonRoot and image will run as root ${where}` },
    { name: 'image user named', podSc: { runAsNonRoot: true }, imageUser: 'nginx',
      message: `container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root ${where}` },
    { name: 'runAsUser 0', podSc: { runAsNonRoot: true, runAsUser: 0 }, imageUser: '1000',
      message: `container's runAsUser breaks non-root policy ${where}` },
    { name: 'container runAsUser 0 over a pod user', podSc: { runAsUser: 1000 }, sc: { runAsNonRoot: true, runAsUser: 0 },
      message: `container's runAsUser breaks non-root policy ${where}` },
  ];
  for (const f of failures) {
    it(`refuses: ${f.name}`, () => {
      assert.throws(() => containerSecurity(pod(f.podSc), ctr(f.sc), f.imageUser), (err: unknown) => {
        assert.ok(err instanceof CreateContainerConfigError);
        assert.equal(err.message, f.message);
        return true;
      });
    });
  }

  it('reads image users as the runtime reports them', () => {
    assert.deepEqual(imageUserOf(undefined), {});
    assert.deepEqual(imageUserOf(''), {});
    assert.deepEqual(imageUserOf('1000'), { uid: 1000 });
    assert.deepEqual(imageUserOf('1000:50'), { uid: 1000 });
    assert.deepEqual(imageUserOf('www-data:www-data'), { username: 'www-data' });
  });
});
