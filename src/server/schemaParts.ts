/** JSON-schema pieces every feature's routes use, so each rule is written once. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

export const text = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength });
export const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
export const optionalText = (maxLength: number) => nullable({ type: 'string', maxLength });
export const optionalDate = nullable(date);
export const codeOf = (codes: readonly string[]) => ({ type: 'string', enum: [...codes] });

/** A request body that accepts exactly the named properties. */
export const objectBody = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });

export const createdResponse = { 201: { type: 'object', properties: { id: { type: 'string' } } } } as const;
export const emptyResponse = { 204: { type: 'null' } } as const;
