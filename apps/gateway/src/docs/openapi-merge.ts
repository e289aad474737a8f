import { isOperationalPath } from '@pipeline/http';

/** The parts of an OpenAPI 3 document the merge touches. */
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; description?: string; version: string };
  paths: Record<string, unknown>;
  tags?: { name: string; description?: string }[];
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * One document for the whole public API: every service's paths (they never
 * overlap, the gateway routes by them), their tags, and their schemas. Two
 * services may name a schema alike; identical ones are shared, different
 * ones are refused, since a silent rename would mislead client generators.
 */
export function mergeOpenApi(info: OpenApiDoc['info'], docs: { service: string; doc: OpenApiDoc }[]): OpenApiDoc {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const tags = new Map<string, { name: string; description?: string }>();
  const operationIds = new Set<string>();
  for (const { service, doc } of docs) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (isOperationalPath(path)) continue;
      if (paths[path]) throw new Error(`path ${path} is served by two services (${service} and another)`);
      // client generators name functions and types by operation id
      for (const { operationId } of Object.values(item as Record<string, { operationId?: string }>)) {
        if (!operationId) continue;
        if (operationIds.has(operationId)) throw new Error(`operation id ${operationId} of ${service} (${path}) is used twice`);
        operationIds.add(operationId);
      }
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
        throw new Error(`schema ${name} of ${service} differs from another service's schema of the same name`);
      }
      schemas[name] = schema;
    }
    for (const tag of doc.tags ?? []) tags.set(tag.name, tag);
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return { openapi: '3.0.0', info, paths: sortedPaths, tags: [...tags.values()], components: { schemas } };
}
