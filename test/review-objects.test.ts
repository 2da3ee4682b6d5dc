import { EnvironmentChart, EnvironmentDescription, DatabaseServerDescription } from '../lib';
import { ENVIRONMENTS } from '../environments';
import config from '../environments/aws-efs.config.json';
import { awsEfs } from '../environments/aws-efs';
import { Finding, reviewMatchers, reviewObjects } from '../lib/review';
import { KubeObject, synth, testApp } from './support/manifests';

// Real edits of the environments: each description is changed the way a pull request would change
// it, both versions are synthesized, and the two object lists are reviewed.

const render = (d: EnvironmentDescription): KubeObject[] => synth(new EnvironmentChart(testApp(), d.name, d));
const environment = (name: string) => ENVIRONMENTS.find((e) => e.name === name)!;
/** The environment with server `id` changed by `edit`. */
const editServer = (d: EnvironmentDescription, id: string, edit: (s: DatabaseServerDescription) => Partial<DatabaseServerDescription>): EnvironmentDescription =>
  ({ ...d, servers: d.servers.map((s) => (s.id === id ? { ...s, ...edit(s) } as DatabaseServerDescription : s)) });

const cache = new Map<string, KubeObject[]>();
const base = (name: string) => cache.get(name) ?? cache.set(name, render(environment(name))).get(name)!;
/** Review of `name` as committed against `name` with server `id` edited. */
const review = (name: string, id: string, edit: (s: DatabaseServerDescription) => Partial<DatabaseServerDescription>): Finding[] =>
  reviewObjects(base(name), render(editServer(environment(name), id, edit)), { environment: name });
/** A content-named Job's target without its hash: `Job/<ns>/<name>-<8 hex digits>` as `Job/<ns>/<name>`. */
const named = (target: string) => target.replace(/^(Job\/.*)-[0-9a-f]{8}$/, '$1');
const risks = (findings: Finding[]) => findings.map((f) => `${f.risk} ${named(f.target)} ${f.path}`);

const APPLY = 'kubectl apply -f <the manifests> (or npx cdktf deploy <stack>)';

describe('no-op', () => {
  test.each(ENVIRONMENTS.map((e) => e.name))('%s synthesized twice reviews as nothing', (name) => {
    expect(reviewObjects(base(name), render(environment(name)), { environment: name })).toEqual([]);
  });
});

describe('refused', () => {
  test('minikube-dev: the microservices storage 5Gi -> 10Gi is refused, with the grow steps', () => {
    expect(review('minikube-dev', 'microservices', (s) => ({ storage: { ...s.storage, size: '10Gi' } }))).toEqual([{
      environment: 'minikube-dev',
      target: 'StatefulSet/microservices/postgresql',
      path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
      risk: 'refused',
      applies: 'refused',
      data: 'kept',
      access: 'same',
      message: "the API server refuses to change a StatefulSet's volumeClaimTemplates: storage 5Gi -> 10Gi cannot be applied as written",
      steps: [
        "npm run --silent grow -- minikube-dev postgresql 10Gi   (in cdk8s-postgres's repository: prints and checks these steps)",
      "kubectl get storageclass \"$(kubectl get pvc data-postgresql-0 -n microservices -o jsonpath='{.spec.storageClassName}')\" -o jsonpath='{.allowVolumeExpansion}'   (must print true; otherwise stop: the claim cannot grow)",
        'kubectl patch pvc data-postgresql-0 -n microservices -p \'{"spec":{"resources":{"requests":{"storage":"10Gi"}}}}\'',
        'kubectl delete statefulset postgresql -n microservices --cascade=orphan   (the pods and their data keep running)',
        `${APPLY}   (creates the StatefulSet again with the new size)`,
      ],
    }]);
  });

  test('aks-phonebill-dev: an edited schema file is refused by the ledger; the Job of the new content is a new Job', () => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({
      databases: s.databases!.map((db) => ({ ...db, schemaFiles: db.schemaFiles?.map((f) => ({ ...f, sql: `${f.sql}\nALTER TABLE product_change.product_change_history ADD COLUMN note text;\n` })) })),
    }));
    expect(risks(findings)).toEqual([
      'refused ConfigMap/phonebill-dev/postgresql-product-change-schema data["001-1-product-change.sql"]',
      'safe Job/phonebill-dev/postgresql-product-change-schema-init metadata.name',
    ]);
    expect(findings[0].message).toBe('schema file product-change.sql changed after it was applied: the schema Job stops with "Schema file product-change.sql changed after it was applied to product_change_db (applied sha256 …, now …): add a new schema file instead of editing an applied one"');
    expect(findings[0].steps).toEqual(['restore product-change.sql as it was applied', 'put the change in a new schema file, listed after it (applied once, in order)']);
    expect(findings[1].message).toMatch(/^the Job's content changes, so it is a new Job: postgresql-product-change-schema-init-[0-9a-f]{8} runs the new content when applied, and postgresql-product-change-schema-init-[0-9a-f]{8} stays until its TTL \(3600 s after it finished\) deletes it$/);
    expect(findings[1].steps).toEqual([APPLY, 'kubectl logs -l cdk8s-postgres.io/job=postgresql-product-change-schema-init -n phonebill-dev --tail=-1   (the Job\'s output)']);
  });

  test('aws-efs: another file system id is refused on the PersistentVolume', () => {
    const findings = reviewObjects(render(awsEfs()), render(awsEfs({ ...config, fileSystemId: 'fs-0123456789abcdef0' })), { environment: 'aws-efs' });
    expect(findings.filter((f) => f.risk === 'refused').map((f) => `${f.target} ${f.path}: ${f.message}`)).toEqual([
      `PersistentVolume/postgres-pv spec.csi.volumeHandle: the source of a PersistentVolume cannot change after creation: spec.csi.volumeHandle: ${config.fileSystemId}::${config.accessPointId} -> fs-0123456789abcdef0::${config.accessPointId}`,
    ]);
  });

  test('hand-made: a Service clusterIP, an immutable ConfigMap, a claim that shrinks, StorageClass parameters', () => {
    const sc = (type: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'disk.csi.azure.com', parameters: { skuName: type } });
    expect(reviewObjects([sc('StandardSSD_LRS')], [sc('Premium_LRS')]).map((f) => `${f.risk} ${f.target} ${f.message}`)).toEqual([
      "refused StorageClass/fast a StorageClass's parameters cannot change after creation: parameters.skuName: StandardSSD_LRS -> Premium_LRS",
    ]);
    const svc = (ip: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'n' }, spec: { clusterIP: ip } });
    expect(reviewObjects([svc('None')], [svc('')]).map((f) => `${f.risk} ${f.message}`)).toEqual(["refused a Service's clusterIP cannot change: spec.clusterIP: None -> "]);
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, immutable: true, data: { k: v } });
    expect(reviewObjects([cm('a')], [cm('b')]).map((f) => `${f.risk} ${f.message}`)).toEqual(['refused ConfigMap c is immutable: its data cannot change (data.k: a -> b)']);
    const pvc = (size: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p', namespace: 'n' }, spec: { resources: { requests: { storage: size } } } });
    expect(reviewObjects([pvc('10Gi')], [pvc('5Gi')]).map((f) => `${f.risk} ${f.message}`)).toEqual(['refused a claim cannot shrink: storage 10Gi -> 5Gi is refused by the API server']);
  });
});

describe('data-loss', () => {
  test('minikube-dev: a renamed server abandons the old data and starts empty', () => {
    const findings = review('minikube-dev', 'microservices', () => ({ name: 'orders' }));
    expect(findings.filter((f) => f.risk === 'data-loss').map((f) => `${f.target}: ${f.message}`)).toEqual([
      'PersistentVolumeClaim/microservices/postgresql-backup: PersistentVolumeClaim postgresql-backup is removed (renamed to orders-backup? the new one starts empty): deleting the claim releases its volume, which a Delete reclaim policy erases',
      'StatefulSet/microservices/postgresql: StatefulSet postgresql is removed (renamed to orders? the new one starts empty): no server runs on its claims any more (they are kept, retention Retain, but nothing uses them); a server under another name starts empty',
    ]);
    expect(findings.find((f) => f.target === 'StatefulSet/microservices/orders')).toMatchObject({ risk: 'safe', message: 'StatefulSet orders is added: a new server starts with empty storage' });
  });

  test('minikube-dev: majorVersion 17 -> 18 without a declared upgrade', () => {
    const findings = review('minikube-dev', 'microservices', () => ({ majorVersion: 18 }));
    expect(risks(findings)).toEqual([
      'data-loss StatefulSet/microservices/postgresql spec.template.spec.containers[0].image',
      'downtime StatefulSet/microservices/postgresql spec.template.spec',
      'safe CronJob/microservices/postgresql-backup spec.jobTemplate.spec.template.spec.containers[0].image',
      'safe Job/microservices/postgresql-schema-init metadata.name',
    ]);
    expect(findings[0].message).toBe("PostgreSQL 17 -> 18 in place: the new server cannot use the old major's data directory (the pod refuses to start, or an empty cluster is initialized beside the old data)");
    expect(findings[0].steps).toEqual([
      'keep majorVersion 17 on this server',
      'follow docs/upgrading.md: declare the upgrade (upgrade: { fromMajorVersion: 17 }), which copies the data into a new server of the new major and keeps the old one',
    ]);
  });

  test('aks-phonebill-dev: backup retention 7 -> 3 days deletes older backups', () => {
    expect(review('aks-phonebill-dev', 'product-change', (s) => ({ backup: { ...s.backup!, retention: { days: 3 } } }))).toEqual([{
      environment: 'aks-phonebill-dev',
      target: 'CronJob/phonebill-dev/postgresql-product-change-backup',
      path: 'spec.jobTemplate.spec.template.spec.initContainers[0].env[13].value',
      risk: 'data-loss',
      applies: 'in place',
      data: 'lost',
      access: 'same',
      message: "backup retention 7 -> 3 days: the next run (schedule '0 2 * * *') deletes the older backups",
      steps: ["copy the backups you need to keep off the backup claim before the next run (kubectl cp from a pod that mounts it, or the restore command's listing)"],
    }]);
  });

  test('prod-operator: logical backup retention 7 -> 3 days', () => {
    const findings = review('prod-operator', 'microservices', (s) => ({ backend: { ...s.backend, logicalBackup: { schedule: '0 2 * * *', retentionDays: 3 } } as DatabaseServerDescription['backend'] }));
    expect(risks(findings)).toEqual(['data-loss postgresql/microservices/postgres-cluster spec.logicalBackupRetention']);
    expect(findings[0].message).toBe('logical backup retention 7 days -> 3 days: the next backup run deletes the older backups');
  });

  test('hand-made: a major change of an existing StatefulSet, reclaim and retention policies set to Delete', () => {
    const sts = (image: string, whenDeleted = 'Retain') => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'n' },
      spec: { replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled: 'Retain' }, template: { spec: { containers: [{ name: 'postgres', image }] } } } });
    const major = reviewObjects([sts('postgres:17.6-bookworm')], [sts('postgres:18.1-trixie')]);
    expect(major.map((f) => `${f.risk} ${f.path}: ${f.message}`)).toEqual([
      'data-loss spec.template.spec.containers[0].image: PostgreSQL 17 -> 18 in place: the new server cannot use the old major\'s data directory (the pod refuses to start, or an empty cluster is initialized beside the old data)',
      'downtime spec.template.spec.containers[0].image: the pod template changes (spec.template.spec.containers[0].image: postgres:17.6-bookworm -> postgres:18.1-trixie): the single pod restarts and the database is unavailable until it is ready again',
    ]);
    expect(major[0].steps[1]).toMatch(/^follow docs\/upgrading\.md: declare the upgrade \(upgrade: \{ fromMajorVersion: 17 \}\)/);
    expect(reviewObjects([sts('postgres:17.6')], [sts('postgres:17.6', 'Delete')]).map((f) => `${f.risk} ${f.path}`)).toEqual(['data-loss spec.persistentVolumeClaimRetentionPolicy.whenDeleted']);
    const pv = (policy: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { persistentVolumeReclaimPolicy: policy } });
    expect(reviewObjects([pv('Retain')], [pv('Delete')]).map((f) => `${f.risk} ${f.target}: ${f.message}`)).toEqual(['data-loss PersistentVolume/pv: reclaim policy Retain -> Delete: the stored data is erased when the claim of PersistentVolume pv is deleted']);
  });
});

describe('downtime', () => {
  test('aks-phonebill-dev: max_connections 100 -> 200 restarts the server (pg_settings.context postmaster)', () => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({ parameters: { ...s.parameters, max_connections: 200 } }));
    expect(findings.map((f) => [f.risk, f.target, f.path, f.message])).toEqual([
      ['downtime', 'ConfigMap/phonebill-dev/postgresql-product-change-config', 'data["postgresql.conf"].max_connections',
        'max_connections 100 -> 200: PostgreSQL reads it only at server start (pg_settings.context postmaster); the server restarts to apply it'],
      ['downtime', 'StatefulSet/phonebill-dev/postgresql-product-change', 'spec.template.metadata.annotations["cdk8s-postgres.io/config-checksum"]',
        'the pod template changes (a setting PostgreSQL reads only at start changed, so the config checksum annotation did): the single pod restarts and the database is unavailable until it is ready again'],
    ]);
  });

  test('prod-operator: PostgreSQL 17 -> 18 is an in-place, irreversible upgrade by the operator', () => {
    const findings = review('prod-operator', 'microservices', () => ({ majorVersion: 18 }));
    const upgrade = findings.find((f) => f.path === 'spec.postgresql.version')!;
    expect(upgrade).toEqual({
      environment: 'prod-operator',
      target: 'postgresql/microservices/postgres-cluster',
      path: 'spec.postgresql.version',
      risk: 'downtime',
      applies: 'on restart',
      data: 'kept',
      access: 'same',
      message: 'PostgreSQL 17 -> 18: the operator upgrades the cluster in place (pods rolled, then pg_upgrade in the primary); the database is unavailable during the upgrade, and once pg_upgrade has run there is no way back but a restore',
      steps: [
        'take a logical backup first, and try the new major on a clone of the cluster',
        "check the operator's major_version_upgrade_mode (manual, the default since 1.13, or full; off upgrades nothing)",
        APPLY,
        "kubectl get postgresql postgres-cluster -n microservices -o jsonpath='{.metadata.annotations}'   (last-major-upgrade-success or -failure)",
      ],
    });
    // The schema Job's image follows the major: a new Job, which applying creates.
    expect(risks(findings)).toContain('safe Job/microservices/postgres-cluster-schema-init metadata.name');
  });

  test('prod-operator: max_connections restarts each pod through Patroni; work_mem is reloaded', () => {
    const findings = review('prod-operator', 'microservices', (s) => ({ parameters: { ...s.parameters, max_connections: 200, work_mem: '8MB' } }));
    expect(findings.map((f) => [f.risk, f.path, f.message])).toEqual([
      ['downtime', 'spec.postgresql.parameters.max_connections', 'max_connections 100 -> 200: PostgreSQL reads it only at server start (pg_settings.context postmaster); Patroni restarts each pod to apply it (replicas first, then the primary after a switchover)'],
      ['safe', 'spec.postgresql.parameters.work_mem', 'work_mem 7864kB -> 8MB: PostgreSQL applies it on a reload (pg_settings.context user); the server keeps running'],
    ]);
  });

  test('prod-operator: more memory rolls the pods', () => {
    const findings = review('prod-operator', 'microservices', (s) => ({ resources: { ...s.resources!, memoryRequest: '3Gi' } }));
    expect(risks(findings)).toEqual(['downtime postgresql/microservices/postgres-cluster spec.resources.requests.memory']);
    expect(findings[0].message).toBe('the operator rolls the pods (spec.resources.requests.memory: 2Gi -> 3Gi): each pod restarts, the primary last after a switchover; clients of the primary are cut off for a moment');
  });
});

describe('security', () => {
  test('aws-efs: a wider clientCidrs lets more of the network log in', () => {
    const findings = reviewObjects(render(awsEfs()), render(awsEfs({ ...config, clientCidrs: [...config.clientCidrs, '192.168.0.0/16'] })), { environment: 'aws-efs' });
    const hba = findings.find((f) => f.path === 'data["pg_hba.conf"]')!;
    expect(hba.risk).toBe('security');
    expect(hba.message).toBe('pg_hba.conf admits "hostssl all all 192.168.0.0/16 scram-sha-256": more clients may log in (applied on a reload)');
    expect(hba.steps[1]).toBe('kubectl exec postgres-0 -n default -c postgres -- sh -c \'pg_ctl reload --pgdata="$PGDATA"\'   (after the kubelet has updated the mounted file, within about a minute; for each pod; or SELECT pg_reload_conf() as a superuser)');
    expect(findings.some((f) => f.risk === 'downtime' || f.risk === 'refused' || f.risk === 'data-loss')).toBe(false);
  });

  test('aks-phonebill-dev: a new schema file that grants more', () => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({
      databases: s.databases!.map((db) => ({ ...db, schemaFiles: [...db.schemaFiles ?? [], { name: 'reporting.sql', sql: 'GRANT SELECT ON ALL TABLES IN SCHEMA product_change TO PUBLIC;\n' }] })),
    }));
    expect(risks(findings)).toEqual([
      'security ConfigMap/phonebill-dev/postgresql-product-change-schema data',
      'safe Job/phonebill-dev/postgresql-product-change-schema-init metadata.name',
    ]);
    expect(findings[0].message).toBe('the schema Job grants more: GRANT SELECT ON ALL TABLES IN SCHEMA product_change TO PUBLIC');
  });

  test('hand-made: loosened container security, a lower Pod Security level, a wider NetworkPolicy, another Secret', () => {
    const job = (sc: object, secret = 's') => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'b', namespace: 'n' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', securityContext: sc, env: [{ name: 'P', valueFrom: { secretKeyRef: { name: secret, key: 'k' } } }] }] } } } } } });
    const strict = { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
    expect(reviewObjects([job(strict)], [job({ ...strict, allowPrivilegeEscalation: true })]).map((f) => `${f.risk} ${f.message}`))
      .toEqual(['security container security loosened: allowPrivilegeEscalation false -> true (a process may gain more privileges than its parent)']);
    expect(reviewObjects([job(strict)], [job(strict, 'other')]).map((f) => `${f.risk} ${f.message}`)).toEqual(['security the pods read another Secret: other']);
    const ns = (level: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'pod-security.kubernetes.io/enforce': level } } });
    expect(reviewObjects([ns('restricted')], [ns('baseline')]).map((f) => `${f.risk} ${f.message}`)).toEqual(['security Pod Security enforce level restricted -> baseline: pods with looser security settings are admitted']);
    const np = (from: object[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from, ports: [{ port: 5432 }] }] } });
    const clients = { podSelector: { matchLabels: { client: 'true' } } };
    expect(reviewObjects([np([clients])], [np([clients, { ipBlock: { cidr: '0.0.0.0/0' } }])]).map((f) => `${f.risk} ${f.message}`))
      .toEqual(['security NetworkPolicy db allows ingress {"ipBlock":{"cidr":"0.0.0.0/0"}} {"port":5432}']);
    expect(reviewObjects([np([clients, { ipBlock: { cidr: '0.0.0.0/0' } }])], [np([clients])]).map((f) => f.risk)).toEqual(['safe']);
    // a removed policy isolated its pods unless a default deny of the same direction stays
    const deny = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
    expect(reviewObjects([np([clients])], []).map((f) => `${f.risk} ${f.message}`)).toEqual(['security NetworkPolicy db is removed: the traffic it restricted is no longer restricted by it (kubectl apply without --prune leaves it in the cluster)']);
    expect(reviewObjects([np([clients]), deny], [deny]).map((f) => f.risk)).toEqual(['safe']);
  });
});

describe('security: weakenings, whatever they cost to apply', () => {
  const securityOf = (findings: Finding[]) => findings.filter((f) => f.risk === 'security').map((f) => `${named(f.target)} ${f.path}`);

  test('aks-phonebill-dev: TLS switched off (a disposable environment may) weakens the server, its certificate and every client', () => {
    const findings = review('aks-phonebill-dev', 'product-change', () => ({ tls: { enabled: false } }));
    expect(securityOf(findings)).toEqual([
      'Certificate/phonebill-dev/postgresql-product-change-tls ',
      'ConfigMap/phonebill-dev/postgresql-product-change-config data["pg_hba.conf"]',
      'ConfigMap/phonebill-dev/postgresql-product-change-config data["postgresql.conf"].ssl',
      'ConfigMap/phonebill-dev/postgresql-product-change-config data["postgresql.conf"].ssl_ciphers',
      'CronJob/phonebill-dev/postgresql-product-change-backup spec.jobTemplate.spec.template.spec.initContainers[0].env',
      'Job/phonebill-dev/postgresql-product-change-schema-init spec.template.spec.containers[0].env',
    ]);
    const ssl = findings.find((f) => f.path === 'data["postgresql.conf"].ssl')!;
    expect(ssl.message).toBe('ssl on -> (default): TLS is switched off: no client can connect encrypted, and passwords and data cross the network in the clear wherever pg_hba admits plain connections; applied on a reload');
    expect(findings.find((f) => f.target.startsWith('CronJob/'))!.message)
      .toBe("container backup: PGSSLMODE verify-full -> prefer (libpq's default): the client may send its password and data unencrypted");
  });

  test.each([
    ['log_connections off', { log_connections: false }, 'log_connections on -> off: logins are no longer logged: the audit trail loses who connected from where; applied on a reload'],
    ['log_disconnections off', { log_disconnections: 'off' }, "log_disconnections on -> 'off': session ends are no longer logged: the audit trail loses who connected from where; applied on a reload"],
    ['a log_line_prefix without user and client', { log_line_prefix: '%m [%p] ' }, "log_line_prefix '%m [%p] %q%u@%d %r ' -> '%m [%p] ': log lines no longer name the user, database, client: the audit trail cannot tell who did what; applied on a reload"],
    ["log_statement 'all', declared", { log_statement: 'all' }, "log_statement (default) -> 'all': the text of statements goes to the server log, an application's ALTER ROLE … PASSWORD '…' included; applied on a reload"],
  ])('aks-phonebill-dev: %s is security, not safe', (_name, parameters, message) => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({ parameters: { ...s.parameters, ...parameters }, logsStatements: true }));
    expect(findings.filter((f) => f.risk !== 'safe').map((f) => `${f.risk} ${f.message}`)).toEqual([`security ${message}`]);
  });

  test('reload-only changes that do not weaken stay safe, and tightening is not a weakening', () => {
    const fewerSuites = 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384';
    expect(review('aks-phonebill-dev', 'product-change', (s) => ({ parameters: { ...s.parameters, ssl_ciphers: fewerSuites, log_statement: 'none', work_mem: '8MB' } })).map((f) => `${f.risk} ${f.path}`))
      .toEqual(['safe data["postgresql.conf"].log_statement', 'safe data["postgresql.conf"].ssl_ciphers', 'safe data["postgresql.conf"].work_mem']);
  });

  test('hand-made: a Zalando login made superuser, a pg_hba line that admits more, a token mounted, dumps that keep verifiers', () => {
    const cluster = (users: object, pgHba: string[]) => ({ apiVersion: 'acid.zalan.do/v1', kind: 'postgresql', metadata: { name: 'acid', namespace: 'n' },
      spec: { users, patroni: { pg_hba: pgHba }, postgresql: { version: '17' } } });
    const hba = ['local all postgres peer', 'hostnossl all all all reject', 'hostssl all all all scram-sha-256'];
    expect(reviewObjects([cluster({ app: [] }, hba)], [cluster({ app: ['superuser'], ops: ['createrole', 'nologin'] }, hba)]).map((f) => `${f.risk} ${f.path} ${f.message}`)).toEqual([
      'security spec.users.app login app gains superuser: the operator sets this attribute on the role, which bypasses every privilege check',
      'security spec.users.ops login ops is added with createrole: the operator sets this attribute on the role, which widens what it may do across the cluster',
    ]);
    const withParameters = (parameters: object) => ({ ...cluster({}, hba), spec: { ...cluster({}, hba).spec, postgresql: { version: '17', parameters } } });
    expect(reviewObjects([withParameters({ password_encryption: 'scram-sha-256' })], [withParameters({ password_encryption: 'md5' })]).map((f) => `${f.risk} ${f.message}`)).toEqual([
      'security password_encryption scram-sha-256 -> md5: new and changed passwords are stored as MD5 verifiers, which are weaker and let whoever reads one log in as that user; applied on a reload',
    ]);
    expect(reviewObjects([cluster({}, hba)], [cluster({}, [hba[0], 'host all all all md5'])]).map((f) => `${f.risk} ${f.message}`)).toEqual([
      'security pg_hba admits "host all all all md5", no longer refuses "hostnossl all all all reject": more clients may log in (Patroni reloads it on every pod)',
    ]);
    const backup = (env: object[], automount?: boolean) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'b', namespace: 'n' },
      spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { spec: { automountServiceAccountToken: automount, containers: [{ name: 'backup', env }] } } } } } });
    const env = [{ name: 'PGSSLMODE', value: 'verify-full' }, { name: 'KEEP_ROLE_VERIFIERS', value: 'false' }];
    expect(reviewObjects([backup(env, false)], [backup([env[0], { name: 'KEEP_ROLE_VERIFIERS', value: 'true' }], false)]).map((f) => `${f.risk} ${f.message}`)).toEqual([
      "security container backup: the dumps keep every role's password verifier (rolePasswords): whoever reads a dump or an upload can try the passwords offline, or log in where MD5 verifiers are accepted",
    ]);
    expect(reviewObjects([backup(env, false)], [backup(env)]).map((f) => `${f.risk} ${f.message}`)).toEqual([
      'security automountServiceAccountToken false -> (none): the pods get a token for the Kubernetes API, with whatever its ServiceAccount may do',
    ]);
    expect(reviewObjects([backup(env)], [backup([{ name: 'PGSSLMODE', value: 'require' }, env[1]])]).map((f) => `${f.risk} ${f.message}`)).toEqual([
      'security container backup: PGSSLMODE verify-full -> require: the client no longer checks that it talks to the server it means',
    ]);
  });
});

describe('security: what runs, what is watched, what schema files hand on', () => {
  test('hand-made: an image from another registry, a ServiceMonitor and a Service that select otherwise', () => {
    const job = (image: string) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'b', namespace: 'n' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'backup', image }] } } } } } });
    expect(reviewObjects([job('postgres:17.10')], [job('registry.example.com/postgres:17.10')]).map((f) => `${f.risk} ${f.path} ${f.message}`))
      .toEqual(['security spec.jobTemplate.spec.template.spec.containers[0].image container backup: the image comes from registry.example.com/postgres instead of docker.io/postgres']);
    // another tag of the same repository is no new origin
    expect(reviewObjects([job('postgres:17.10')], [job('docker.io/postgres:17.11')]).map((f) => f.risk)).toEqual(['safe']);
    const monitor = (labels: object) => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'db', namespace: 'n' },
      spec: { selector: { matchLabels: labels }, endpoints: [{ port: 'metrics' }] } });
    expect(reviewObjects([monitor({ 'app.kubernetes.io/instance': 'db' })], [monitor({ 'app.kubernetes.io/instance': 'other' })]).map((f) => `${f.risk} ${f.path}`))
      .toEqual(['security spec.selector.matchLabels["app.kubernetes.io/instance"]']);
    const svc = (selector: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'n' }, spec: { selector, ports: [{ port: 5432 }] } });
    expect(reviewObjects([svc({ app: 'db' })], [svc({ app: 'other' })]).map((f) => `${f.risk} ${f.path}`)).toEqual(['security spec.selector']);
  });

  test.each([
    ['ALTER ROLE product_change_app CREATEROLE;', 'ALTER ROLE product_change_app CREATEROLE'],
    ['GRANT product_change_admin TO product_change_readonly;', 'GRANT product_change_admin TO product_change_readonly'],
    ['ALTER TABLE product_change.product_change_history OWNER TO product_change_app;', 'ALTER TABLE product_change.product_change_history OWNER TO product_change_app'],
    ['CREATE FUNCTION product_change.f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;', 'CREATE FUNCTION product_change.f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$'],
  ])('aks-phonebill-dev: a new schema file with %s', (sql, statement) => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({
      databases: s.databases!.map((db) => ({ ...db, schemaFiles: [...db.schemaFiles ?? [], { name: 'more.sql', sql: `CREATE TABLE product_change.notes (id int);\n${sql}\n` }] })),
    }));
    expect(findings.filter((f) => f.risk === 'security').map((f) => f.message)).toContain(
      `a schema file changes roles, memberships, ownership or who runs code as whom: ${statement}`);
  });

  test('a new schema file of tables and indexes only hands nothing on', () => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({
      databases: s.databases!.map((db) => ({ ...db, schemaFiles: [...db.schemaFiles ?? [], { name: 'notes.sql', sql: 'CREATE TABLE product_change.notes (id int);\nCREATE INDEX ON product_change.notes (id);\n' }] })),
    }));
    expect(findings.filter((f) => f.risk !== 'safe')).toEqual([]);
  });
});

describe('refused: what a running server does not do', () => {
  test('solid-cloud: another database for the image to create is refused: the server keeps titanium, and the Jobs connect to one it lacks', () => {
    const findings = review('solid-cloud', 'titanium', (s) => ({ backend: { ...s.backend, database: 'titanium_v2' } as DatabaseServerDescription['backend'] }));
    const refused = findings.filter((f) => f.risk === 'refused');
    expect(refused.map((f) => `${f.target} ${f.path}`)).toEqual(['StatefulSet/titanium-prod/postgresql spec.template.spec.containers']);
    expect(refused[0].message).toMatch(/^the database the image creates titanium -> titanium_v2: the image creates it only in an empty data directory, so this server keeps titanium and has no titanium_v2; (CronJob|Job) .+ connect to titanium_v2 and fail$/);
  });
});

describe('a renamed Service and the certificate that names it', () => {
  const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'n' }, spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } });
  const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'n' },
    spec: { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:17.10' }], volumes: [{ name: 'tls', secret: { secretName: 'db-tls' } }] } } } };
  const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'db', namespace: 'n' }, spec: { secretName: 'db-tls', dnsNames: ['db-v2'] } };

  test('with a certificate made by hand, the clients that verify the name are cut off: downtime, with the step that prevents it', () => {
    const findings = reviewObjects([svc('db'), sts], [svc('db-v2'), sts]);
    const added = findings.find((f) => f.target === 'Service/n/db-v2')!;
    expect(added.risk).toBe('downtime');
    expect(added.message).toBe("Service db-v2 replaces db: the server's certificate in Secret db-tls is made by hand (no Certificate of these manifests renews it), so it names db, not db-v2; clients that verify the name (sslmode verify-full, the library's Jobs among them) refuse it");
    expect(added.steps[0]).toBe('make a certificate whose names include db-v2 (and db-v2.n.svc), signed by the CA the clients trust, and put it in Secret db-tls -n n before applying');
  });

  test('with a cert-manager Certificate writing the Secret, the rename is safe (cert-manager issues the new names)', () => {
    expect(reviewObjects([svc('db'), sts, certificate], [svc('db-v2'), sts, certificate]).filter((f) => f.risk !== 'safe')).toEqual([]);
  });
});

describe('routine changes apply as they are', () => {
  test('aks-phonebill-dev: a new database and a new login: nothing refused, the schema work runs again as a new Job, whose steps name the new Secret key', () => {
    const findings = review('aks-phonebill-dev', 'product-change', (s) => ({
      databases: [...s.databases!, { name: 'reports', owner: 'product_change_admin' }],
      users: [...s.users!, { name: 'reports_reader', kind: 'readonly', databases: ['reports'], password: { name: 'postgresql-product-change-logins', key: 'reports-password' } }],
    }));
    expect(findings.filter((f) => f.risk === 'refused' || f.risk === 'data-loss')).toEqual([]);
    const job = findings.find((f) => f.target.startsWith('Job/'))!;
    expect([job.risk, named(job.target), job.path]).toEqual(['safe', 'Job/phonebill-dev/postgresql-product-change-schema-init', 'metadata.name']);
    expect(job.steps).toEqual([
      "make sure Secret postgresql-product-change-logins -n phonebill-dev has key reports-password before applying (kubectl get secret postgresql-product-change-logins -n phonebill-dev -o jsonpath='{.data.reports-password}' prints it); the pod waits until it does",
      APPLY,
      "kubectl logs -l cdk8s-postgres.io/job=postgresql-product-change-schema-init -n phonebill-dev --tail=-1   (the Job's output)",
    ]);
  });
});

describe('safe', () => {
  test('aks-phonebill-dev: work_mem 4MB -> 8MB is applied by a reload; the pod does not restart', () => {
    expect(review('aks-phonebill-dev', 'product-change', (s) => ({ parameters: { ...s.parameters, work_mem: '8MB' } }))).toEqual([{
      environment: 'aks-phonebill-dev',
      target: 'ConfigMap/phonebill-dev/postgresql-product-change-config',
      path: 'data["postgresql.conf"].work_mem',
      risk: 'safe',
      applies: 'on reload',
      data: 'kept',
      access: 'same',
      message: "work_mem '4MB' -> '8MB': PostgreSQL applies it on a reload (pg_settings.context user); the server keeps running",
      steps: [
        APPLY,
        'kubectl exec postgresql-product-change-0 -n phonebill-dev -c postgres -- sh -c \'pg_ctl reload --pgdata="$PGDATA"\'   (after the kubelet has updated the mounted file, within about a minute; for each pod; or SELECT pg_reload_conf() as a superuser)',
      ],
    }]);
  });

  test('prod-operator: a larger volume is grown by the operator', () => {
    expect(review('prod-operator', 'microservices', () => ({ storage: { size: '100Gi' } })).map((f) => `${f.risk} ${f.path}: ${f.message}`)).toEqual([
      "safe spec.volume.size: volume.size 50Gi -> 100Gi: the operator grows each pod's claim in place (storage_resize_mode pvc, the default; the StorageClass must allow expansion)",
    ]);
  });

  test('minikube-dev: another backup schedule', () => {
    expect(review('minikube-dev', 'microservices', (s) => ({ backup: { ...s.backup!, schedule: '0 3 * * *' } })).map((f) => `${f.risk} ${f.target} ${f.path}: ${f.message}`)).toEqual([
      'safe CronJob/microservices/postgresql-backup spec.schedule: spec.schedule: 30 2 * * * -> 0 3 * * *: applied in place, nothing restarts or is refused',
    ]);
  });
});

describe('a declared major upgrade, step by step (minikube-dev microservices 17 -> 18)', () => {
  const declare = (upgrade: object) => render(editServer(environment('minikube-dev'), 'microservices', (s) => ({ majorVersion: 18, backend: { ...s.backend, upgrade } as DatabaseServerDescription['backend'] })));
  const declared = declare({ fromMajorVersion: 17 });
  const switched = declare({ fromMajorVersion: 17, serve: 'upgraded' });
  const retired = declare({ fromMajorVersion: 17, serve: 'upgraded', retirePrevious: true });
  const aboveSafe = (findings: Finding[]) => risks(findings.filter((f) => f.risk !== 'safe'));

  test('declaring it adds the new server and its Job; only the clients\' wider egress is above safe', () => {
    const findings = reviewObjects(base('minikube-dev'), declared);
    expect(aboveSafe(findings)).toEqual(['security NetworkPolicy/microservices/postgresql-clients spec']);
    expect(findings.find((f) => f.target === 'StatefulSet/microservices/postgresql-pg18')!.message).toBe('StatefulSet postgresql-pg18 is added: a new server starts with empty storage');
  });

  test('switching: the schema Job is created again for the upgraded server (its CA Secret too); the backups keep their claim, the finished upgrade Job is untouched', () => {
    expect(aboveSafe(reviewObjects(declared, switched))).toEqual([
      'security CronJob/microservices/postgresql-backup spec.jobTemplate.spec.template.spec',
    ]);
  });

  test('retiring the previous server keeps its claim: nothing above safe', () => {
    const findings = reviewObjects(switched, retired);
    expect(aboveSafe(findings)).toEqual([]);
    expect(findings.find((f) => f.target === 'StatefulSet/microservices/postgresql')).toMatchObject({
      risk: 'safe',
      message: 'StatefulSet postgresql is retired after the declared upgrade to postgresql-pg18: its claims stay (retention Retain) until deleted by hand',
      steps: ['once the upgraded server is verified and backed up: kubectl delete pvc data-postgresql-0 -n microservices'],
    });
  });
});

describe('the Jest matcher', () => {
  expect.extend(reviewMatchers);

  test('passes a reload-only change as safe and fails a restart, listing what is above', () => {
    const workMem = render(editServer(environment('aks-phonebill-dev'), 'product-change', (s) => ({ parameters: { ...s.parameters, work_mem: '8MB' } })));
    expect(workMem).toChangeAtMostAs(base('aks-phonebill-dev'), 'safe');
    const restart = render(editServer(environment('aks-phonebill-dev'), 'product-change', (s) => ({ parameters: { ...s.parameters, max_connections: 200 } })));
    expect(restart).not.toChangeAtMostAs(base('aks-phonebill-dev'), 'safe');
    expect(restart).toChangeAtMostAs(base('aks-phonebill-dev'), 'downtime');
    const result = reviewMatchers.toChangeAtMostAs(restart, base('aks-phonebill-dev'), 'security');
    expect(result.pass).toBe(false);
    expect(result.message().split('\n').slice(0, 3)).toEqual([
      "expected the change to stay within 'security', but:",
      '  downtime (the database unavailable)  ConfigMap/phonebill-dev/postgresql-product-change-config data["postgresql.conf"].max_connections: max_connections 100 -> 200: PostgreSQL reads it only at server start (pg_settings.context postmaster); the server restarts to apply it',
      '      - apply in a maintenance window: the database is unavailable while it restarts',
    ]);
    expect(() => reviewMatchers.toChangeAtMostAs(restart, base('aks-phonebill-dev'), 'harmless' as never))
      .toThrow('toChangeAtMostAs: allowed must be one of refused, data-loss, downtime, security, safe or { applies, data, access }, got "harmless"');
    expect(() => reviewMatchers.toChangeAtMostAs(restart, base('aks-phonebill-dev'), { data: 'gone' } as never))
      .toThrow('toChangeAtMostAs: data "gone" is not one of applies (in place, on reload, on restart, by recreating, refused), data (kept, at risk, lost), access (narrower, same, wider)');
  });

  test('a risk is not a position in one order: downtime does not allow wider access, and each axis can be asked for', () => {
    const logsOff = render(editServer(environment('aks-phonebill-dev'), 'product-change', (s) => ({ parameters: { ...s.parameters, log_connections: false } })));
    // A weakening applied on a reload: beyond 'downtime' and 'safe', within 'security'.
    expect(logsOff).not.toChangeAtMostAs(base('aks-phonebill-dev'), 'downtime');
    expect(logsOff).not.toChangeAtMostAs(base('aks-phonebill-dev'), 'safe');
    expect(logsOff).toChangeAtMostAs(base('aks-phonebill-dev'), 'security');
    expect(logsOff).toChangeAtMostAs(base('aks-phonebill-dev'), { data: 'kept' });
    expect(logsOff).not.toChangeAtMostAs(base('aks-phonebill-dev'), { data: 'kept', access: 'same' });
    const restart = render(editServer(environment('aks-phonebill-dev'), 'product-change', (s) => ({ parameters: { ...s.parameters, max_connections: 200 } })));
    expect(restart).toChangeAtMostAs(base('aks-phonebill-dev'), { data: 'kept', access: 'same' });
    expect(restart).not.toChangeAtMostAs(base('aks-phonebill-dev'), { applies: 'on reload' });
  });
});
