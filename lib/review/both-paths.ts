import { Finding } from './finding';
import { reviewObjects, sortFindings } from './review-objects';
import { manifestObjectTargets, reviewTerraform, TerraformStack } from './review-terraform';

/** One side of a change as synthesized: each environment's Kubernetes objects and every Terraform stack. */
export interface Rendered {
  /** Objects per environment, from `<environment>.k8s.yaml`. */
  readonly manifests: ReadonlyMap<string, object[]>;
  readonly stacks: readonly TerraformStack[];
  /**
   * Each environment's manifest file as a user names it (`dist/shop.k8s.yaml`), for the steps.
   * @default - `<the manifests of <environment>>`
   */
  readonly manifestFiles?: ReadonlyMap<string, string>;
  /**
   * Which commands the steps name: this repository's npm scripts, or the package's `npx cdk8s-postgres` commands (see ReviewObjectsOptions.commands).
   * @default 'repository'
   */
  readonly commands?: 'repository' | 'package';
}

/** Every finding of the change from `before` to `after`, per environment and Terraform stack, each change once. */
export function findingsBetween(before: Rendered, after: Rendered): Finding[] {
  const environments = [...new Set([...after.manifests.keys(), ...before.manifests.keys()])];
  const stacks = [...after.stacks, ...before.stacks];
  const objectsOf = manifestObjectTargets(stacks);
  const deploysObjects = (stack: TerraformStack) => [...objectsOf.keys()].some((target) => target.startsWith(`terraform:${stack.name}/`));
  /** kubectl apply of the environment's file, and the stack of the environment that deploys objects (its `kubernetes_manifest`s). */
  const fileOf = (environment: string) => after.manifestFiles?.get(environment) ?? before.manifestFiles?.get(environment);
  const applyCommand = (environment: string) => {
    const stack = stacks.find((s) => s.environment === environment && deploysObjects(s));
    return `kubectl apply -f ${fileOf(environment) ?? `<the manifests of ${environment}>`}${stack ? `   (or npx cdktf deploy ${stack.name})` : ''}`;
  };
  const options = (environment: string) => ({ environment, applyCommand: applyCommand(environment), commands: after.commands, manifestFile: fileOf(environment) });
  return findingsOfBothPaths(
    environments.flatMap((environment) => reviewObjects(before.manifests.get(environment) ?? [], after.manifests.get(environment) ?? [], options(environment))),
    reviewTerraform(before.stacks, after.stacks),
    stacks,
  );
}

/**
 * The findings of an environment deployed both ways, each change once: a finding about a
 * `kubernetes_manifest` that says what the manifest file's finding of the same environment,
 * object, field and risk says is left out. The one kept names both ways to apply when
 * {@link findingsBetween} made it (`kubectl apply -f <file>   (or npx cdktf deploy <stack>)`); what only Terraform sees (a
 * manifest only the stack holds, a resource of a provider) stays.
 */
export function findingsOfBothPaths(manifestFindings: readonly Finding[], terraformFindings: readonly Finding[], stacks: readonly TerraformStack[]): Finding[] {
  const objectOf = manifestObjectTargets(stacks);
  const key = (environment: string, target: string, path: string, risk: string) => `${environment}\u0000${target}\u0000${path}\u0000${risk}`;
  const said = new Set(manifestFindings.map((f) => key(f.environment, f.target, f.path, f.risk)));
  const repeats = (f: Finding) => {
    const object = objectOf.get(f.target);
    return object !== undefined && said.has(key(f.environment, object, f.path.replace(/^manifest\.?/, ''), f.risk));
  };
  return sortFindings([...manifestFindings, ...terraformFindings.filter((f) => !repeats(f))]);
}
