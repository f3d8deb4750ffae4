import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { technicianListQuerySchema } from '../domain/list-queries';
import { newTechnicianSchema, TECHNICIAN_ID_PATTERN, technicianPatchSchema } from '../domain/technician';
import { listTechnicians } from '../adapters/dynamodb/technician-repository';
import { NotFoundError } from '../runtime/errors';
import { parseJsonBody, parseQuery } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { metrics } from '../runtime/observability';
import { addTechnician, changeTechnician } from './technicians';

/**
 * GET /technicians (staff): `?limit=&cursor=`, in the order they were added.
 * POST /technicians (admin): a new technician, load 0; the same e-mail address (any case) → 409.
 * PATCH /technicians/{id} (admin): any of the fields; deactivating leaves open tickets with them.
 */
export const handler = staffHandler(async ({ event }) => {
  const now = new Date(event.requestContext.timeEpoch).toISOString();
  switch (event.routeKey) {
    case 'POST /technicians': {
      const technician = await addTechnician(parseJsonBody(event, newTechnicianSchema), now);
      metrics.addMetric('TechnicianAdded', MetricUnit.Count, 1);
      return json(201, technician);
    }
    case 'PATCH /technicians/{id}': {
      const id = event.pathParameters?.id ?? '';
      if (!TECHNICIAN_ID_PATTERN.test(id)) throw new NotFoundError(`No technician with id ${id.slice(0, 64)}`);
      const patch = parseJsonBody(event, technicianPatchSchema);
      const { technician, ...notice } = await changeTechnician(id, patch, now);
      return json(200, { ...technician, ...notice });
    }
    case 'GET /technicians': {
      const page = await listTechnicians(parseQuery(event, technicianListQuerySchema));
      return json(200, { items: page.items, nextCursor: page.nextCursor ?? null });
    }
    default:
      // The catalog gives this function exactly the three routes above.
      throw new Error(`Technicians has no route ${event.routeKey}`);
  }
});
