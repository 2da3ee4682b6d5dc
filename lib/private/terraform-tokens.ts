import { IConstruct } from 'constructs';
import { excerpt, fail } from './validation';

/**
 * Terraform values in props: which strings are cdktf tokens, and the checks of their values that
 * only Terraform can make (recorded here, turned into preconditions by ChartManifests).
 */

/**
 * What cdktf's encoding of a string token looks like: the whole value is `${TfToken[<key>]}`
 * (cdktf's `BEGIN_STRING_TOKEN_MARKER`, key characters `a-zA-Z0-9:._-`, `END_TOKEN_MARKER`).
 */
const CDKTF_STRING_TOKEN = /^\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}$/;

/** cdktf, when it is installed; loaded only when a value looks like one of its tokens. */
function cdktfIfInstalled(): typeof import('cdktf') | undefined {
  try {
    return require('cdktf') as typeof import('cdktf');
  } catch {
    return undefined;
  }
}

/**
 * Whether `value` is a Terraform value that cdktf fills in at synth (a variable, a resource's
 * attribute), which construction cannot check: the whole string is one cdktf string token that
 * cdktf's own token registry knows (`Tokenization.reverseString`, which refuses an unknown key).
 *
 * Any other string is checked as it is, `${` or not: a raw `${x}` typed into a prop is text
 * that nothing resolves later, and a token with text around it (`'evil#${token}'`) is refused
 * too. cdktf is an optional peer, so the main entry never imports it: it is required here only
 * when a value has the token's shape, and without cdktf installed no value is a token.
 */
export function isDeployTimeReference(value: unknown): boolean {
  if (typeof value !== 'string' || !CDKTF_STRING_TOKEN.test(value)) return false;
  const cdktf = cdktfIfInstalled();
  if (!cdktf) return false;
  try {
    const fragments = cdktf.Tokenization.reverseString(value);
    return fragments.length === 1 && fragments.tokens.length === 1;
  } catch {
    // cdktf throws for a key it never issued: text shaped like a token is not one.
    return false;
  }
}

/**
 * A rule for a string, written so that JavaScript and Terraform (RE2, `regex()`) read the
 * pattern alike: no lookaround, no backreferences.
 */
export interface TextRule {
  /** The pattern the whole value must match, anchored with `^…$`. */
  readonly pattern: string;
  /** Fewest characters. */
  readonly minLength?: number;
  /** Most characters. */
  readonly maxLength?: number;
  /** What the value is not, for messages: `is not a storage account name (…)`. */
  readonly rule: string;
}

/** A check of a Terraform token's value, made where Terraform knows the value (see {@link checkText}). */
export interface DeployTimeCheck {
  /** `<Kind> '<path>'` of the construct that took the value. */
  readonly owner: string;
  /** The prop, e.g. `upload.accountName`. */
  readonly field: string;
  /** The token (`${TfToken[…]}`). */
  readonly token: string;
  /** The rule its value must meet. */
  readonly text: TextRule;
}

const DEPLOY_TIME_CHECK = 'cdk8s-postgres:deploy-time-check';

/** Whether `value` meets `text`. */
export function meetsTextRule(value: string, text: TextRule): boolean {
  return new RegExp(text.pattern).test(value) && value.length >= (text.minLength ?? 0) && value.length <= (text.maxLength ?? Infinity);
}

/**
 * Checks a string prop now, or, when it is a Terraform token ({@link isDeployTimeReference}),
 * where its value is known: the check is recorded on `scope` for the library's Terraform
 * constructs (ChartManifests turns it into a precondition that `terraform plan`/`apply`
 * evaluates before any manifest is applied), and a plain cdk8s synth of the chart fails, since
 * nothing would resolve the token there.
 */
export function checkText(scope: IConstruct, owner: string, field: string, value: string, text: TextRule): void {
  if (isDeployTimeReference(value)) {
    const check: DeployTimeCheck = { owner, field, token: value, text };
    scope.node.addMetadata(DEPLOY_TIME_CHECK, check);
    scope.node.addValidation({
      validate: () => (renderedForTerraform(scope)
        ? []
        : [`${owner}: ${field} ${excerpt(value)} is a Terraform token, which only a Terraform stack resolves (deploy this chart with ChartManifests); a plain cdk8s synth would write it unresolved`]),
    });
    return;
  }
  if (!meetsTextRule(value, text)) {
    const tokenInside = value.includes('${TfToken[') ? '; a Terraform token is taken only as the whole value, so that its value can be checked' : '';
    fail(owner, field, value, `${text.rule}${tokenInside}`);
  }
}

/** The deploy-time checks recorded under `scope` (a chart, usually). */
export function deployTimeChecksOf(scope: IConstruct): DeployTimeCheck[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === DEPLOY_TIME_CHECK).map((m) => m.data as DeployTimeCheck));
}

/**
 * The cdk8s apps whose charts are being rendered for a Terraform stack right now. cdk8s
 * validates the whole app when it renders one chart (`chart.toJson()`), so the mark is on the app.
 */
const RENDERING_FOR_TERRAFORM = new Set<IConstruct>();

/** Renders `chart` for a Terraform stack, which resolves the tokens in it: the deploy-time checks of its app pass validation meanwhile. */
export function renderForTerraform<T>(chart: IConstruct, render: () => T): T {
  const app = chart.node.root;
  const already = RENDERING_FOR_TERRAFORM.has(app);
  RENDERING_FOR_TERRAFORM.add(app);
  try {
    return render();
  } finally {
    if (!already) RENDERING_FOR_TERRAFORM.delete(app);
  }
}

function renderedForTerraform(scope: IConstruct): boolean {
  return RENDERING_FOR_TERRAFORM.has(scope.node.root);
}
