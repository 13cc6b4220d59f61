/**
 * The real kubectl against an in-process API server: a CRD is created, its custom resources are
 * served (apply, tables with printer columns, -o yaml, validation, patches, status and scale
 * subresources, explain, server-side apply, another served version, cluster scope), and deleting
 * the CRD deletes them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';

interface Run { code: number; stdout: string; stderr: string }

const GROUP = `stable${process.pid}.example.com`;
const CRD_NAME = `crontabs.${GROUP}`;

const CRD = JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: CRD_NAME },
  spec: {
    group: GROUP, scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions: [
      {
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: {
          spec: { type: 'object', description: 'What the cron job runs.', required: ['cronSpec'], properties: {
            cronSpec: { type: 'string', description: 'The schedule, in cron format.' },
            image: { type: 'string' },
            replicas: { type: 'integer', minimum: 1, default: 1 },
            extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          } },
          status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
        } } },
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
        additionalPrinterColumns: [
          { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
      { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    ],
  },
});

const CR = (name: string, spec: Record<string, unknown>): string =>
  JSON.stringify({ apiVersion: `${GROUP}/v1`, kind: 'CronTab', metadata: { name }, spec });

/** kubectl's table as rows of cells split on runs of two or more spaces. */
const rows = (out: string): string[][] => out.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

describe('custom resources through kubectl', { timeout: 180_000 }, () => {
  let fx: ApiFixture;
  const cacheDir = mkdtempSync(join(tmpdir(), `navarch-crd-kubectl-${process.pid}-`));

  const kubectl = (args: string[], input = ''): Promise<Run> => new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', fx.server.kubeconfigPath, '--cache-dir', cacheDir, ...args]);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
    child.stdin.end(input);
  });
  const ok = async (args: string[], input = ''): Promise<string> => {
    const r = await kubectl(args, input);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => { fx = await startApiFixture(); });
  after(async () => {
    await fx?.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('create the CRD: Established with its names accepted, no warning', async () => {
    const r = await kubectl(['create', '-f', '-'], CRD);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `customresourcedefinition.apiextensions.k8s.io/${CRD_NAME} created\n`);
    assert.equal(r.stderr, '');
    await ok(['wait', '--for=condition=established', `crd/${CRD_NAME}`, '--timeout=15s']);
    const crd = JSON.parse(await ok(['get', 'crd', CRD_NAME, '-o', 'json'])) as { status: { conditions: Array<Record<string, string>>; acceptedNames: Record<string, unknown> } };
    assert.deepEqual(crd.status.conditions.map((c) => [c.type, c.status, c.reason, c.message]), [
      ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
      ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
    ]);
    assert.equal(crd.status.acceptedNames.listKind, 'CronTabList');
    await eventually(async () => (await kubectl(['get', 'crontabs'])).code === 0, 10_000, 'crontabs served');
    const none = await kubectl(['get', `crontabs.${GROUP}`]);
    assert.equal(none.stderr, 'No resources found in default namespace.\n');
    const resources = rows(await ok(['api-resources', `--api-group=${GROUP}`]));
    assert.deepEqual(resources, [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], ['crontabs', 'ct', `${GROUP}/v1`, 'true', 'CronTab']]);
  });

  it('apply a CronTab: defaulted, unknown fields refused, printed with the printer columns', async () => {
    const typo = await kubectl(['apply', '-f', '-'], CR('nightly', { cronSpec: '0 3 * * *', imagee: 'x' }));
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.imagee"/);
    assert.equal(await ok(['apply', '-f', '-'], CR('nightly', { cronSpec: '0 3 * * *', image: 'backup:1', extra: { any: { thing: 1 } } })),
      `crontab.${GROUP}/nightly created\n`);
    const table = rows(await ok(['get', 'ct']));
    assert.deepEqual(table[0], ['NAME', 'SPEC', 'REPLICAS', 'AGE']);
    assert.deepEqual(table[1].slice(0, 3), ['nightly', '0 3 * * *', '1']);
    assert.match(table[1][3], /^\d+s$/);
    assert.deepEqual(rows(await ok(['get', 'ct', '-o', 'wide']))[0], ['NAME', 'SPEC', 'REPLICAS', 'IMAGE', 'AGE']);
    const yaml = await ok(['get', 'ct', 'nightly', '-o', 'yaml']);
    assert.match(yaml, new RegExp(`^apiVersion: ${GROUP.replace(/\./g, '\\.')}/v1\nkind: CronTab\n`));
    assert.match(yaml, /\nspec:\n {2}cronSpec: 0 3 \* \* \*\n {2}extra:\n {4}any:\n {6}thing: 1\n {2}image: backup:1\n {2}replicas: 1\n/);
    assert.doesNotMatch(yaml, /\nstatus:/);
  });

  it('validation by the schema, with Kubernetes\' messages', async () => {
    const wrongType = await kubectl(['apply', '-f', '-'], CR('bad', { cronSpec: '* * * * *', replicas: 'three' }));
    assert.equal(wrongType.stderr, 'The CronTab "bad" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n');
    const several = await kubectl(['apply', '-f', '-'], CR('bad', { replicas: 0 }));
    assert.equal(several.stderr, 'The CronTab "bad" is invalid: \n* spec.cronSpec: Required value\n* spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n');
  });

  it('patch: merge and json; strategic merge is refused', async () => {
    assert.equal(await ok(['patch', 'ct', 'nightly', '--type=merge', '-p', '{"spec":{"image":"backup:2"}}']), `crontab.${GROUP}/nightly patched\n`);
    await ok(['patch', 'ct', 'nightly', '--type=json', '-p', '[{"op":"replace","path":"/spec/cronSpec","value":"0 4 * * *"}]']);
    const smp = await kubectl(['patch', 'ct', 'nightly', '-p', '{"spec":{"image":"x"}}']);
    assert.equal(smp.code, 1);
    assert.match(smp.stderr, /the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/);
    assert.equal(await ok(['get', 'ct', 'nightly', '-o', 'jsonpath={.spec.image} {.spec.cronSpec} {.metadata.generation}']), 'backup:2 0 4 * * * 3');
  });

  it('status and scale subresources', async () => {
    await ok(['patch', 'ct', 'nightly', '--type=merge', '-p', '{"status":{"replicas":7}}']);
    assert.equal(await ok(['get', 'ct', 'nightly', '-o', 'jsonpath={.status}']), '', 'status is written only through /status');
    await ok(['patch', 'ct', 'nightly', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2,"selector":"app=nightly"}}']);
    assert.equal(await ok(['scale', 'ct', 'nightly', '--replicas=4']), `crontab.${GROUP}/nightly scaled\n`);
    assert.equal(await ok(['get', 'ct', 'nightly', '-o', 'jsonpath={.spec.replicas}/{.status.replicas}']), '4/2');
    const scale = JSON.parse(await ok(['get', '--raw', `/apis/${GROUP}/v1/namespaces/default/crontabs/nightly/scale`])) as { spec: unknown; status: { replicas: number; selector: string } };
    assert.deepEqual([scale.spec, scale.status.replicas, scale.status.selector], [{ replicas: 4 }, 2, 'app=nightly']);
  });

  it('explain reads the CRD\'s schema', async () => {
    const out = await ok(['explain', 'crontab.spec']);
    assert.match(out, /FIELD: spec <Object>\n/);
    assert.match(out, /What the cron job runs\./);
    assert.match(out, /cronSpec\t<string> -required-\n {4}The schedule, in cron format\./);
    assert.match(out, /replicas\t<integer>\n/);
  });

  it('server-side apply, label and field selectors, another served version, get all', async () => {
    assert.equal(await ok(['apply', '--server-side', '-f', '-'], CR('hourly', { cronSpec: '0 * * * *' })), `crontab.${GROUP}/hourly serverside-applied\n`);
    await ok(['label', 'ct', 'hourly', 'tier=batch']);
    assert.equal(await ok(['get', 'ct', '-l', 'tier=batch', '-o', 'name']), `crontab.${GROUP}/hourly\n`);
    assert.equal(await ok(['get', 'ct', '--field-selector', 'metadata.name=nightly', '-o', 'name']), `crontab.${GROUP}/nightly\n`);
    const old = JSON.parse(await ok(['get', `crontabs.v1beta1.${GROUP}`, 'hourly', '-o', 'json'])) as { apiVersion: string; spec: unknown };
    assert.deepEqual([old.apiVersion, old.spec], [`${GROUP}/v1beta1`, { cronSpec: '0 * * * *', replicas: 1 }]);
    await ok(['get', 'all']);
  });

  it('deleting the CRD deletes its custom resources, then the CRD', async () => {
    assert.equal(await ok(['delete', 'crd', CRD_NAME]), `customresourcedefinition.apiextensions.k8s.io "${CRD_NAME}" deleted\n`);
    await eventually(async () => (await kubectl(['get', 'crd', CRD_NAME])).code !== 0, 15_000, 'the CRD gone');
    assert.equal((await fx.server.backend.list(`/registry/${GROUP}/`, {})).items.length, 0);
    const gone = await kubectl(['get', '--raw', `/apis/${GROUP}/v1/namespaces/default/crontabs`]);
    assert.match(gone.stderr, /NotFound/);
  });
});
