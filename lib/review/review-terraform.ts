// STAND-IN, replaced by the classifier at merge: only enough logic to exercise `npm run review`.
import { Finding } from './finding';

/** One synthesized Terraform stack: its name, the environment it belongs to and its `cdk.tf.json`. */
export interface TerraformStack {
  readonly name: string;
  readonly environment: string;
  readonly json: object;
}

type Resources = Record<string, Record<string, unknown>>;

/** Stand-in: every added, removed or changed resource is `safe`. */
export function reviewTerraform(before: TerraformStack[], after: TerraformStack[]): Finding[] {
  const findings: Finding[] = [];
  const names = [...new Set([...before, ...after].map((s) => s.name))];
  for (const name of names) {
    const b = before.find((s) => s.name === name);
    const a = after.find((s) => s.name === name);
    const environment = (a ?? b)!.environment;
    const resources = (s?: TerraformStack): Map<string, unknown> => new Map(Object.entries(((s?.json as { resource?: Resources })?.resource) ?? {})
      .flatMap(([type, byName]) => Object.entries(byName).map(([n, body]): [string, unknown] => [`${type}.${n}`, body])));
    const old = resources(b);
    const now = resources(a);
    for (const address of new Set([...old.keys(), ...now.keys()])) {
      const message = !now.has(address) ? 'destroyed' : !old.has(address) ? 'created' : JSON.stringify(old.get(address)) !== JSON.stringify(now.get(address)) ? 'updated' : undefined;
      if (message) findings.push({ environment, target: `terraform:${name}/${address}`, path: '', risk: 'safe', message, steps: [] });
    }
  }
  return findings;
}
