import { EnvironmentDescription } from '../lib';
import { nearestName } from '../lib/private/edit-distance';
import { aksPhonebillDev } from './aks-phonebill-dev';
import { awsEfs } from './aws-efs';
import { minikubeDev } from './minikube-dev';
import { prodCnpg } from './prod-cnpg';
import { prodOperator } from './prod-operator';
import { solidCloud } from './solid-cloud';

/** Every environment the repository deploys, in the order apps synthesize them. */
export const ENVIRONMENTS: readonly EnvironmentDescription[] = [minikubeDev, solidCloud, aksPhonebillDev, awsEfs(), prodOperator, prodCnpg];

/** A command line names an environment the repository does not deploy: a usage error (exit 2) of every command. */
export class UnknownEnvironmentError extends Error {}

/** The environment called `name`, or an UnknownEnvironmentError listing the known ones (and the nearest). */
export function environmentNamed(name: string): EnvironmentDescription {
  const found = ENVIRONMENTS.find((e) => e.name === name);
  if (found) return found;
  const known = ENVIRONMENTS.map((e) => e.name);
  const nearest = nearestName(name, known);
  throw new UnknownEnvironmentError(`unknown environment '${name}'${nearest ? `; did you mean '${nearest}'?` : ''} (known: ${known.join(', ')})`);
}
