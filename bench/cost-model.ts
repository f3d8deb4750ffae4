import { PRICES, costAt, type Price } from './prices';

/*
 * Cost per onboarding on AWS, from the work the twin counted: each item is a count the bench
 * measured (or a documented constant per counted thing) times a list price (bench/prices.ts).
 */

/** What one onboarding (an average over a batch) made AWS do. */
export interface WorkPerOnboarding {
  stateTransitions: number;
  lambdaInvocations: number;
  /** Sum over invocations of the twin's measured duration, rounded up per invocation to a whole ms. */
  lambdaDurationMs: number;
  /** Sum over invocations of billed ms × memory in GB (duration plus init, see `initMsByFunction`). */
  lambdaGbSeconds: number;
  dynamoDbRequests: number;
  readUnits: number;
  writeUnits: number;
  emails: number;
  apiRequests: number;
  /** Bytes the handlers wrote (JSON log lines and EMF metric lines). */
  handlerLogBytes: number;
  /** Lambda's START/END/REPORT lines (PLATFORM_LOG_BYTES per invocation) and the access log lines. */
  platformLogBytes: number;
  accessLogBytes: number;
  traces: number;
}

/**
 * Init ms billed per invocation of a function (Lambda bills INIT for on-demand functions since
 * August 2025). At a few onboardings a week every invocation is a cold start, so every invocation
 * pays it. An estimate, not a measurement: ~300 ms for a bundled Node 20 handler on arm64 with its
 * AWS SDK v3 clients, ~450 ms for those that also load the PDF renderer and its fonts. Pass the
 * cold-start section's measured figures here when there are some.
 */
export const DEFAULT_INIT_MS = 300;
export const DEFAULT_INIT_MS_BY_FUNCTION: Readonly<Record<string, number>> = {
  // Those that import functions/application/stored-pdf.ts (the renderer and fonts).
  AgreementPdf: 450,
  AwaitClientDecision: 450,
  ApplyClientDecision: 450,
  SendFollowUpReport: 450,
};

/**
 * Per invocation, Lambda writes START (~60 B), END (~50 B) and REPORT with its X-Ray line (~260 B:
 * duration, billed duration, memory, max memory, init duration, trace and segment ids) to the
 * function's log group: an estimate of ~370 bytes.
 */
export const PLATFORM_LOG_BYTES = 370;

/**
 * The HTTP API's access log line (infra/constructs/api.ts ACCESS_LOG_FORMAT) with typical values:
 * its length is the estimate per request.
 */
export const ACCESS_LOG_LINE_BYTES = Buffer.byteLength(
  JSON.stringify({
    requestId: 'Ab1Cd2Ef3Gh4IjK=',
    requestTime: '02/Dec/2026:09:15:42 +0000',
    ip: '198.51.100.23',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    routeKey: 'POST /onboardings/{id}/analysis',
    status: '202',
    protocol: 'HTTP/1.1',
    responseLength: '512',
    responseLatency: '85',
    integrationLatency: '82',
    integrationError: '-',
    authorizerError: '-',
  }) + '\n',
);

/**
 * X-Ray: one trace per API request and one per execution (Step Functions' tracing joins its Lambda
 * segments into it). The default sampling rule records the first request each second and 5% after:
 * at a few onboardings a week requests seldom share a second, so every one is assumed recorded (an
 * upper bound).
 */
export const TRACES_ASSUMPTION = 'one trace per API request and per execution, all recorded (default rule: 1/s reservoir, then 5%; at this traffic nearly all fall in the reservoir)';

export interface CostItem {
  item: string;
  quantity: number;
  price: Price;
  usd: number;
}

export function costItems(work: WorkPerOnboarding): CostItem[] {
  const logGb = (work.handlerLogBytes + work.platformLogBytes + work.accessLogBytes) / 1e9;
  const items: Array<[string, number, Price]> = [
    ['Step Functions transitions', work.stateTransitions, PRICES.stepFunctionsTransition],
    ['Lambda compute (GB-s, init incl.)', work.lambdaGbSeconds, PRICES.lambdaArmGbSecond],
    ['Lambda requests', work.lambdaInvocations, PRICES.lambdaRequest],
    ['DynamoDB write units', work.writeUnits, PRICES.dynamoDbWriteUnit],
    ['DynamoDB read units', work.readUnits, PRICES.dynamoDbReadUnit],
    ['SES e-mails', work.emails, PRICES.sesEmail],
    ['HTTP API requests', work.apiRequests, PRICES.httpApiRequest],
    ['CloudWatch Logs ingested (GB)', logGb, PRICES.logsIngestedGb],
    ['X-Ray traces', work.traces, PRICES.xrayTraceRecorded],
  ];
  return items.map(([item, quantity, price]) => ({ item, quantity, price, usd: costAt(price, quantity) }));
}

export const totalUsd = (items: readonly CostItem[]): number => items.reduce((sum, item) => sum + item.usd, 0);

/**
 * Linear in incidents: the cost per extra incident from 1 to 5 and from 5 to 20 agree within
 * `tolerance` (of the first). (cost(20)−cost(5) is 15 incidents' worth, 3.75× the 4 of cost(5)−cost(1).)
 */
export function linearity(cost1: number, cost5: number, cost20: number, tolerance = 0.15): { low: number; high: number; deviation: number; met: boolean } {
  const low = (cost5 - cost1) / 4;
  const high = (cost20 - cost5) / 15;
  const deviation = low === 0 ? Infinity : Math.abs(high - low) / Math.abs(low);
  return { low, high, deviation, met: deviation <= tolerance };
}
