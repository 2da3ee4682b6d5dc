import { Construct } from 'constructs';
import { boolean, checkProps, number, object, oneOf, optional, string } from '../checks/props-shape';
import { PostgresServerConnection } from '../core/server-connection';
import { MajorUpgradeJob } from '../jobs/major-upgrade-job';
import { markSchemaJob } from '../monitoring/schema-job-requirement';
import { clientLabel } from '../private/labels';
import { fail, ownerOf } from '../private/validation';
import { PostgresStatefulSet, PostgresStatefulSetProps, POSTGRES_STATEFUL_SET_PROPS_SHAPE, SERVER_NAME_MAX } from '../server/postgres-stateful-set';
import { DEFAULT_MAJOR_VERSION } from '../core/postgres-version';
import { upgradedServerName } from '../private/rendered-names';

/**
 * A major upgrade by dump and restore, declared where the server is: the server of the old major
 * keeps running on its claim, unchanged; a new server of the new major, with a claim of its own,
 * is filled by a MajorUpgradeJob and verified; then the client Service is switched to it.
 */
export interface MajorUpgradeDeclaration {
  /**
   * The major the server's data is on now. Its server (the StatefulSet that has run so far, with
   * its claim, Services and ConfigMap) keeps running unchanged until it is retired.
   */
  readonly fromMajorVersion: number;
  /**
   * Image of the previous server: the one it has run so far.
   * @default - the pinned official image of `fromMajorVersion`
   */
  readonly fromImage?: string;
  /**
   * Which server the client Service sends connections to: `previous` until the upgrade Job has
   * verified its copy, then `upgraded` (the switch). Setting it back to `previous` rolls back;
   * what clients wrote to the upgraded server after the switch stays there.
   * @default 'previous'
   */
  readonly serve?: 'previous' | 'upgraded';
  /**
   * Remove the previous server's StatefulSet, Services and ConfigMap, and the upgrade Job; its
   * claim and data stay (the StatefulSet retains its claims) until deleted by hand. Only once
   * `serve` is `upgraded`.
   * @default false
   */
  readonly retirePrevious?: boolean;
}

/** Runtime description of {@link MajorUpgradeDeclaration}. */
export const MAJOR_UPGRADE_DECLARATION_SHAPE = object<MajorUpgradeDeclaration>({
  fromMajorVersion: number(),
  fromImage: optional(string()),
  serve: optional(oneOf('previous', 'upgraded')),
  retirePrevious: optional(boolean()),
}, { name: 'MajorUpgradeDeclaration' });

/** Properties of {@link PostgresMajorUpgrade}. */
export interface PostgresMajorUpgradeProps extends MajorUpgradeDeclaration {
  /** The server as it runs after the upgrade: `majorVersion` is the new major, everything else as before. */
  readonly server: PostgresStatefulSetProps;
}

/** Runtime description of {@link PostgresMajorUpgradeProps}. */
export const POSTGRES_MAJOR_UPGRADE_PROPS_SHAPE = object<PostgresMajorUpgradeProps>({
  ...MAJOR_UPGRADE_DECLARATION_SHAPE.fields,
  server: POSTGRES_STATEFUL_SET_PROPS_SHAPE,
}, { name: 'PostgresMajorUpgradeProps' });

/**
 * A server in the middle of a major upgrade: the previous server (the old major, exactly as it
 * ran before the upgrade was declared, so declaring it restarts nothing), the upgraded server
 * `<name>-pg<major>` with a claim of its own, and the MajorUpgradeJob that copies the one into
 * the other. The client Service (`serviceName`) selects whichever `serve` names; both servers
 * admit the same client label, so applications need no change.
 */
export class PostgresMajorUpgrade extends Construct {
  /** The server's name: the previous server's, and the base of the upgraded one's (`<name>-pg<major>`). */
  public readonly name: string;
  /** The server of the old major; undefined once retired. */
  public readonly previous?: PostgresStatefulSet;
  /** The server of the new major. */
  public readonly upgraded: PostgresStatefulSet;
  /** The server clients reach now: what Jobs, backups and monitoring use. */
  public readonly serving: PostgresStatefulSet;
  /** The Job that copies the previous server into the upgraded one; undefined once the previous server is retired. */
  public readonly job?: MajorUpgradeJob;

  constructor(scope: Construct, id: string, props: PostgresMajorUpgradeProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'PostgresMajorUpgrade');
      checkProps(owner, props, POSTGRES_MAJOR_UPGRADE_PROPS_SHAPE);
      const { server } = props;
      const to = server.majorVersion ?? DEFAULT_MAJOR_VERSION;
      const serve = props.serve ?? 'previous';
      const retire = props.retirePrevious ?? false;
      if (props.fromMajorVersion >= to) {
        fail(owner, 'fromMajorVersion', props.fromMajorVersion, `is not older than the server's majorVersion ${to}: an upgrade goes to a newer major (PostgreSQL cannot go back; restore a backup into a server of the old major instead)`);
      }
      if (server.dataVolume) fail(owner, 'server.dataVolume', server.dataVolume.claimName, 'is shared by both servers: the upgraded server needs a volume of its own (an EFS volume of its own, declared by hand)');
      if (retire && serve !== 'upgraded') fail(owner, 'retirePrevious', retire, "needs serve: 'upgraded': the previous server is still the one clients reach");

      const name = server.name ?? id;
      this.name = name;
      const serviceName = server.serviceName ?? name;
      const previous = retire ? undefined : new PostgresStatefulSet(this, 'Previous', {
        ...server,
        name,
        majorVersion: props.fromMajorVersion,
        image: props.fromImage,
        serviceName: serve === 'previous' ? serviceName : `${name}-previous`,
      });
      const upgradedName = upgradedServerName(name, to);
      // the upgraded server's name derives from the one the user gave: say that one and what fits
      if (upgradedName.length > SERVER_NAME_MAX) {
        fail(owner, server.name === undefined ? 'id' : 'server.name', name, `leaves no room for the upgraded server's name '${upgradedName}' (${upgradedName.length} characters, at most ${SERVER_NAME_MAX}): give a name of at most ${SERVER_NAME_MAX - (upgradedName.length - name.length)} characters`);
      }
      this.upgraded = new PostgresStatefulSet(this, 'Upgraded', {
        ...server,
        name: upgradedName,
        // The previous server's names stay its own; the upgraded server's derive from its name.
        serviceName: serve === 'upgraded' ? serviceName : upgradedName,
        headlessServiceName: undefined,
        configMapName: undefined,
        tls: server.tls && { ...server.tls, secretName: undefined },
        clientLabel: server.clientLabel ?? clientLabel(name),
      });
      this.previous = previous;
      this.serving = previous && serve === 'previous' ? previous : this.upgraded;
      if (previous) {
        // Through the headless Services, whose names do not move at the switch: the finished Job's template stays as it is.
        this.job = new MajorUpgradeJob(this, 'Job', { source: viaHeadlessService(previous), target: viaHeadlessService(this.upgraded) });
        // The previous server's logins were created by the schema Job that served it before; the Job now stands for it.
        markSchemaJob(this.job, previous.namespace, previous.name);
      }
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

/** A server's connection through its headless Service (a name in its certificate too). */
function viaHeadlessService(server: PostgresStatefulSet): PostgresServerConnection {
  return {
    name: server.name,
    namespace: server.namespace,
    serviceName: server.headlessServiceName,
    port: server.port,
    databaseName: server.databaseName,
    superuser: server.superuser,
    image: server.image,
    clientLabel: server.clientLabel,
    ...(server.tls ? { tls: server.tls } : {}),
    ...(server.monitoringLogin ? { monitoringLogin: server.monitoringLogin } : {}),
  };
}
