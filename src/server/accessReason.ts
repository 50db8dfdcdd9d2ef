import type { FastifyRequest } from 'fastify';
import { headerText } from './inputText.ts';

/**
 * Someone outside a case states why they open the record. The reason travels in a header, never in
 * the URL (URLs end up in logs and browser history); the web app percent-encodes it.
 */
export const ACCESS_REASON_HEADER = 'x-polku-access-reason';

export const accessReasonHeaders = { type: 'object', properties: { [ACCESS_REASON_HEADER]: { type: 'string', maxLength: 2000 } } } as const;

export const accessReason = (request: FastifyRequest): string | null => headerText(request, ACCESS_REASON_HEADER);
