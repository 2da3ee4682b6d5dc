import { PostgresqlSpecNodeAffinity, PostgresqlSpecTolerations } from '../imports/acid.zalan.do';
import { fail, isDnsSubdomain, isLabelKey, isLabelValue } from '../private/validation';

/**
 * Tolerations and node affinity of a Zalando cluster, held to what Kubernetes enforces. The CRD
 * types them as free strings and numbers; the operator copies them into its StatefulSet, where
 * the API server validates them (pkg/apis/core/validation: ValidateTolerations,
 * ValidateNodeSelector, ValidatePreferredSchedulingTerms) and refuses the whole StatefulSet for
 * one bad field, so the cluster never starts. The scheduler reads the rest (integers for Gt and
 * Lt, label values).
 */

const REFUSED = "the API server would refuse the operator's StatefulSet";
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

const LABEL_KEY_RULE = "is not a label key (an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";
const LABEL_VALUE_RULE = "is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

/** Fails unless every toleration is one the API server accepts. */
export function checkTolerations(owner: string, tolerations: readonly PostgresqlSpecTolerations[]): void {
  tolerations.forEach((t, i) => {
    const field = `tolerations[${i}]`;
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key !== '' && !isLabelKey(key)) fail(owner, `${field}.key`, key, `${LABEL_KEY_RULE}; ${REFUSED}`);
    if (operator !== '' && operator !== 'Equal' && operator !== 'Exists') {
      fail(owner, `${field}.operator`, operator, `is not 'Exists' or 'Equal' (operators are case-sensitive; Lt and Gt need the alpha feature gate TaintTolerationComparisonOperators); ${REFUSED}`);
    }
    if (key === '' && operator !== 'Exists') fail(owner, `${field}.operator`, t.operator, `must be 'Exists' when key is empty (a toleration of every taint); ${REFUSED}`);
    if (operator === 'Exists' && value !== '') fail(owner, `${field}.value`, value, `must be empty when operator is 'Exists'; ${REFUSED}`);
    if (operator !== 'Exists' && !isLabelValue(value)) fail(owner, `${field}.value`, value, `${LABEL_VALUE_RULE}; ${REFUSED}`);
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) fail(owner, `${field}.effect`, effect, `is not 'NoSchedule', 'PreferNoSchedule' or 'NoExecute' (or left out: every effect); ${REFUSED}`);
    if (t.tolerationSeconds !== undefined) {
      if (!Number.isSafeInteger(t.tolerationSeconds)) fail(owner, `${field}.tolerationSeconds`, t.tolerationSeconds, 'must be a whole number of seconds');
      if (effect !== 'NoExecute') fail(owner, `${field}.tolerationSeconds`, t.tolerationSeconds, `is set with effect ${JSON.stringify(t.effect ?? '')}; it applies to 'NoExecute' only, and with any other effect ${REFUSED}`);
    }
  });
}

interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

interface SelectorTerm {
  readonly matchExpressions?: SelectorRequirement[];
  readonly matchFields?: SelectorRequirement[];
}

/** `required`: a term of requiredDuringScheduling…, whose values newer API servers hold to label values. */
function checkTerm(owner: string, field: string, term: SelectorTerm, required: boolean): void {
  (term.matchExpressions ?? []).forEach((r, j) => {
    const at = `${field}.matchExpressions[${j}]`;
    const values = r.values ?? [];
    if (!isLabelKey(r.key)) fail(owner, `${at}.key`, r.key, `${LABEL_KEY_RULE}; ${REFUSED}`);
    if (!SELECTOR_OPERATORS.includes(r.operator)) fail(owner, `${at}.operator`, r.operator, `is not one of ${SELECTOR_OPERATORS.map((o) => `'${o}'`).join(', ')} (operators are case-sensitive); ${REFUSED}`);
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) fail(owner, `${at}.values`, r.values, `must list at least one value with operator '${r.operator}'; ${REFUSED}`);
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) fail(owner, `${at}.values`, r.values, `must be empty with operator '${r.operator}'; ${REFUSED}`);
    if (r.operator === 'Gt' || r.operator === 'Lt') {
      if (values.length !== 1) fail(owner, `${at}.values`, r.values, `must hold exactly one value with operator '${r.operator}'; ${REFUSED}`);
      // The scheduler parses the value as a 64-bit integer; a label value (required terms) cannot start with a sign.
      if (!(required ? /^\d{1,18}$/ : /^[-+]?\d{1,18}$/).test(values[0])) {
        fail(owner, `${at}.values[0]`, values[0], required
          ? `is not a whole number in digits: the scheduler reads '${r.operator}' values as integers, and newer API servers take only label values (no sign) in a required term; the pods would stay Pending`
          : `is not an integer: the scheduler reads '${r.operator}' values as integers and cannot read the term`);
      }
    } else {
      values.forEach((v, k) => {
        if (!isLabelValue(v)) {
          fail(owner, `${at}.values[${k}]`, v, `${LABEL_VALUE_RULE}: no node label holds it, and the scheduler cannot read the term${required ? ' (the pods would stay Pending; newer API servers refuse it in a required term)' : ''}`);
        }
      });
    }
  });
  (term.matchFields ?? []).forEach((r, j) => {
    const at = `${field}.matchFields[${j}]`;
    const values = r.values ?? [];
    if (r.key !== 'metadata.name') fail(owner, `${at}.key`, r.key, `is not 'metadata.name', the only node field a selector may name; ${REFUSED}`);
    if (r.operator !== 'In' && r.operator !== 'NotIn') fail(owner, `${at}.operator`, r.operator, `is not 'In' or 'NotIn', the only operators a node field selector takes; ${REFUSED}`);
    if (values.length !== 1) fail(owner, `${at}.values`, r.values, `must hold exactly one node name; ${REFUSED}`);
    if (!isDnsSubdomain(values[0])) fail(owner, `${at}.values[0]`, values[0], `is not a node name (a DNS-1123 subdomain); ${REFUSED}`);
  });
}

/** Fails unless the node affinity is one the API server accepts and the scheduler can read. */
export function checkNodeAffinity(owner: string, affinity: PostgresqlSpecNodeAffinity): void {
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const field = 'nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    if (required.nodeSelectorTerms.length === 0) fail(owner, field, required.nodeSelectorTerms, `must hold at least one node selector term; ${REFUSED}`);
    required.nodeSelectorTerms.forEach((term, i) => checkTerm(owner, `${field}[${i}]`, term, true));
  }
  (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((preferred, i) => {
    const field = `nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (!Number.isInteger(preferred.weight) || preferred.weight < 1 || preferred.weight > 100) {
      fail(owner, `${field}.weight`, preferred.weight, `must be an integer from 1 to 100; ${REFUSED}`);
    }
    checkTerm(owner, `${field}.preference`, preferred.preference, false);
  });
}
