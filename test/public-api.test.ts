import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, sep } from 'path';
import * as ts from 'typescript';
import '../lib';
// filled as the library's modules load (each describes the props it takes)
import { NAMED_SHAPES } from '../lib/checks/props-shape';
import { REPO_ROOT } from './support/manifests';

// The main entry's promise to consumers. Adding or removing a name here is a deliberate change of
// the public API; anything else in lib/ stays internal.
const VALUES = [
  'BackupCronJob', 'BackupStorage', 'CloudNativePgCluster', 'ConnectionConfigMap', 'DEFAULT_MAJOR_VERSION', 'EfsVolume', 'EnvironmentChart',
  'ExternalEgressPolicy', 'MajorUpgradeJob', 'ManagerRoleSql', 'PostgresMajorUpgrade', 'PostgresMonitoring', 'PostgresStatefulSet', 'RequiredCertificates',
  'RequiredSecrets', 'RestoreJob', 'SchemaInitJob', 'SUPPORTED_MAJOR_VERSIONS', 'ValidationError',
  'VolumeSnapshotClass', 'Warnings', 'ZalandoCluster', 'cloudnativepg', 'toYaml', 'writeChart', 'writeCharts', 'zalando',
];
const TYPES = [
  'AlertThresholds', 'AwsRoleIdentity', 'AzureWorkloadIdentity', 'CloudNativePgBackupOptions', 'CloudNativePgObjectStore', 'CloudNativePgPoolerOptions', 'CloudNativePgRecovery', 'GkeWorkloadIdentity', 'BackupCronJobProps', 'BackupDescription', 'BackupRetention', 'BlobUploadOptions',
  'CertManagerIssuer', 'ClientTls', 'CloudNativePgBackend', 'CloudNativePgClusterProps', 'CloudNativePgNetworkOptions', 'ConnectionConfigMapProps', 'ContainerResources', 'DatabaseDefinition',
  'DatabaseServerDescription', 'DatabaseUser', 'EfsDynamicVolumeProps', 'EfsStaticVolumeProps',
  'EfsVolumeCommonProps', 'EnvironmentDescription', 'ExternalEgress', 'ExternalEgressPolicyProps', 'HistoryTracking',
  'IDataVolume', 'JobResources', 'Login', 'LoginOwnership', 'MajorUpgradeDeclaration', 'MajorUpgradeJobProps', 'MetricsExporter', 'MonitorableServer', 'MonitoredServer',
  'MonitoringDescription', 'NetworkDescription', 'NewBackupClaimOptions', 'ParameterValue',
  'PostgresMajorUpgradeProps', 'PostgresMonitoringProps', 'PostgresServerConnection', 'PostgresServerProps', 'PostgresStatefulSetProps',
  'PostgresTlsProps', 'ProbeTiming', 'QualifiedName', 'RequiredCertificate', 'RequiredSecret', 'RestoreJobProps', 'S3UploadOptions',
  'SchemaFile', 'SchemaInitJobProps', 'SecretKeyContent', 'SecretKeyReference', 'ServerBackend',
  'ServerMonitoringProps', 'ServerStorageProps', 'StatefulSetBackend', 'TablePrivilege', 'UserKind',
  'VolumeSnapshotClassProps', 'WatchedCertificate', 'ZalandoBackend', 'ZalandoClusterProps', 'ZalandoLogicalBackupOptions',
  'ZalandoNetworkOptions', 'ZalandoPoolerOptions',
];
// Each construct and the props type its constructor takes as the third argument (EfsVolume has
// factories instead; the consumer file checks them).
const CONSTRUCT_PROPS: Record<string, string> = {
  BackupCronJob: 'BackupCronJobProps',
  CloudNativePgCluster: 'CloudNativePgClusterProps',
  ConnectionConfigMap: 'ConnectionConfigMapProps',
  ExternalEgressPolicy: 'ExternalEgressPolicyProps',
  MajorUpgradeJob: 'MajorUpgradeJobProps',
  PostgresMajorUpgrade: 'PostgresMajorUpgradeProps',
  PostgresMonitoring: 'PostgresMonitoringProps',
  PostgresStatefulSet: 'PostgresStatefulSetProps',
  RestoreJob: 'RestoreJobProps',
  SchemaInitJob: 'SchemaInitJobProps',
  VolumeSnapshotClass: 'VolumeSnapshotClassProps',
  ZalandoCluster: 'ZalandoClusterProps',
};

const sorted = (names: readonly string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const ENTRY = join(REPO_ROOT, 'lib', 'index.ts');
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, esModuleInterop: true,
  skipLibCheck: true, resolveJsonModule: true, noEmit: true, types: ['node'],
};

// Each entry's promise, like the main entry's: its constructs, their props, the state backend.
const STATE = ['AzureStateProps', 'S3StateProps', 'StateBackend', 'requireTerraformVersion'];
const ENTRIES: Record<string, string[]> = {
  aws: ['EfsFileSystem', 'EfsFileSystemProps', 'POD_IDENTITY_PRINCIPAL', 'S3BackupStorage', 'S3BackupStorageProps', 'S3BackupUploadRole', 'S3BackupUploadRoleProps', ...STATE],
  azure: ['AksCluster', 'AksClusterProps', 'AksMonitoring', 'AksMonitoringProps', 'AksNetwork', 'AksNetworkProps', 'BackupUploadIdentity',
    'BackupUploadIdentityProps', 'BlobBackupStorage', 'BlobBackupStorageProps', 'NodeCapacity', 'NodeDemand', 'VmSize', 'chooseNodeSize', 'demandOf', ...STATE],
  kubernetes: ['ChartManifests', 'ChartManifestsProps', 'KubeObjectJson', ...STATE],
  review: ['Finding', 'Risk', 'RISKS', 'reviewObjects', 'ReviewObjectsOptions', 'reviewTerraform', 'TerraformStack', 'reviewMatchers', 'ReviewMatcherResult',
    'AccessEffect', 'AllowedEffects', 'Application', 'DataEffect', 'EFFECT_ORDER', 'EffectOrder', 'Effects'],
};
const fileOf = (entry: string) => (entry === 'review' ? join(REPO_ROOT, 'lib', 'review', 'index.ts') : join(REPO_ROOT, 'lib', 'terraform', `${entry}.ts`));
/** The one program of this file (building one costs seconds): the main entry, a consumer of it, the other entries. */
let shared: { program: ts.Program; checker: ts.TypeChecker } | undefined;

describe('the public API of the main entry', () => {
  const work = mkdtempSync(join(tmpdir(), 'public-api-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // One program for the entry and a consumer file that names every public type.
  const consumer = join(work, 'consumer.ts');
  const importPath = relative(work, join(REPO_ROOT, 'lib')).split(sep).join('/');
  writeFileSync(consumer, [
    `import type { ${TYPES.join(', ')} } from '${importPath}';`,
    `import { ${[...Object.keys(CONSTRUCT_PROPS), 'EfsVolume'].join(', ')} } from '${importPath}';`,
    `export type Named = [${TYPES.join(', ')}];`,
    ...Object.entries(CONSTRUCT_PROPS).map(([construct, props]) =>
      `export const ${construct}TakesProps: [${props}] extends [ConstructorParameters<typeof ${construct}>[2]] ? true : false = true;`),
    `export const EfsVolumeStatic: [EfsStaticVolumeProps] extends [Parameters<typeof EfsVolume.fromFileSystemId>[2]] ? true : false = true;`,
    `export const EfsVolumeDynamic: [EfsDynamicVolumeProps] extends [Parameters<typeof EfsVolume.dynamic>[2]] ? true : false = true;`,
    '',
  ].join('\n'));
  const program = ts.createProgram([ENTRY, consumer, ...Object.keys(ENTRIES).map(fileOf)], OPTIONS);
  const checker = program.getTypeChecker();
  shared = { program, checker };
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!);

  test('exports exactly the listed values at run time', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(sorted(Object.keys(require('../lib')))).toEqual(sorted(VALUES));
  });

  test('exports exactly the listed types', () => {
    const types = exports.filter((s) => !(resolve(s).flags & ts.SymbolFlags.Value)).map((s) => s.name);
    expect(sorted(types)).toEqual(sorted(TYPES));
  });

  test('exports no internal helper', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../lib') as Record<string, unknown>;
    for (const internal of ['fail', 'ownerOf', 'checkDnsLabel', 'quoteIdent', 'quoteLiteral', 'clientPodTemplate',
      'METRIC_CATALOG', 'POSTGRES_STATEFUL_SET_PROPS_SHAPE', 'postgresAlertRules', 'grafanaDashboard']) {
      expect({ internal, exported: internal in lib }).toEqual({ internal, exported: false });
    }
    expect(Object.keys(lib).filter((name) => name.endsWith('_SHAPE') || /^check[A-Z]/.test(name))).toEqual([]);
  });

  test('a consumer can name every public type and each construct takes its listed props', () => {
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(consumer))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  test('every lib type a public signature names is exported', () => {
    const libDir = join(REPO_ROOT, 'lib') + sep;
    const exported = new Set(exports.map(resolve));
    // The generated CRD bindings are public as the `zalando` and `cloudnativepg` namespaces.
    for (const namespace of ['zalando', 'cloudnativepg']) for (const s of checker.getExportsOfModule(resolve(exports.find((e) => e.name === namespace)!))) exported.add(resolve(s));
    const unexported = new Set<string>();
    const walk = (node: ts.Node): void => {
      const name = ts.isTypeReferenceNode(node) ? node.typeName
        : ts.isExpressionWithTypeArguments(node) ? node.expression
          : ts.isTypeQueryNode(node) ? node.exprName : undefined;
      const symbol = name && checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.left : name);
      if (symbol) {
        const target = resolve(symbol);
        const file = target.declarations?.[0]?.getSourceFile().fileName;
        const local = target.flags & (ts.SymbolFlags.TypeParameter | ts.SymbolFlags.ValueModule);
        if (file?.startsWith(libDir) && !local && !exported.has(target)) unexported.add(`${target.name} (${relative(REPO_ROOT, file)})`);
      }
      ts.forEachChild(node, walk);
    };
    for (const symbol of exported) {
      for (const declaration of symbol.declarations ?? []) {
        if (!declaration.getSourceFile().fileName.startsWith(libDir) || ts.isModuleDeclaration(declaration) || ts.isSourceFile(declaration)) continue;
        if (ts.isClassDeclaration(declaration)) {
          declaration.heritageClauses?.forEach(walk);
          for (const member of declaration.members) {
            const hidden = ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
            if (hidden || (member.name && ts.isPrivateIdentifier(member.name))) continue;
            if (ts.isPropertyDeclaration(member) || ts.isGetAccessor(member)) { if (member.type) walk(member.type); }
            if (ts.isConstructorDeclaration(member) || ts.isMethodDeclaration(member)) {
              member.parameters.forEach((p) => p.type && walk(p.type));
              if (ts.isMethodDeclaration(member) && member.type) walk(member.type);
            }
          }
        } else if (ts.isFunctionDeclaration(declaration)) {
          declaration.parameters.forEach((p) => p.type && walk(p.type));
          if (declaration.type) walk(declaration.type);
        } else if (ts.isVariableDeclaration(declaration)) {
          if (declaration.type) walk(declaration.type);
        } else {
          walk(declaration);
        }
      }
    }
    expect([...unexported]).toEqual([]);
  });
});

describe('the Terraform and review entry points', () => {
  const { program, checker } = shared!;
  test.each(Object.keys(ENTRIES))('%s entry exports exactly its list', (entry) => {
    const names = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(fileOf(entry))!)!).map((s) => s.name);
    expect(sorted(names)).toEqual(sorted(ENTRIES[entry]));
  });
});

describe('every description lists exactly the keys of its TypeScript interface', () => {
  // the program of the main entry above (its construct props are described for JavaScript callers, see input-javascript-types.test.ts)
  const { program, checker } = shared!;
  const libFiles = program.getSourceFiles().filter((f) => f.fileName.startsWith(join(REPO_ROOT, 'lib')) && !f.fileName.includes(`${join('lib', 'imports')}`));
  const interfaces = new Map<string, ts.InterfaceDeclaration[]>();
  for (const file of libFiles) {
    ts.forEachChild(file, (node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, [...interfaces.get(node.name.text) ?? [], node]);
    });
  }
  const keysOf = (declaration: ts.InterfaceDeclaration) => checker.getPropertiesOfType(checker.getTypeAtLocation(declaration)).map((p) => p.name).sort();

  test.each(NAMED_SHAPES.map((s) => [s.name, s] as const))('%s', (name, described) => {
    const declarations = interfaces.get(name) ?? [];
    expect(declarations).toHaveLength(1);
    expect([...described.keys].sort()).toEqual(keysOf(declarations[0]));
  });

  test('every interface a public construct or factory takes, however deep, has a description', () => {
    const described = new Set(NAMED_SHAPES.map((s) => s.name));
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!);
    const entryTypes: ts.Type[] = [];
    const constructBase = exported.find((s) => s.name === 'EnvironmentChart');
    expect(constructBase).toBeDefined();
    for (const symbol of exported) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!(target.flags & ts.SymbolFlags.Class)) continue;
      const classType = checker.getTypeOfSymbol(target);
      const isConstruct = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(target)).some((p) => p.name === 'node');
      const factories = ['fromSecret', 'fromFileSystemId', 'dynamic', 'newClaim', 'existingClaim'];
      const signatures = [
        ...(isConstruct || target.name === 'ManagerRoleSql' ? classType.getConstructSignatures() : []),
        ...checker.getPropertiesOfType(classType).filter((p) => factories.includes(p.name)).flatMap((p) => checker.getTypeOfSymbol(p).getCallSignatures()),
      ];
      for (const signature of signatures) {
        for (const parameter of signature.getParameters()) entryTypes.push(checker.getTypeOfSymbol(parameter));
      }
    }
    const missing = new Set<string>();
    const seen = new Set<ts.Type>();
    const visit = (type: ts.Type): void => {
      if (seen.has(type)) return;
      seen.add(type);
      if (type.isUnion() || type.isIntersection()) return type.types.forEach(visit);
      if (checker.isArrayType(type)) return checker.getTypeArguments(type as ts.TypeReference).forEach(visit);
      const index = type.getStringIndexType();
      if (index) visit(index);
      const declaration = type.getSymbol()?.declarations?.[0];
      if (!declaration || !libFiles.includes(declaration.getSourceFile())) return;
      if (ts.isClassDeclaration(declaration)) return;
      if (ts.isInterfaceDeclaration(declaration) && !described.has(declaration.name.text)) missing.add(declaration.name.text);
      for (const property of checker.getPropertiesOfType(type)) visit(checker.getTypeOfSymbol(property));
    };
    entryTypes.forEach(visit);
    expect([...missing]).toEqual([]);
    expect(described.size).toBeGreaterThanOrEqual(35);
  });
});
