import { BIDI_CONTROL_CLASS } from '../core/textRules.ts';
import type { FieldGroup } from '../core/policy/policy.ts';

/** JSON-schema pieces every feature's routes use, so each rule is written once. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

export const text = <const Max extends number, const Min extends number = 0>(maxLength: Max, minLength: Min = 0 as Min) =>
  ({ type: 'string', minLength, maxLength }) as const;
export const nullable = <const S extends object>(schema: S) => ({ anyOf: [schema, { type: 'null' }] }) as const;
export const optionalText = <const Max extends number>(maxLength: Max) => nullable({ type: 'string', maxLength });
export const optionalDate = nullable(date);
/**
 * A name (of a person or an organisation): text without bidirectional overrides or isolates,
 * which would show it as something else (core/textRules.ts). Control characters are refused for
 * every string of a request (inputText.ts).
 */
const NAME_PATTERN = `^[^${BIDI_CONTROL_CLASS}]*$`;
export const name = <const Max extends number, const Min extends number = 0>(maxLength: Max, minLength: Min = 0 as Min) =>
  ({ type: 'string', minLength, maxLength, pattern: NAME_PATTERN }) as const;
export const optionalName = <const Max extends number>(maxLength: Max) => nullable(name(maxLength));

/** The patterns above stand for rules with problems of their own, named in `errors.field.<problem>`. */
export const patternProblems: Record<string, string> = { [NAME_PATTERN]: 'bidi_control' };

export const codeOf = <const C extends readonly string[]>(codes: C) => ({ type: 'string', enum: [...codes] as [...C] }) as const;

/** A request body that accepts exactly the named properties. */
export const objectBody = <const R extends readonly string[], const P extends Record<string, unknown>>(required: R, properties: P) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const createdResponse = { 201: { type: 'object', properties: { id: { type: 'string' } } } } as const;
/**
 * A 204 has no body: its handler sends nothing (`reply.code(204).send()`), not `null`, which would go
 * out with a JSON content type. The schema is typed as no particular shape, so that reply type-checks.
 */
export const emptyResponse: { 204: object } = { 204: { type: 'null' } };

/** Response pieces: an object that carries exactly the named properties, and a list of them. */
export const responseObject = <const P extends Record<string, object>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, properties }) as const;
export const responseList = <const P extends Record<string, object>>(properties: P) =>
  ({ type: 'array', items: responseObject(properties) }) as const;
export const string = { type: 'string' } as const;
export const optionalString = { type: ['string', 'null'] } as const;
export const integer = { type: 'integer' } as const;

/** A route that sends a file: the response is its bytes in one of these media types, never JSON. */
export const fileResponse = (...mediaTypes: string[]) => ({
  200: {
    description: 'The file',
    content: Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, { schema: { type: 'string', format: 'binary' } }])),
  },
});

/**
 * A response carries exactly the properties its schema names: every object in a response schema
 * that does not say otherwise is closed (a copy is closed, so request schemas sharing a piece stay as they are).
 */
export function closedResponses(responses: Record<string, object> | undefined): Record<string, object> {
  const close = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(close);
    if (!schema || typeof schema !== 'object') return schema;
    const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, close(value)])) as Record<string, unknown>;
    if ((copy.type === 'object' || copy.properties) && copy.additionalProperties === undefined) copy.additionalProperties = false;
    return copy;
  };
  return Object.fromEntries(Object.entries(responses ?? {}).map(([status, schema]) => [status, close(schema) as object]));
}
export const boolean = { type: 'boolean' } as const;
export const strings = { type: 'array', items: string } as const;

/**
 * Response schemas name the field group of each part of a client's data with this keyword; the part
 * and everything under it belongs to that group. `record` marks facts about the record itself (its
 * id, how the actor stands to it) that anyone who may open the record sees.
 */
export const FIELD_GROUP = 'x-field-group';
/** On an array's item schema: each item names its own field group in this property (timeline events). */
export const ITEM_GROUP = 'x-field-group-in';

export type ResponseGroup = FieldGroup | 'record';

/** Marks a response property as part of a field group (server/fieldGroupFilter.ts keeps only the granted ones). */
export const inGroup = <const G extends ResponseGroup, const S extends object>(group: G, schema: S) =>
  ({ ...schema, [FIELD_GROUP]: group }) as S & { readonly [FIELD_GROUP]: G };
