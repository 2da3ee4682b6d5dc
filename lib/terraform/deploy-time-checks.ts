import { Fn, IResolvable, Op, Precondition, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { fail } from '../private/validation';
import { DeployTimeCheck, meetsTextRule, TextRule } from '../private/terraform-tokens';

/**
 * A Terraform condition that is true when the value of `token` (a cdktf string token) meets
 * `text`: the same pattern and lengths the construct checks a literal value against.
 */
function textCondition(token: string, text: TextRule): IResolvable {
  let condition: IResolvable = Fn.can(Fn.regex(text.pattern, token));
  if (text.minLength !== undefined) condition = Op.and(condition, Op.gte(Fn.lengthOf(token), text.minLength));
  if (text.maxLength !== undefined) condition = Op.and(condition, Op.lte(Fn.lengthOf(token), text.maxLength));
  return condition;
}

/** A precondition that refuses the value of a checked token, with the message the construct gives a literal value. */
function deployTimePrecondition(check: DeployTimeCheck): Precondition {
  return {
    condition: textCondition(check.token, check.text),
    errorMessage: `${check.owner}: ${check.field} ${Token.asString(Fn.jsonencode(check.token))} ${check.text.rule}.`,
  };
}

/**
 * A `terraform_data` resource whose preconditions check the values of the tokens a chart took
 * (`deployTimeChecksOf`): `terraform plan` evaluates them when the values are known (variables),
 * `apply` before this resource otherwise (attributes of resources being created). Everything that
 * depends on it waits for the checks.
 *
 * cdktf's DataResource renders the same block but also runs `terraform version` at every synth
 * (a check for Terraform 1.4): synthesis would then need a Terraform binary on the machine that
 * synthesizes, and spawns it once per resource. The stacks' `required_version` (>= 1.11) already
 * makes Terraform refuse an older version where it runs.
 */
export function deployTimeChecks(scope: Construct, id: string, checks: readonly DeployTimeCheck[]): TerraformResource {
  return new TerraformResource(scope, id, {
    terraformResourceType: 'terraform_data',
    terraformGeneratorMetadata: { providerName: 'terraform' },
    lifecycle: { precondition: checks.map(deployTimePrecondition) },
  });
}

/**
 * For the Terraform constructs' own props: a literal value is checked now, a value with cdktf
 * tokens in it by a precondition (added to `preconditions`) on the resource that takes it, with
 * the same rule and message.
 */
export function checkTextNowOrInTerraform(owner: string, field: string, value: string, text: TextRule, preconditions: Precondition[]): void {
  if (Token.isUnresolved(value)) {
    preconditions.push(deployTimePrecondition({ owner, field, token: value, text }));
  } else if (!meetsTextRule(value, text)) {
    fail(owner, field, value, text.rule);
  }
}
