import { Finding } from './finding';
import { manifestObjectTargets, TerraformStack } from './review-terraform';
import { sortFindings } from './review-objects';

/**
 * The findings of an environment deployed both ways, each change once: a finding about a
 * `kubernetes_manifest` that says what the manifest file's finding of the same environment,
 * object, field and risk says is left out. The one kept names both ways to apply
 * (`kubectl apply -f <the manifests> (or npx cdktf deploy <stack>)`); what only Terraform sees (a
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
