import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';

/**
 * A request that names an office or an organisation is told, by name, when there is none: the
 * database would refuse the reference too, but only as an unknown reference (server/errors.ts).
 */
export async function requireKnownPlacement(db: Database, placement: { officeId?: string | null; organisationId?: string | null }) {
  if (placement.officeId && !(await db.selectFrom('offices').select('id').where('id', '=', placement.officeId).executeTakeFirst())) {
    throw new AppError(400, 'unknown_office');
  }
  if (
    placement.organisationId &&
    !(await db.selectFrom('organisations').select('id').where('id', '=', placement.organisationId).executeTakeFirst())
  ) {
    throw new AppError(400, 'unknown_organisation');
  }
}
