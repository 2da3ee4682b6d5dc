import { IConstruct } from 'constructs';

const WARNING = 'cdk8s-postgres:warning';

/**
 * Advisory findings (an end-of-life major, an image registry that withdrew its tags) that
 * must not stop synthesis. They are kept on the construct tree and printed by the apps.
 */
export class Warnings {
  /** Records a warning on `scope`. */
  public static add(scope: IConstruct, message: string): void {
    scope.node.addMetadata(WARNING, message);
  }

  /** Every warning recorded anywhere under `root`, prefixed with the construct path. */
  public static collect(root: IConstruct): string[] {
    return root.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === WARNING).map((m) => `${c.node.path}: ${m.data}`));
  }
}
