/**
 * A study's responses carry no client data, so no field group can take a part away: every property
 * is always there, and the schemas say so (the web app then reads them without `Shown`).
 */
export const shape = <const P extends Record<string, object>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, required: Object.keys(properties) as Array<keyof P & string>, properties }) as const;
export const shapes = <const P extends Record<string, object>>(properties: P) => ({ type: 'array', items: shape(properties) }) as const;
