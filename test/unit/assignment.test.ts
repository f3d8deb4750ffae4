import { describe, expect, it } from 'vitest';
import { chooseTechnician } from '../../functions/domain/assignment';
import type { Technician } from '../../functions/domain/technician';

const tech = (id: string, overrides: Partial<Technician> = {}): Technician => ({
  technicianId: `tech-${id}`,
  name: `Technician ${id}`,
  email: `${id.toLowerCase()}@breakfix.example`,
  skills: ['Netwerk', 'hardware'],
  capacity: 3,
  active: true,
  load: 0,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

describe('chooseTechnician', () => {
  it('needs every required skill, matched trimmed and case-insensitive', () => {
    const decision = chooseTechnician([' netwerk', 'HARDWARE '], [tech('A', { skills: ['Netwerk'] }), tech('B', { skills: [' netwerk ', 'Hardware'] })]);
    expect(decision).toMatchObject({ assigned: true, technician: { technicianId: 'tech-B' }, reason: { rule: 'only-candidate' } });
  });

  it('skips inactive technicians and those at capacity, and says why when nobody fits', () => {
    const decision = chooseTechnician(['netwerk'], [tech('A', { active: false }), tech('B', { load: 3, capacity: 3 }), tech('C', { skills: ['printers'] })]);
    expect(decision).toEqual({
      assigned: false,
      reason: {
        rule: 'nobody-fits',
        excluded: [
          { technicianId: 'tech-A', why: 'inactive' },
          { technicianId: 'tech-B', why: 'at-capacity' },
          { technicianId: 'tech-C', why: 'missing-skills' },
        ],
      },
    });
    expect(chooseTechnician(['netwerk'], [])).toMatchObject({ assigned: false });
  });

  it('the lowest load wins', () => {
    const decision = chooseTechnician(['netwerk'], [tech('A', { load: 2 }), tech('B', { load: 1 }), tech('C', { load: 2 })]);
    expect(decision).toMatchObject({ technician: { technicianId: 'tech-B' }, reason: { rule: 'lowest-load', lostTie: [] } });
    if (decision.assigned) expect(decision.reason.candidates.map((c) => c.technicianId)).toEqual(['tech-B', 'tech-A', 'tech-C']);
  });

  it('a tie on load goes to whoever was assigned least recently (never assigned first), then to the lowest id', () => {
    const recent = chooseTechnician(['netwerk'], [
      tech('A', { load: 1, lastAssignedAt: '2026-11-20T10:00:00.000Z' }),
      tech('B', { load: 1, lastAssignedAt: '2026-11-19T10:00:00.000Z' }),
      tech('C', { load: 1 }),
      tech('D', { load: 2 }),
    ]);
    expect(recent).toMatchObject({ technician: { technicianId: 'tech-C' }, reason: { rule: 'least-recently-assigned', lostTie: ['tech-B', 'tech-A'] } });

    const byId = chooseTechnician(['netwerk'], [tech('B', { load: 1 }), tech('A', { load: 1 })]);
    expect(byId).toMatchObject({ technician: { technicianId: 'tech-A' }, reason: { rule: 'lowest-id', lostTie: ['tech-B'] } });
  });
});
