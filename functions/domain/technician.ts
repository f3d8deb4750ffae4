import * as z from 'zod';
import { ulid } from './ids';
import { COUNTS, TEXT_BOUNDS } from './size-budget';
import { line } from './text-fields';

/** Skills match trimmed and case-insensitive: "Netwerk " and "netwerk" are one skill. */
export const skillKey = (skill: string): string => skill.trim().toLocaleLowerCase('nl-NL');

const email = z.string().trim().pipe(z.email('Not a valid e-mail address').max(254));
const skills = z.array(line(TEXT_BOUNDS.skill)).min(1, 'At least one skill').max(COUNTS.technicianSkills);

/** POST /technicians. */
export const newTechnicianSchema = z.strictObject({
  name: line(TEXT_BOUNDS.technicianName),
  email,
  skills,
  /** How many open tickets (ASSIGNED, ACKNOWLEDGED, ON_HOLD) the technician takes at once. */
  capacity: z.number().int('A whole number').min(1).max(50),
  active: z.boolean(),
});
export type NewTechnician = z.output<typeof newTechnicianSchema>;

/** PATCH /technicians/{id}: any of the fields, at least one. */
export const technicianPatchSchema = newTechnicianSchema.partial().refine((patch) => Object.keys(patch).length > 0, 'Send at least one field');
export type TechnicianPatch = z.output<typeof technicianPatchSchema>;

export const TECHNICIAN_ID_PATTERN = /^tech-[0-9A-HJKMNP-TV-Z]{26}$/;
export const newTechnicianId = (now: number): string => `tech-${ulid(now)}`;

export interface Technician {
  technicianId: string;
  name: string;
  email: string;
  skills: string[];
  capacity: number;
  active: boolean;
  /** Tickets assigned to the technician and not yet resolved (ASSIGNED, ACKNOWLEDGED, ON_HOLD). */
  load: number;
  lastAssignedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** The address a technician signs in with, as the uniqueness check and the role check compare it. */
export const emailKey = (address: string): string => address.trim().toLowerCase();
