import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesizeEnvironments } from '../apps/k8s';
import { ENVIRONMENTS } from '../environments';
import { DIST_DIR, KubeObject, loadDist, podSpecOf } from './support/manifests';
import { passwordLiteralLines } from './support/password-scan';
import { checkSecurityBaseline } from './support/policy';
import { validateObject } from './support/schema';

const dist = loadDist();
const everyObject: [string, KubeObject][] = Object.entries(dist).flatMap(([env, objects]) => objects.map((o): [string, KubeObject] => [`${env}: ${o.kind}/${o.metadata.name}`, o]));

describe('dist/', () => {
  test('holds exactly one manifest per environment', () => {
    expect(readdirSync(DIST_DIR).sort()).toEqual(ENVIRONMENTS.map((e) => `${e.name}.k8s.yaml`).sort());
  });

  test('is what a fresh synthesis writes (commit dist/ after every change)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      synthesizeEnvironments(outdir);
      const fresh = readdirSync(outdir).sort();
      expect(fresh).toEqual(readdirSync(DIST_DIR).sort());
      for (const file of fresh) {
        const committed = readFileSync(join(DIST_DIR, file), 'utf8');
        if (committed !== readFileSync(join(outdir, file), 'utf8')) {
          throw new Error(`dist/${file} is stale: run \`npx cdk8s synth\` and commit the result`);
        }
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('every object validates against the Kubernetes schemas', () => {
  test.each(everyObject)('%s', (_id, o) => {
    expect(validateObject(o)).toEqual([]);
  });
});

describe('the schema check can fail', () => {
  const sts = everyObject.map(([, o]) => o).find((o) => o.kind === 'StatefulSet')!;
  const broken = (mutate: (o: any) => void) => {
    const copy = JSON.parse(JSON.stringify(sts));
    mutate(copy);
    return validateObject(copy).join('\n');
  };
  test('wrong type', () => expect(broken((o) => { o.spec.replicas = 'one'; })).toMatch(/replicas must be integer/));
  test('missing required field', () => expect(broken((o) => { delete o.spec.selector; })).toMatch(/must have required property selector/));
  test('port out of range', () => expect(broken((o) => { o.spec.template.spec.containers[0].ports[0].containerPort = 65536; })).toMatch(/containerPort 65536 is not a port/));
  test('unknown field', () => expect(broken((o) => { o.spec.template.spec.containers[0].imagePullPolice = 'Always'; })).toMatch(/unknown field spec\.template\.spec\.containers\[0\]\.imagePullPolice/));
  test('unknown kind', () => expect(validateObject({ ...sts, apiVersion: 'example.com/v1', kind: 'Widget' }).join()).toMatch(/no schema known/));
});

describe('security baseline', () => {
  test.each(Object.entries(dist))('%s: every pod template passes', (_env, objects) => {
    expect(checkSecurityBaseline(objects)).toEqual([]);
  });

  test('environments carry pods to check', () => {
    expect(everyObject.filter(([, o]) => podSpecOf(o)).length).toBeGreaterThan(0);
  });

  test('a violation names the rule and the object', () => {
    const objects: KubeObject[] = JSON.parse(JSON.stringify(Object.values(dist)[0]));
    const sts = objects.find((o) => o.kind === 'StatefulSet')!;
    const c = sts.spec.template.spec.containers[0];
    c.securityContext.readOnlyRootFilesystem = false;
    c.securityContext.capabilities = { drop: [] };
    c.image = 'postgres:latest';
    delete c.resources.limits;
    sts.spec.template.spec.automountServiceAccountToken = true;
    sts.spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/' } });
    objects.find((o) => o.kind === 'ConfigMap')!.data['pg_hba.conf'] += 'host all all 0.0.0.0/0 trust\n';
    const where = `StatefulSet/${sts.metadata.namespace}/${sts.metadata.name}`;
    const rules = checkSecurityBaseline(objects).map((v) => `${v.rule} @ ${v.object}`);
    for (const rule of ['readOnlyRootFilesystem', 'capabilities.drop', 'pinned image', 'resources.limits.memory', 'automountServiceAccountToken', 'volume types']) {
      expect(rules).toContain(`${rule} @ ${where}`);
    }
    expect(rules.some((r) => r.startsWith('pg_hba trust @ ConfigMap/'))).toBe(true);
  });

  test('a server without a NetworkPolicy fails', () => {
    const objects = (Object.values(dist)[0]).filter((o) => o.kind !== 'NetworkPolicy');
    expect(checkSecurityBaseline(objects).map((v) => v.rule)).toContain('NetworkPolicy');
  });

  test('a server whose NetworkPolicies leave egress open fails', () => {
    const objects: KubeObject[] = JSON.parse(JSON.stringify(Object.values(dist)[0]));
    for (const o of objects.filter((x) => x.kind === 'NetworkPolicy')) o.spec.policyTypes = o.spec.policyTypes.filter((t: string) => t !== 'Egress');
    expect(checkSecurityBaseline(objects).map((v) => v.rule)).toContain('NetworkPolicy egress');
  });
});

describe('no password in dist/ or snapshots', () => {
  const files = [
    ...readdirSync(DIST_DIR).map((f) => join(DIST_DIR, f)),
    ...readdirSync(join(__dirname, '__snapshots__')).map((f) => join(__dirname, '__snapshots__', f)),
  ];

  test('no Secret objects are emitted', () => {
    expect(everyObject.filter(([, o]) => o.kind === 'Secret').map(([id]) => id)).toEqual([]);
  });

  test('every password-like environment variable is a Secret reference', () => {
    const literal = everyObject.flatMap(([id, o]) => {
      const pod = podSpecOf(o);
      const containers = pod ? [...(pod.initContainers ?? []), ...pod.containers] : [];
      return containers.flatMap((c: any) => (c.env ?? []).filter((e: any) => /PASS|SECRET|TOKEN/i.test(e.name) && e.value !== undefined).map((e: any) => `${id} ${e.name}`));
    });
    expect(literal).toEqual([]);
  });

  test.each(files)('%s holds no password literal', (file) => {
    expect(passwordLiteralLines(readFileSync(file, 'utf8'))).toEqual([]);
  });

  test('the password scan finds literals and passes references', () => {
    const literals = ['  password: hunter22', "ALTER ROLE x PASSWORD 'hunter22';", 'PGPASSWORD=hunter22 psql', 'kind: Secret', 'postgresql://app:hunter22@db:5432/app'];
    const references = ["ALTER ROLE x PASSWORD :'password_1';", '  key: postgres-password', '- name: POSTGRES_PASSWORD'];
    expect(passwordLiteralLines([...literals, ...references].join('\n'))).toEqual(literals);
  });
});
