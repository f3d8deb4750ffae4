import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../functions/runtime/errors';
import { problemFor, problemResponse } from '../../functions/runtime/http/problem';

describe('problem details', () => {
  it('a conflict without extensions is the plain RFC 9457 body', () => {
    expect(problemFor(new ConflictError('Acknowledge the ticket before resolving it'))).toEqual({
      type: 'https://breakfix.example/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Acknowledge the ticket before resolving it',
    });
  });

  it("a conflict's extensions become members of the body, next to the standard ones", () => {
    const resolution = { summary: 'Voeding vervangen', resolvedAt: '2026-11-03T10:00:00.000Z', by: { technicianId: 'tech-1', email: 'tim@breakfix.example' } };
    const response = problemResponse(problemFor(new ConflictError('The ticket was resolved already', { resolution }))!);
    expect(response.statusCode).toBe(409);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(response.body as string)).toEqual({
      type: 'https://breakfix.example/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'The ticket was resolved already',
      resolution,
    });
  });

  it('an extension can never replace a standard member', () => {
    const problem = problemFor(new ConflictError('real detail', { status: 200, type: 'x', title: 'y', detail: 'forged', extra: 1 }));
    expect(problem).toEqual({ type: 'https://breakfix.example/problems/conflict', title: 'Conflict', status: 409, detail: 'real detail', extra: 1 });
  });

  it('other errors carry no extensions', () => {
    expect(problemFor(new NotFoundError('No ticket with id tkt-x'))).toEqual({
      type: 'https://breakfix.example/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No ticket with id tkt-x',
    });
  });
});
