import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startDynamoDbLocal } from '../infra/local/dynamodb';
import { LOCAL_CREDENTIALS } from '../infra/local/local-aws';
import { startTwin, TWIN_TABLE_NAME, type Twin } from '../infra/local/twin';
import { ACCESS_LOG_LINE_BYTES, DEFAULT_INIT_MS, DEFAULT_INIT_MS_BY_FUNCTION, PLATFORM_LOG_BYTES, TRACES_ASSUMPTION, costItems, linearity, totalUsd, type WorkPerOnboarding } from './cost-model';
import { Mailbox } from './mailbox';
import { MemorySampler, type MemoryPeaks } from './memory';
import { ApiCounter, signInStaff, walkOnboarding, type OnboardingDetail, type Staff, type Walked } from './onboarding-actors';
import { PRICE_REGION, PRICES, PRICES_AS_OF } from './prices';
import { quantileOf as quantile } from './harness';
import type { Section, Table } from './report-types';
import { WorkMeter } from './work-meter';

/** The batch sizes, run in this order on one twin. */
const BATCHES = [50, 100, 200] as const;
const INCIDENTS = 3;
/** Onboardings in flight at once, the same for every batch so time(200)/time(100) compares like with like. */
const CONCURRENCY = 24;
const POLL_MS = 200;
const STEP_TIMEOUT_MS = 60_000;
const TECHNICIANS = 6;
/** 6 × 25 = 150 open tickets: more than 24 onboardings × 3, or 1 × 20, ever hold. */
const TECHNICIAN_CAPACITY = 25;
const SCALING_TARGET = 2.1;
/** Cost batches: onboardings per size, one at a time (a quiet twin, so durations are not queueing). */
const COST_SIZES = [1, 5, 20] as const;
const COST_RUNS = 1;
const COST_TARGET_USD = 0.005;
const LINEARITY_TOLERANCE = 0.15;

/**
 * Every wait far off except monitoring (1 s): only the actors move an onboarding. No reminder,
 * escalation, re-check or expiry fires during a run; sweeps (schedules) are off.
 */
const E2E_POLICY = {
  analysisReminderSeconds: 3600,
  decisionReminderSeconds: 3600,
  releaseReminderSeconds: 3600,
  assignmentRecheckSeconds: 3600,
  assignmentEscalateAfterSeconds: 3600,
  assignmentQuietRecheckSeconds: 3600,
  resolutionWaitSeconds: 3600,
  monitoringSeconds: 1,
  triageSeconds: 3600,
  feedbackValidSeconds: 3600,
} as const;

export interface EndToEndOptions {
  /** Init ms billed per invocation, by function (default: DEFAULT_INIT_MS_BY_FUNCTION, else DEFAULT_INIT_MS). */
  initMsByFunction?: Readonly<Record<string, number>>;
}

interface BatchResult {
  n: number;
  wallMs: number;
  latencies: number[];
  tickets: number;
  emails: number;
  timelineEvents: number;
  apiRequests: number;
  memory?: MemoryPeaks;
}

interface Reference {
  emails: number;
  timelineEvents: number;
  tickets: number;
}

interface Context {
  twin: Twin;
  staff: Staff;
  mailbox: Mailbox;
  counter: ApiCounter;
  sfn: SFNClient;
  log: (line: string) => void;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The end-to-end scaling run, the cost per onboarding counted on the same twin, and its memory. */
export async function benchEndToEnd(log: (line: string) => void, options: EndToEndOptions = {}): Promise<Section[]> {
  const initMs = (fn: string) => options.initMsByFunction?.[fn] ?? DEFAULT_INIT_MS_BY_FUNCTION[fn] ?? DEFAULT_INIT_MS;
  const startedAt = Date.now();
  // DynamoDB Local started here, not by startTwin, only for its pid (the memory section reads it).
  const dynamodb = await startDynamoDbLocal({ port: 0 });
  let twin: Twin | undefined;
  let meter: WorkMeter | undefined;
  const mailbox: { current?: Mailbox } = {};
  let sfn: SFNClient | undefined;
  try {
    twin = await startTwin({
      ports: { api: 0, stepFunctions: 0, dynamodb: 0, ses: 0, secretsManager: 0 },
      dynamodb: { endpoint: dynamodb.url, tableName: TWIN_TABLE_NAME },
      apiLog: () => undefined,
      schedules: 'off',
      // AWS sets no POWERTOOLS_LOG_LEVEL: the handlers log at INFO there.
      logLevel: 'INFO',
      policy: E2E_POLICY,
    });
    const twinStartMs = Date.now() - startedAt;
    await observeAsOnAws();
    // The adapters' shared client, imported now that startTwin has set the environment.
    const { documentClient } = await import('../functions/adapters/dynamodb/client');
    meter = WorkMeter.attach(documentClient);

    const counter = new ApiCounter();
    mailbox.current = new Mailbox(twin.urls.ses);
    mailbox.current.start();
    sfn = new SFNClient({ endpoint: twin.urls.stepFunctions, region: twin.region, credentials: LOCAL_CREDENTIALS });
    const staff = await signInStaff(twin.urls.api, counter, { count: TECHNICIANS, capacity: TECHNICIAN_CAPACITY, tag: 'e2e' });
    const context: Context = { twin, staff, mailbox: mailbox.current, counter, sfn, log };

    // One onboarding first: it loads every handler module (so N=50 pays no first loads) and is the
    // reference every batch's counts must equal N times.
    log(`  reference onboarding (${INCIDENTS} incidents)…`);
    const reference = await referenceOnboarding(context);
    log(`  one onboarding: ${reference.tickets} tickets, ${reference.emails} e-mails, ${reference.timelineEvents} timeline events`);

    const batches: BatchResult[] = [];
    for (const n of BATCHES) {
      log(`  ${n} onboardings, ${CONCURRENCY} in flight…`);
      const sampler = n === BATCHES.at(-1) ? new MemorySampler(dynamodb.pid) : undefined;
      sampler?.start();
      const batch = await runBatch(context, n, reference);
      if (sampler) batch.memory = sampler.stop();
      log(`    ${seconds(batch.wallMs)} s, ${(n / (batch.wallMs / 1000)).toFixed(2)} onboardings/s`);
      batches.push(batch);
    }

    log(`  cost batches: ${COST_RUNS} onboardings of ${COST_SIZES.join(', ')} incidents, one at a time…`);
    const work = new Map<number, CostWork>();
    for (const size of COST_SIZES) work.set(size, await costBatch(context, meter, size, initMs));

    return [endToEndSection(batches, reference, twinStartMs), costSection(work, initMs), memorySection(batches.at(-1)!)];
  } finally {
    mailbox.current?.stop();
    meter?.stop();
    sfn?.destroy();
    await twin?.close();
    await dynamodb.close();
  }
}

/**
 * Handlers on AWS log at INFO and publish EMF metrics. The twin turns metrics off, and the
 * observability module is one instance in this process, created when the first handler module
 * loaded (possibly by an earlier twin of this run, at another level): set both on the instance.
 */
async function observeAsOnAws(): Promise<void> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  const { logger, metrics } = await import('../functions/runtime/observability');
  logger.setLogLevel('INFO');
  (metrics as unknown as { disabled: boolean }).disabled = false;
}

const walk = (context: Context, tag: string, incidents: number) =>
  walkOnboarding({ staff: context.staff, mailbox: context.mailbox, tag, incidents, pollMs: POLL_MS, stepTimeoutMs: STEP_TIMEOUT_MS });

async function referenceOnboarding(context: Context): Promise<Reference> {
  const before = await context.mailbox.total();
  const [walked] = await settled(context, [await walk(context, 'ref', INCIDENTS)]);
  return { emails: (await context.mailbox.total()) - before, timelineEvents: walked!.final.timeline.length, tickets: walked!.final.tickets?.length ?? 0 };
}

async function runBatch(context: Context, n: number, reference: Reference): Promise<BatchResult> {
  const emailsBefore = await context.mailbox.total();
  const requestsBefore = context.counter.total;
  const walkedOnes: Walked[] = [];
  let next = 0;
  let failure: Error | undefined;
  const started = Date.now();
  const worker = async () => {
    while (next < n && failure === undefined) {
      const index = next++;
      try {
        walkedOnes[index] = await walk(context, `n${n}-${index + 1}`, INCIDENTS);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(`onboarding ${index + 1}: ${JSON.stringify(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, worker));
  const wallMs = Date.now() - started;
  if (failure !== undefined) throw failure;
  const results = await settled(context, walkedOnes);

  const emails = (await context.mailbox.total()) - emailsBefore;
  const tickets = results.reduce((sum, w) => sum + (w.final.tickets?.length ?? 0), 0);
  const timelineEvents = results.reduce((sum, w) => sum + w.final.timeline.length, 0);
  const wrong = [
    results.length !== n && `${results.length} onboardings walked, expected ${n}`,
    results.some((w) => w.final.status !== 'COMPLETED') && 'not every onboarding COMPLETED',
    tickets !== INCIDENTS * n && `${tickets} tickets, expected ${INCIDENTS * n}`,
    results.some((w) => w.final.tickets?.some((t) => t.status !== 'RESOLVED')) && 'a ticket not RESOLVED',
    emails !== reference.emails * n && `${emails} e-mails, expected ${n} × ${reference.emails} = ${reference.emails * n}`,
    timelineEvents !== reference.timelineEvents * n && `${timelineEvents} timeline events, expected ${n} × ${reference.timelineEvents} = ${reference.timelineEvents * n}`,
  ].filter((line): line is string => typeof line === 'string');
  if (wrong.length > 0) throw new Error(`end to end, N=${n}: ${wrong.join('; ')}`);
  return { n, wallMs, latencies: results.map((w) => w.ms).sort((a, b) => a - b), tickets, emails, timelineEvents, apiRequests: context.counter.total - requestsBefore };
}

/**
 * The onboardings as they end: every execution SUCCEEDED, then each one read again. The client can
 * answer the report before the workflow has written that e-mail's timeline mark (its last write), so
 * the detail read right after the feedback may lack it: counts are taken once the execution ended.
 */
async function settled(context: Context, walked: readonly Walked[]): Promise<Walked[]> {
  await expectSucceeded(context, walked);
  const out: Walked[] = [];
  for (const w of walked) out.push({ ...w, final: await context.staff.accountManager.poll<OnboardingDetail>(`/onboardings/${w.onboardingId}`) });
  return out;
}

/** Every execution ended SUCCEEDED (the workflow, not only the status the API shows). */
async function expectSucceeded(context: Context, walked: readonly Walked[]): Promise<void> {
  for (const w of walked) {
    const { status } = await context.sfn.send(new DescribeExecutionCommand({ executionArn: w.executionArn }));
    if (status !== 'SUCCEEDED') throw new Error(`execution of ${w.onboardingId} is ${status}, expected SUCCEEDED`);
  }
}

async function statesEntered(context: Context, executionArn: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await context.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: false, nextToken }));
    count += (page.events ?? []).filter((e) => e.type?.endsWith('StateEntered')).length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

/** Status reads made only to wait are the harness's, not a person's: left out of the cost. */
const POLLED_FUNCTION = 'GetOnboarding';

/** Per function: invocations per onboarding and their mean measured duration. */
type CostWork = WorkPerOnboarding & { byFunction: Map<string, { invocations: number; meanMs: number }> };

async function costBatch(context: Context, meter: WorkMeter, size: number, initMs: (fn: string) => number): Promise<CostWork> {
  meter.reset();
  const emailsBefore = await context.mailbox.total();
  const requestsBefore = context.counter.total - context.counter.polls;
  const walked: Walked[] = [];
  for (let i = 1; i <= COST_RUNS; i++) walked.push(await walk(context, `cost${size}-${i}`, size));
  await expectSucceeded(context, walked);
  let transitions = 0;
  for (const w of walked) transitions += await statesEntered(context, w.executionArn);

  const invocations = meter.invocations.filter((i) => i.functionName !== POLLED_FUNCTION);
  const requests = meter.dynamodb.requests.filter((r) => r.functionName !== POLLED_FUNCTION);
  const logBytes = [...meter.logs.bytesByFunction].filter(([fn]) => fn !== POLLED_FUNCTION).reduce((sum, [, bytes]) => sum + bytes, 0);
  const apiRequests = context.counter.total - context.counter.polls - requestsBefore;
  const byFunction = new Map<string, { invocations: number; meanMs: number }>();
  for (const i of invocations) {
    const entry = byFunction.get(i.functionName) ?? { invocations: 0, meanMs: 0 };
    // A running mean of the duration, and invocations per onboarding.
    const count = entry.invocations * COST_RUNS + 1;
    byFunction.set(i.functionName, { invocations: count / COST_RUNS, meanMs: entry.meanMs + (i.durationMs - entry.meanMs) / count });
  }
  const per = (x: number) => x / COST_RUNS;
  return {
    stateTransitions: per(transitions),
    lambdaInvocations: per(invocations.length),
    lambdaDurationMs: per(invocations.reduce((sum, i) => sum + Math.ceil(i.durationMs), 0)),
    lambdaGbSeconds: per(invocations.reduce((sum, i) => sum + (Math.ceil(i.durationMs + initMs(i.functionName)) / 1000) * (i.memoryMb / 1024), 0)),
    dynamoDbRequests: per(requests.length),
    readUnits: per(requests.reduce((sum, r) => sum + r.readUnits, 0)),
    writeUnits: per(requests.reduce((sum, r) => sum + r.writeUnits, 0)),
    emails: per((await context.mailbox.total()) - emailsBefore),
    apiRequests: per(apiRequests),
    handlerLogBytes: per(logBytes),
    platformLogBytes: per(invocations.length * PLATFORM_LOG_BYTES),
    accessLogBytes: per(apiRequests * ACCESS_LOG_LINE_BYTES),
    // One trace per API request and one per execution.
    traces: per(apiRequests + walked.length),
    byFunction,
  };
}

function endToEndSection(batches: readonly BatchResult[], reference: Reference, twinStartMs: number): Section {
  const at = (n: number) => batches.find((b) => b.n === n)!;
  const scaling = at(200).wallMs / at(100).wallMs;
  const table: Table = {
    caption: `Complete onboardings (${INCIDENTS} incidents each), ${CONCURRENCY} in flight`,
    header: ['N', 'wall time', 'onboardings/s', 'p50 one onboarding', 'p95 one onboarding', 'tickets', 'e-mails', 'timeline events', 'API requests (incl. polls)'],
    align: ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: batches.map((b) => [
      String(b.n),
      `${seconds(b.wallMs)} s`,
      (b.n / (b.wallMs / 1000)).toFixed(2),
      `${seconds(quantile(b.latencies, 0.5))} s`,
      `${seconds(quantile(b.latencies, 0.95))} s`,
      String(b.tickets),
      String(b.emails),
      String(b.timelineEvents),
      String(b.apiRequests),
    ]),
  };
  return {
    title: 'End to end',
    method:
      `One twin for the whole run (DynamoDB Local started first for its pid, then startTwin; ${seconds(twinStartMs)} s to start), logs at INFO and metrics on as on AWS, sweeps off, ` +
      `every wait an hour away except monitoring (1 s), so only the actors move an onboarding. The harness plays every actor through the API: the account manager posts the intake, ` +
      `the analyst submits ${INCIDENTS} items once the workflow waits for them, the account manager releases a held offer, the client approves through the link in the offer e-mail ` +
      `(the confirm page's form), ${TECHNICIANS} technicians acknowledge, log work on and resolve the tickets assigned to them, and after monitoring the client posts feedback through the report's link. ` +
      `Status reads every ${POLL_MS} ms; one poller reads the SES store (since the newest second seen) for all mailboxes every 250 ms. ` +
      `A reference onboarding runs first (loading every handler); then N = ${BATCHES.join(', ')} in this order, ${CONCURRENCY} onboardings in flight for every N, so the table grows from batch to batch as it would in use. ` +
      `Each batch must end with every execution SUCCEEDED, every onboarding COMPLETED with its feedback, exactly ${INCIDENTS}N RESOLVED tickets, N × ${reference.emails} e-mails (the SES store's growth) and N × ${reference.timelineEvents} timeline events, or the bench fails.`,
    tables: [table],
    targets: [
      {
        figure: 'time(200) / time(100)',
        value: scaling.toFixed(2),
        target: `≤ ${SCALING_TARGET}`,
        met: scaling <= SCALING_TARGET,
        ...(scaling > SCALING_TARGET ? { note: 'The twin slows down as work accumulates (a bigger table, more e-mails in the store): see the report for where time goes.' } : {}),
      },
      { figure: 'counts exact (tickets, e-mails, timeline events, COMPLETED)', value: 'all batches', target: `${INCIDENTS}N, ${reference.emails}N, ${reference.timelineEvents}N, N`, met: true },
    ],
  };
}

const usd = (x: number) => `$${x.toFixed(6)}`;
const qty = (x: number) => (Number.isInteger(x) ? String(x) : x < 1 ? x.toPrecision(3) : x.toFixed(1));

function costSection(work: ReadonlyMap<number, CostWork>, initMs: (fn: string) => number): Section {
  const sizes = [...work.keys()];
  const items = new Map(sizes.map((size) => [size, costItems(work.get(size)!)]));
  const totals = new Map(sizes.map((size) => [size, totalUsd(items.get(size)!)]));
  const first = items.get(sizes[0]!)!;
  const countRows: Array<[string, (w: WorkPerOnboarding) => number]> = [
    ['state transitions', (w) => w.stateTransitions],
    ['Lambda invocations', (w) => w.lambdaInvocations],
    ['Lambda duration (ms, measured on the twin)', (w) => w.lambdaDurationMs],
    ['Lambda billed GB-s (with init)', (w) => w.lambdaGbSeconds],
    ['DynamoDB requests', (w) => w.dynamoDbRequests],
    ['DynamoDB read units', (w) => w.readUnits],
    ['DynamoDB write units', (w) => w.writeUnits],
    ['e-mails', (w) => w.emails],
    ['API requests (no polls)', (w) => w.apiRequests],
    ['log bytes: handlers', (w) => w.handlerLogBytes],
    ['log bytes: Lambda platform lines', (w) => w.platformLogBytes],
    ['log bytes: API access log', (w) => w.accessLogBytes],
    ['X-Ray traces', (w) => w.traces],
  ];
  const counts: Table = {
    caption: 'Counted work per onboarding (mean of the batch)',
    header: ['count', ...sizes.map((s) => `${s} incident${s === 1 ? '' : 's'}`)],
    align: ['l', ...sizes.map(() => 'r' as const)],
    rows: countRows.map(([label, of]) => [label, ...sizes.map((s) => qty(of(work.get(s)!)))]),
  };
  const costs: Table = {
    caption: `Cost per onboarding on AWS (${PRICE_REGION} list prices as of ${PRICES_AS_OF}, bench/prices.ts)`,
    header: ['item', 'price', ...sizes.map((s) => `${s} incident${s === 1 ? '' : 's'}`)],
    align: ['l', 'l', ...sizes.map(() => 'r' as const)],
    rows: [
      ...first.map((item, index) => [item.item, `$${item.price.usd} / ${item.price.per.toLocaleString('en')} ${item.price.unit}`, ...sizes.map((s) => usd(items.get(s)![index]!.usd))]),
      ['total', '', ...sizes.map((s) => usd(totals.get(s)!))],
    ],
  };
  const functionNames = [...new Set(sizes.flatMap((s) => [...work.get(s)!.byFunction.keys()]))].sort();
  const perFunction: Table = {
    caption: 'Lambda invocations per onboarding × mean measured ms, by function (init ms: the cold-start section’s median when it ran, else an estimate; billed on every invocation)',
    header: ['function', 'init ms', ...sizes.map((s) => `${s} incident${s === 1 ? '' : 's'}`)],
    align: ['l', 'r', ...sizes.map(() => 'r' as const)],
    rows: functionNames.map((fn) => [
      fn,
      initMs(fn).toFixed(0),
      ...sizes.map((s) => {
        const entry = work.get(s)!.byFunction.get(fn);
        return entry ? `${qty(entry.invocations)} × ${Math.round(entry.meanMs)} ms` : '–';
      }),
    ]),
  };
  const mid = items.get(5) ?? items.get(sizes[1]!)!;
  const biggest = [...mid].sort((a, b) => b.usd - a.usd)[0]!;
  const cost5 = totals.get(5) ?? NaN;
  const lin = linearity(totals.get(1) ?? NaN, cost5, totals.get(20) ?? NaN, LINEARITY_TOLERANCE);
  // The same rule without Lambda compute: the twin runs the WorkTickets Map's iterations (no
  // MaxConcurrency) on one thread, so at 20 incidents each invocation's duration holds its siblings'.
  const withoutCompute = (size: number) => totals.get(size)! - items.get(size)!.find((i) => i.item.startsWith('Lambda compute'))!.usd;
  const linRest = linearity(withoutCompute(1), withoutCompute(5), withoutCompute(20), LINEARITY_TOLERANCE);
  return {
    title: 'Cost per onboarding on AWS',
    method:
      `Counted on the same twin after the scaling batches: ${COST_RUNS} complete onboardings per size (${COST_SIZES.join(', ')} incidents), one at a time so invocation durations are not queueing, then divided by ${COST_RUNS}. ` +
      `State transitions: the *StateEntered events of each execution's history (Step Functions Standard bills each). Lambda: every invocation the twin ran (infra/local/invocation-probe.ts), ` +
      `billed ceil(duration + init) ms × memory at the arm64 price, init on every invocation (a few onboardings a week: all cold starts) with each function's init time from the cold-start section of this run (its median import time here; bench/cost-model.ts has the estimates used when that section does not run). ` +
      `DynamoDB: each request's ConsumedCapacity (bench/meters/dynamodb-meter.ts), on-demand units. E-mails: the SES store's growth. API: the actors' own requests. ` +
      `CloudWatch Logs: the bytes handlers wrote at INFO with metrics on (EMF included), ${PLATFORM_LOG_BYTES} B of START/END/REPORT per invocation and an access log line of ${ACCESS_LOG_LINE_BYTES} B per request (estimates). ` +
      `X-Ray: ${TRACES_ASSUMPTION}. The harness's status polls (GET /onboardings/{id} every ${POLL_MS} ms) are left out everywhere (API, ${POLLED_FUNCTION} invocations, reads, logs): no person reads that often. ` +
      `Not counted: Secrets Manager reads, KMS, CloudWatch metric and alarm charges (monthly, not per onboarding), storage. Prices: ${Object.values(PRICES).map((p) => p.source).filter((v, i, a) => a.indexOf(v) === i).join(', ')} — to be checked against the pages.`,
    tables: [counts, costs, perFunction],
    targets: [
      { figure: 'cost per onboarding, 5 incidents', value: usd(cost5), target: `< $${COST_TARGET_USD}`, met: cost5 < COST_TARGET_USD, note: `biggest item: ${biggest.item} (${usd(biggest.usd)})` },
      {
        figure: 'linear in incidents: $/incident 1→5 vs 5→20',
        value: `${usd(lin.low)} vs ${usd(lin.high)} (${(lin.deviation * 100).toFixed(1)}% apart)`,
        target: `within ${LINEARITY_TOLERANCE * 100}%`,
        met: lin.met,
        note:
          `Without Lambda compute: ${usd(linRest.low)} vs ${usd(linRest.high)} (${(linRest.deviation * 100).toFixed(1)}% apart). ` +
          'The twin runs the WorkTickets Map (no MaxConcurrency) on one thread, so at 20 incidents each AssignTechnician/AwaitResolution duration includes its siblings\' work; on AWS each has its own sandbox.',
      },
    ],
  };
}

function memorySection(batch: BatchResult): Section {
  const m = batch.memory!;
  const mb = (x: number) => `${Math.round(x)} MB`;
  return {
    title: 'Memory',
    method:
      `During the N=${batch.n} batch: this Node process (twin, handlers and harness) sampled with process.memoryUsage.rss() and the DynamoDB Local JVM with VmRSS from /proc/<pid>/status, every 200 ms (${m.samples} samples); ` +
      `VmHWM, read at the end of the batch, is each process's peak since it started (the reference onboarding and the smaller batches included).`,
    tables: [
      {
        header: ['process', `peak RSS during N=${batch.n}`, 'VmHWM (lifetime peak)'],
        align: ['l', 'r', 'r'],
        rows: [
          ['Node (twin + handlers + harness)', mb(m.nodePeakMb), mb(m.nodeHwmMb)],
          ['DynamoDB Local (JVM)', mb(m.otherPeakMb), mb(m.otherHwmMb)],
        ],
      },
    ],
  };
}
