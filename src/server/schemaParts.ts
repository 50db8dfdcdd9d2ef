import { BIDI_CONTROL_CLASS } from '../core/textRules.ts';

/** JSON-schema pieces every feature's routes use, so each rule is written once. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

export const text = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength });
export const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
export const optionalText = (maxLength: number) => nullable({ type: 'string', maxLength });
export const optionalDate = nullable(date);
/**
 * A name (of a person or an organisation): text without bidirectional overrides or isolates,
 * which would show it as something else (core/textRules.ts). Control characters are refused for
 * every string of a request (inputText.ts).
 */
const NAME_PATTERN = `^[^${BIDI_CONTROL_CLASS}]*$`;
export const name = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength, pattern: NAME_PATTERN });
export const optionalName = (maxLength: number) => nullable(name(maxLength));

/** The patterns above stand for rules with problems of their own, named in `errors.field.<problem>`. */
export const patternProblems: Record<string, string> = { [NAME_PATTERN]: 'bidi_control' };

export const codeOf = (codes: readonly string[]) => ({ type: 'string', enum: [...codes] });

/** A request body that accepts exactly the named properties. */
export const objectBody = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });

export const createdResponse = { 201: { type: 'object', properties: { id: { type: 'string' } } } } as const;
export const emptyResponse = { 204: { type: 'null' } } as const;

/** Response pieces: an object that carries exactly the named properties, and a list of them. */
export const responseObject = (properties: Record<string, object>) => ({ type: 'object', additionalProperties: false, properties });
export const responseList = (properties: Record<string, object>) => ({ type: 'array', items: responseObject(properties) });
export const string = { type: 'string' } as const;
export const optionalString = { type: ['string', 'null'] } as const;
export const integer = { type: 'integer' } as const;

/** A route that sends a file: the response is its bytes in one of these media types, never JSON. */
export const fileResponse = (...mediaTypes: string[]) => ({
  200: { description: 'The file', content: Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, { schema: { type: 'string', format: 'binary' } }])) },
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
