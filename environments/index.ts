import { EnvironmentDescription } from '../lib';
import { aksPhonebillDev } from './aks-phonebill-dev';
import { awsEfs } from './aws-efs';
import { minikubeDev } from './minikube-dev';
import { prodOperator } from './prod-operator';
import { solidCloud } from './solid-cloud';

/** Every environment the repository deploys, in the order apps synthesize them. */
export const ENVIRONMENTS: readonly EnvironmentDescription[] = [minikubeDev, solidCloud, aksPhonebillDev, awsEfs(), prodOperator];

/** The environment called `name`, or an error listing the known ones. */
export function environmentNamed(name: string): EnvironmentDescription {
  const found = ENVIRONMENTS.find((e) => e.name === name);
  if (!found) throw new Error(`unknown environment '${name}' (known: ${ENVIRONMENTS.map((e) => e.name).join(', ')})`);
  return found;
}
