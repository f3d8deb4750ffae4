import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Created once per Lambda container. Service name and metrics namespace come from
 * POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE. Log only ids, statuses and error
 * names: never request bodies, addresses or tokens.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
