import type { Technician } from '../domain/technician';
import { findTechnicianByEmail } from '../adapters/dynamodb/technician-repository';
import { ForbiddenError } from '../runtime/errors';
import type { Caller } from '../runtime/http/caller';

/**
 * The technician a staff token stands for: the one added with the token's (verified) e-mail
 * address, compared case-insensitively. Undefined when nobody was added with it.
 */
export async function technicianOf(caller: Caller): Promise<Technician | undefined> {
  if (!caller.email) return undefined;
  return findTechnicianByEmail(caller.email);
}

/** A technician token whose e-mail matches no technician: it may act on no ticket. */
export function unknownTechnicianError(caller: Caller): ForbiddenError {
  return new ForbiddenError(
    `No technician was added with the e-mail address ${caller.email || '(none on the token)'}: ask an admin to add you, or sign in with the address you were added with`,
  );
}
