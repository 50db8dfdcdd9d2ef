import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';

/**
 * Someone outside a case states why they open the record. The reason travels in a header, never in
 * the URL (URLs end up in logs and browser history); the web app percent-encodes it.
 */
export const ACCESS_REASON_HEADER = 'x-polku-access-reason';

export const accessReasonHeaders = { type: 'object', properties: { [ACCESS_REASON_HEADER]: { type: 'string', maxLength: 2000 } } } as const;

export function accessReason(request: FastifyRequest): string | null {
  const header = request.headers[ACCESS_REASON_HEADER];
  if (typeof header !== 'string' || !header.trim()) return null;
  try {
    return decodeURIComponent(header).trim() || null;
  } catch {
    throw new AppError(400, 'invalid_access_reason');
  }
}
