import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Created once per Lambda container. Service name and metrics namespace come from
 * POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE. Log only ids, statuses and error
 * names: never request bodies, addresses or tokens.
 *
 * No Powertools Tracer: it brings the X-Ray SDK (about 120 KB minified) into every bundle, and at
 * a few onboardings a week nearly every invocation is a cold start that pays for it. Lambda's
 * active tracing still records each invocation's segment (init, invocation, overhead) and Step
 * Functions' tracing joins them into one trace per execution, with no SDK in the bundle.
 */
export const logger = new Logger();

/** Read-only handlers emit no metric by design; that is not worth a warning on every call. */
const metricsLogger = {
  trace: (...args: unknown[]) => logger.trace(String(args[0])),
  debug: (...args: unknown[]) => logger.debug(String(args[0])),
  info: (...args: unknown[]) => logger.info(String(args[0])),
  warn: (...args: unknown[]) => {
    const message = String(args[0]);
    if (message.startsWith('No application metrics to publish')) logger.debug(message);
    else logger.warn(message);
  },
  error: (...args: unknown[]) => logger.error(String(args[0])),
};

export const metrics = new Metrics({ logger: metricsLogger });
