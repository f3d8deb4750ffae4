import { skillKey, type Technician } from './technician';

/** Why a technician did not take a ticket. */
export type Exclusion = 'inactive' | 'missing-skills' | 'at-capacity';

/** Which rule picked the technician among the candidates. */
export type AssignmentRule = 'only-candidate' | 'lowest-load' | 'least-recently-assigned' | 'lowest-id';

export interface CandidateView {
  technicianId: string;
  name: string;
  load: number;
  capacity: number;
  lastAssignedAt?: string;
}

export type AssignmentDecision =
  | {
      assigned: true;
      technician: Technician;
      reason: { rule: AssignmentRule; candidates: CandidateView[]; lostTie: string[] };
    }
  | { assigned: false; reason: { rule: 'nobody-fits'; excluded: Array<{ technicianId: string; why: Exclusion }> } };

const view = (t: Technician): CandidateView => ({
  technicianId: t.technicianId,
  name: t.name,
  load: t.load,
  capacity: t.capacity,
  ...(t.lastAssignedAt ? { lastAssignedAt: t.lastAssignedAt } : {}),
});

function exclusionOf(technician: Technician, required: Set<string>): Exclusion | undefined {
  if (!technician.active) return 'inactive';
  const has = new Set(technician.skills.map(skillKey));
  if ([...required].some((skill) => !has.has(skill))) return 'missing-skills';
  if (technician.load >= technician.capacity) return 'at-capacity';
  return undefined;
}

/** Never assigned sorts first: it has waited longest. */
const assignedAt = (t: Technician) => t.lastAssignedAt ?? '';

/**
 * Picks the technician for a ticket: active, every required skill (trimmed, case-insensitive),
 * free capacity; the lowest load wins, a tie goes to whoever was assigned least recently, then to
 * the lowest technicianId. The reason names the candidates, the rule that decided and who lost
 * the tie, so an account manager can see why.
 */
export function chooseTechnician(requiredSkills: readonly string[], technicians: readonly Technician[]): AssignmentDecision {
  const required = new Set(requiredSkills.map(skillKey));
  const excluded: Array<{ technicianId: string; why: Exclusion }> = [];
  const candidates: Technician[] = [];
  for (const technician of technicians) {
    const why = exclusionOf(technician, required);
    if (why) excluded.push({ technicianId: technician.technicianId, why });
    else candidates.push(technician);
  }
  if (candidates.length === 0) return { assigned: false, reason: { rule: 'nobody-fits', excluded } };

  const ranked = [...candidates].sort(
    (a, b) => a.load - b.load || assignedAt(a).localeCompare(assignedAt(b)) || a.technicianId.localeCompare(b.technicianId),
  );
  const [winner, runnerUp] = ranked as [Technician, Technician | undefined];
  let rule: AssignmentRule = 'only-candidate';
  if (runnerUp) {
    if (winner.load < runnerUp.load) rule = 'lowest-load';
    else if (assignedAt(winner) !== assignedAt(runnerUp)) rule = 'least-recently-assigned';
    else rule = 'lowest-id';
  }
  const lostTie = rule === 'lowest-load' || rule === 'only-candidate' ? [] : ranked.slice(1).filter((t) => t.load === winner.load).map((t) => t.technicianId);
  return { assigned: true, technician: winner, reason: { rule, candidates: ranked.map(view), lostTie } };
}
