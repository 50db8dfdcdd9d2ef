import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FIELD_GROUP, ITEM_GROUP } from './schemaParts.ts';

type Schema = {
  [FIELD_GROUP]?: string;
  [ITEM_GROUP]?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

const REMOVED = Symbol('removed');

/**
 * Walks a response beside its schema and removes every part whose group was not granted; `seen`
 * collects the groups that remain. Deny by default: a route that returns grouped parts without having
 * asked the policy for them sends none of them.
 */
export function keepGranted(schema: Schema, value: unknown, granted: ReadonlySet<string>, seen?: Set<string>): unknown {
  const group = schema[FIELD_GROUP];
  if (group !== undefined) {
    if (!granted.has(group)) return REMOVED;
    seen?.add(group);
  }
  if (value === null || typeof value !== 'object') return value;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const branch = branches.find((each) => (Array.isArray(value) ? each.type === 'array' : each.type === 'object' || each.properties));
    return branch ? keepGranted(branch, value, granted, seen) : value;
  }
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    const items = schema.items;
    const itemGroup = items[ITEM_GROUP];
    return value
      .filter((item) => {
        if (!itemGroup) return true;
        const own = (item as Record<string, unknown> | null)?.[itemGroup];
        if (typeof own !== 'string' || !granted.has(own)) return false;
        seen?.add(own);
        return true;
      })
      .map((item) => keepGranted(items, item, granted, seen))
      .filter((item) => item !== REMOVED);
  }
  if (!schema.properties) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, each] of Object.entries(value as Record<string, unknown>)) {
    const property = schema.properties[key];
    const result = property ? keepGranted(property, each, granted, seen) : each;
    if (result !== REMOVED) kept[key] = result;
  }
  return kept;
}

const grouped = new WeakMap<object, boolean>();
/** Whether a schema names any field group: only those responses are walked. */
export function hasGroups(schema: object): boolean {
  let known = grouped.get(schema);
  if (known === undefined) {
    known = JSON.stringify(schema).includes(`"${FIELD_GROUP}`);
    grouped.set(schema, known);
  }
  return known;
}

export function responseSchemaOf(request: FastifyRequest, status: number): Schema | undefined {
  const responses = request.routeOptions.schema?.response as Record<string, Schema> | undefined;
  return responses?.[String(status)] ?? responses?.[`${String(status)[0]}XX`];
}

/** The last step of every response: only the field groups the policy granted for this request leave. */
export function registerFieldGroupFilter(app: FastifyInstance) {
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schema = responseSchemaOf(request, reply.statusCode);
    if (!schema || !hasGroups(schema)) return payload;
    return keepGranted(schema, payload, request.granted);
  });
}
