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
 * A name (of a person, an organisation, a file): text without bidirectional overrides or isolates,
 * which would show it as something else (core/textRules.ts). Control characters are refused for
 * every string of a request (inputText.ts).
 */
const NAME_PATTERN = `^[^${BIDI_CONTROL_CLASS}]*$`;
export const name = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength, pattern: NAME_PATTERN });
export const optionalName = (maxLength: number) => nullable(name(maxLength));
/** A file's name as uploaded: a name, and no folder separators. */
const FILE_NAME_PATTERN = `^[^/\\\\${BIDI_CONTROL_CLASS}]+$`;
export const fileName = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: FILE_NAME_PATTERN });

/** The patterns above stand for rules with problems of their own, named in `errors.field.<problem>`. */
export const patternProblems: Record<string, string> = { [NAME_PATTERN]: 'bidi_control', [FILE_NAME_PATTERN]: 'file_name' };

export const codeOf = (codes: readonly string[]) => ({ type: 'string', enum: [...codes] });

/** A request body that accepts exactly the named properties. */
export const objectBody = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });

export const createdResponse = { 201: { type: 'object', properties: { id: { type: 'string' } } } } as const;
export const emptyResponse = { 204: { type: 'null' } } as const;
