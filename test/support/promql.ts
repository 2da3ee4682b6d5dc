import { parser } from '@prometheus-io/lezer-promql';

/** Parse errors and the metric names of a PromQL expression, as Prometheus's own parser reads it. */
export function promql(expr: string): { errors: number; metrics: string[] } {
  let errors = 0;
  const metrics: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors++;
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) metrics.push(expr.slice(id.from, id.to));
      }
    },
  });
  return { errors, metrics };
}
