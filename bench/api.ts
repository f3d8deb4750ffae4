import { randomUUID } from 'node:crypto';
import type { ApiRoute } from '../infra/local/api';
import { startTwin } from '../infra/local/twin';
import { compare, inverse, quantileOf, ratio, summarize, type Stats } from './harness';
import { intakeBody } from './inputs';
import { Mailbox } from './mailbox';
import { DynamoDbMeter, isRead } from './meters/dynamodb-meter';
import { ApiCounter, resolveTicket, signInStaff, walkOnboarding, type CountedClient } from './onboarding-actors';
import type { Section, Table, Target } from './report-types';
import { TwinClient, until } from './twin-client';

/** The floor every route is compared with: a Lambda route through the same gateway that does nothing. */
const NO_OP_ROUTE: ApiRoute = { method: 'GET', path: '/bench/no-op', access: 'public', functionName: 'BenchNoOp', handler: () => Promise.resolve({ statusCode: 204 }) };
/** Why a route makes more DynamoDB requests than its ceiling, and what would close it. */
const OVER_CEILING_NOTES: Record<string, string> = {
  'POST /tickets/{id}/resolve':
    'reads: the ticket, the caller\'s technician (two: the e-mail\'s lookup item, then the record), the ticket again inside changeTicket (its optimistic-concurrency loop rereads on the first attempt too), and the query for tickets waiting for a technician (the wake-up, since capacity came free); ' +
    'writes: the transaction (ticket, timeline event, technician capacity), the callback outbox record, and its settlement. ' +
    'To close it: let changeTicket start from the ticket already read (one read less on every ticket action), write the outbox record inside the same transaction (one write less, and atomic with the resolution), move the wake-up into the workflow step that runs after the resumed wait (off the request), and check the assignee against the technician id the e-mail\'s lookup item already holds (the whole record is not needed to act on a ticket). That leaves 2 reads and 2 writes.',
};

/** The issue's ceilings: DynamoDB requests per API call. */
const MAX_REQUESTS = { read: 3, write: 4 } as const;

const SEED_ONBOARDINGS = 24;
const READ_ROUNDS = 200;
/** One request per round: every sample is one request's latency, so p99 is a request's, not a batch mean's. */
const REQUESTS_PER_READ_ROUND = 1;
const BURST_REQUESTS = 96;
const BURST_ROUNDS = 8;
const CONCURRENCY = 8;
const WRITE_ROUNDS = 60;
const SETTLE_TIMEOUT_MS = 45_000;
/** Onboardings walked one after another to their tickets, whose 3 resolves each are timed. */
const RESOLVE_ONBOARDINGS = 6;

interface Accepted {
  onboardingId: string;
  status: string;
}
interface Detail {
  status: string;
  /** True once the AwaitAnalysis step has stored its task token: the workflow is parked. */
  waitingForAnalysis: boolean;
}
interface Page {
  items: unknown[];
}

/** The API on the local twin, in this process, over loopback HTTP. */
export async function benchApi(log: (line: string) => void): Promise<Section> {
  const twin = await startTwin({
    ports: { api: 0, stepFunctions: 0, dynamodb: 0, ses: 0, secretsManager: 0 },
    apiLog: () => undefined,
    // Long waits: no reminder or escalation fires while we measure.
    policy: { analysisReminderSeconds: 3600, decisionReminderSeconds: 3600, monitoringSeconds: 1 },
    extraRoutes: [NO_OP_ROUTE],
  });
  // Imported once the twin has set the environment, as a handler module would be.
  const { documentClient } = await import('../functions/adapters/dynamodb/client');
  const meter = DynamoDbMeter.attach(documentClient);
  try {
    const anonymous = new TwinClient(twin.urls.api);
    const staff = await TwinClient.signedIn(twin.urls.api, 'account-manager', 'bench@breakfix.example');
    const create = () =>
      staff.call<Accepted>('POST', '/onboardings', 202, { json: intakeBody(2), headers: { 'idempotency-key': `bench-${randomUUID()}` } });
    const settle = async (ids: readonly string[], intervalMs = 200) => {
      const pending = new Set(ids);
      await until(
        `${ids.length} onboardings parked in AWAITING_ANALYSIS`,
        async () => {
          for (const id of [...pending]) {
            const { status, waitingForAnalysis } = await staff.call<Detail>('GET', `/onboardings/${id}`, 200);
            if (status === 'AWAITING_ANALYSIS' && waitingForAnalysis) pending.delete(id);
            else if (status === 'FAILED') throw new Error(`onboarding ${id} FAILED while seeding`);
          }
          return pending.size === 0;
        },
        SETTLE_TIMEOUT_MS,
        intervalMs,
      );
    };

    // Seed, then wait until every workflow is parked on its task token: the table stops changing.
    // (Reminders are an hour away, so nothing moves again while we measure.)
    log(`  seeding ${SEED_ONBOARDINGS} onboardings…`);
    const ids: string[] = [];
    for (let i = 0; i < SEED_ONBOARDINGS; i++) ids.push((await create()).onboardingId);
    await settle(ids);
    const listPath = '/onboardings?status=AWAITING_ANALYSIS&limit=20';
    const firstPage = await staff.call<Page>('GET', listPath, 200);
    if (firstPage.items.length !== 20) throw new Error(`the list returned ${firstPage.items.length} items, expected 20`);

    let next = 0;
    const nextId = () => ids[next++ % ids.length]!;
    const floor = () => anonymous.call('GET', NO_OP_ROUTE.path, 204);
    const getOne = () => staff.call('GET', `/onboardings/${nextId()}`, 200);

    const requestsPerCall = new Map<string, { calls: number; reads: number; writes: number; scans: number }>();
    /** One call of `route` through `run`, counting the DynamoDB requests of `functionName` while it runs (sequential calls only). */
    const counted = (route: string, functionName: string, run: () => Promise<unknown>) => async () => {
      const before = meter.requests.length;
      await run();
      const mine = meter.requests.slice(before).filter((request) => request.functionName === functionName);
      const entry = requestsPerCall.get(route) ?? { calls: 0, reads: 0, writes: 0, scans: 0 };
      entry.calls++;
      entry.reads += mine.filter((request) => isRead(request.operation)).length;
      entry.writes += mine.filter((request) => !isRead(request.operation)).length;
      entry.scans += mine.filter((request) => request.operation === 'Scan').length;
      requestsPerCall.set(route, entry);
    };

    log('  sequential reads…');
    const reads = await compare(
      [
        { name: 'floor', run: floor },
        { name: 'get', run: counted('GET /onboardings/{id}', 'GetOnboarding', getOne) },
        { name: 'list', run: counted('GET /onboardings?status=…', 'ListOnboardings', () => staff.call('GET', listPath, 200)) },
      ],
      { rounds: READ_ROUNDS, warmupRounds: 5, opsPerRound: REQUESTS_PER_READ_ROUND },
    );

    log(`  throughput, 1 vs ${CONCURRENCY} clients…`);
    const burstOf = (request: () => Promise<unknown>, clients: number) => async () => {
      let issued = 0;
      const worker = async () => {
        while (issued < BURST_REQUESTS) {
          issued++;
          await request();
        }
      };
      await Promise.all(Array.from({ length: clients }, worker));
    };
    const burst = (clients: number) => burstOf(getOne, clients);
    const bursts = await compare(
      [
        { name: 'c1', run: burst(1) },
        { name: `c${CONCURRENCY}`, run: burst(CONCURRENCY) },
        { name: 'noop', run: burstOf(floor, CONCURRENCY) },
      ],
      { rounds: BURST_ROUNDS, warmupRounds: 1, opsPerRound: 1 },
    );

    // Writes last. Every POST starts a workflow whose steps run in this process too, so after each
    // request (untimed) we wait until that workflow is parked in AWAITING_ANALYSIS again: each POST
    // and each 404 is measured on a quiet twin, as the reads were.
    log('  sequential writes…');
    const created: string[] = [];
    let settled = 0;
    const settleCreated = async () => {
      await settle(created.slice(settled), 10);
      settled = created.length;
    };
    const writes = await compare(
      [
        { name: 'floor', run: floor },
        { name: 'post', run: counted('POST /onboardings', 'CreateOnboarding', async () => created.push((await create()).onboardingId)) },
      ],
      { rounds: WRITE_ROUNDS, warmupRounds: 3, opsPerRound: 1, afterEach: settleCreated },
    );
    await settleCreated();

    // Resolves: onboardings walked to their tickets one at a time (every actor through the API, as
    // in the end-to-end run); each resolve is timed with a no-op request just before it, and no
    // other ticket action runs meanwhile, so TicketActions' DynamoDB requests are this call's.
    log(`  resolves: ${RESOLVE_ONBOARDINGS} onboardings walked to their tickets…`);
    const resolveSamples: number[] = [];
    const resolveFloor: number[] = [];
    const mailbox = new Mailbox(twin.urls.ses);
    mailbox.start();
    try {
      const walkStaff = await signInStaff(twin.urls.api, new ApiCounter(), { count: 2, capacity: 25, tag: 'api' });
      const timedResolve = async (technician: CountedClient, ticketId: string) => {
        const floorStarted = process.hrtime.bigint();
        await floor();
        resolveFloor.push(Number(process.hrtime.bigint() - floorStarted));
        const started = process.hrtime.bigint();
        await counted('POST /tickets/{id}/resolve', 'TicketActions', () => resolveTicket(technician, ticketId))();
        resolveSamples.push(Number(process.hrtime.bigint() - started));
      };
      for (let i = 0; i < RESOLVE_ONBOARDINGS; i++) {
        await walkOnboarding({ staff: walkStaff, mailbox, tag: `api-${i}`, incidents: 3, pollMs: 100, stepTimeoutMs: SETTLE_TIMEOUT_MS, resolveTicket: timedResolve });
      }
    } finally {
      mailbox.stop();
    }
    const resolves = new Map([
      ['floor', summarize('floor', resolveFloor)],
      ['resolve', summarize('resolve', resolveSamples)],
    ]);

    const extraLatencyRows: Array<{ route: string; stats: Stats; floor: Stats }> = [
      { route: `${NO_OP_ROUTE.method} ${NO_OP_ROUTE.path} (resolves' pairs)`, stats: resolves.get('floor')!, floor: resolves.get('floor')! },
      { route: 'POST /tickets/{id}/resolve', stats: resolves.get('resolve')!, floor: resolves.get('floor')! },
    ];
    const r = (map: Map<string, Stats>, name: string) => map.get(name)!;
    const percentile = (stats: Stats, q: number) => quantileOf(stats.samples, q);
    const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;
    const perSecond = (ns: number) => `${(1e9 / ns).toFixed(0)}/s`;
    const latencyRow = (route: string, stats: Stats, floorStats: Stats) => [
      route,
      ms(percentile(stats, 0.5)),
      ms(percentile(stats, 0.99)),
      `${ratio(stats, floorStats).value.toFixed(2)}×`,
      perSecond(stats.samples.reduce((sum, x) => sum + x, 0) / stats.samples.length),
      String(stats.samples.length),
    ];
    const latency: Table = {
      caption: `Latency per request (one request per sample) and sequential throughput (one client). "÷ no-op" is the median per-round ratio to \`${NO_OP_ROUTE.method} ${NO_OP_ROUTE.path}\` measured in the same rounds. With ${CONCURRENCY} concurrent clients: GET /onboardings/{id} ${perSecond(r(bursts, `c${CONCURRENCY}`).median / BURST_REQUESTS)}, the no-op route ${perSecond(r(bursts, 'noop').median / BURST_REQUESTS)}.`,
      header: ['Route', 'p50', 'p99', '÷ no-op (median)', 'Throughput, 1 client', 'Samples'],
      align: ['l', 'r', 'r', 'r', 'r', 'r'],
      rows: [
        latencyRow(`${NO_OP_ROUTE.method} ${NO_OP_ROUTE.path} (reads' rounds)`, r(reads, 'floor'), r(reads, 'floor')),
        latencyRow('GET /onboardings/{id}', r(reads, 'get'), r(reads, 'floor')),
        latencyRow('GET /onboardings?status=…&limit=20', r(reads, 'list'), r(reads, 'floor')),
        latencyRow(`${NO_OP_ROUTE.method} ${NO_OP_ROUTE.path} (writes' rounds)`, r(writes, 'floor'), r(writes, 'floor')),
        latencyRow('POST /onboardings', r(writes, 'post'), r(writes, 'floor')),
        ...extraLatencyRows.map((row) => latencyRow(row.route, row.stats, row.floor)),
      ],
    };
    const scansAnywhere = meter.requests.filter((request) => request.operation === 'Scan').length;
    const requestRows = [...requestsPerCall].map(([route, entry]) => ({ route, reads: entry.reads / entry.calls, writes: entry.writes / entry.calls, scans: entry.scans, calls: entry.calls, isWrite: route.startsWith('POST') }));
    const dynamodb: Table = {
      caption: `DynamoDB requests made by the route's own function, per call (the workflow steps a POST starts are counted apart). Scans anywhere in this section, every function: ${scansAnywhere} of ${meter.requests.length} requests.`,
      header: ['Route', 'Reads per call', 'Writes per call', 'Scans', 'Calls counted', 'Ceiling'],
      align: ['l', 'r', 'r', 'r', 'r', 'r'],
      rows: requestRows.map((row) => [row.route, row.reads.toFixed(2), row.writes.toFixed(2), String(row.scans), String(row.calls), row.isWrite ? `≤ ${MAX_REQUESTS.write} requests` : `≤ ${MAX_REQUESTS.read} requests`]),
    };
    const targets: Target[] = requestRows.map((row) => {
      const total = row.reads + row.writes;
      const ceiling = row.isWrite ? MAX_REQUESTS.write : MAX_REQUESTS.read;
      return { figure: `DynamoDB requests per ${row.route}`, value: `${total.toFixed(2)} (${row.reads.toFixed(0)} reads, ${row.writes.toFixed(0)} writes)`, target: `≤ ${ceiling}`, met: total <= ceiling, note: OVER_CEILING_NOTES[row.route] };
    });
    targets.push({ figure: 'DynamoDB Scans, every function', value: String(scansAnywhere), target: '0', met: scansAnywhere === 0 });
    return {
      title: 'API on the local twin (loopback HTTP, in-process)',
      method:
        `The whole twin (API emulator with JWT authorizer, handlers, Step Functions, SES) runs in this Node process, with DynamoDB Local in a JVM child process, ` +
        `started with free ports and reminders an hour away; the client is Node's fetch over 127.0.0.1, in the same process. ` +
        `${SEED_ONBOARDINGS} onboardings are seeded and waited for until AWAITING_ANALYSIS before reads are measured. ` +
        `Reads: ${READ_ROUNDS} interleaved rounds of ${REQUESTS_PER_READ_ROUND} sequential requests per row. ` +
        `Throughput: ${BURST_ROUNDS} interleaved rounds of a burst of ${BURST_REQUESTS} GET /onboardings/{id}, spread over 1 or ${CONCURRENCY} concurrent clients. ` +
        `Writes: ${WRITE_ROUNDS} interleaved rounds of one POST and one no-op request; after each request, untimed, the run waits until the workflow that POST started is parked in AWAITING_ANALYSIS, so every request meets a quiet twin. ` +
        `Resolves: ${RESOLVE_ONBOARDINGS} onboardings of 3 incidents walked one after another, every actor through the API; each of their ${RESOLVE_ONBOARDINGS * 3} resolves is timed right after a no-op request. ` +
        `The no-op route (\`${NO_OP_ROUTE.method} ${NO_OP_ROUTE.path}\`) goes through the same gateway and a Lambda invocation whose handler answers 204 at once. ` +
        'DynamoDB requests are counted in the shared document client (ReturnConsumedCapacity asked of each) and attributed to the function whose invocation made them.',
      rows: [
        { label: `${NO_OP_ROUTE.path} (reads)`, measures: 'A public route whose handler returns 204 at once: the floor of gateway, Lambda invocation and HTTP, alongside the reads.', stats: r(reads, 'floor'), kind: 'latency' },
        { label: 'GET /onboardings/{id}', measures: 'JWT check, role check, one partition Query (aggregate + timeline), JSON out.', stats: r(reads, 'get'), kind: 'latency' },
        { label: 'GET /onboardings?status=…&limit=20', measures: 'JWT check, one GSI Query for a 20-item page, summaries and a cursor.', stats: r(reads, 'list'), kind: 'latency' },
        { label: 'GET /onboardings/{id} ×96, 1 client', measures: 'A burst of sequential requests; throughput = requests / burst time.', stats: r(bursts, 'c1'), kind: 'throughput', requestsPerOp: BURST_REQUESTS },
        { label: `GET /onboardings/{id} ×96, ${CONCURRENCY} clients`, measures: `The same burst over ${CONCURRENCY} concurrent clients.`, stats: r(bursts, `c${CONCURRENCY}`), kind: 'throughput', requestsPerOp: BURST_REQUESTS },
        { label: `${NO_OP_ROUTE.path} (writes)`, measures: 'The floor again, interleaved with the writes (the reference for POST).', stats: r(writes, 'floor'), kind: 'latency' },
        { label: 'POST /onboardings', measures: 'JWT check, intake validation (2 incidents), the intake written, StartExecution.', stats: r(writes, 'post'), kind: 'latency' },
        { label: 'POST /tickets/{id}/resolve', measures: 'JWT check, assignee check, the resolution written, the waiting task resumed (SendTaskSuccess).', stats: resolves.get('resolve')!, kind: 'latency' },
      ],
      ratios: [
        { label: 'GET /onboardings/{id} / no-op', ratio: ratio(r(reads, 'get'), r(reads, 'floor')), meaning: 'What a partition read costs over the bare emulator.' },
        { label: 'GET /onboardings list / no-op', ratio: ratio(r(reads, 'list'), r(reads, 'floor')), meaning: 'What a 20-item GSI page costs over the bare emulator.' },
        { label: 'POST /tickets/{id}/resolve / no-op', ratio: ratio(resolves.get('resolve')!, resolves.get('floor')!), meaning: 'What resolving a ticket (check, transaction, the workflow resumed) costs over the bare route.' },
        { label: 'POST /onboardings / no-op', ratio: ratio(r(writes, 'post'), r(writes, 'floor')), meaning: 'What an intake (validate, write, start) costs over the bare emulator.' },
        {
          label: `throughput ${CONCURRENCY} / 1 clients`,
          ratio: inverse(ratio(r(bursts, `c${CONCURRENCY}`), r(bursts, 'c1'))),
          meaning: `How much more the twin serves with ${CONCURRENCY} clients in flight. Client, emulator and handlers share one JavaScript thread (DynamoDB Local runs in its own JVM), so this mostly measures overlap of waiting, not extra cores.`,
        },
      ],
      tables: [latency, dynamodb],
      targets,
    };
  } finally {
    meter.stop();
    await twin.close();
  }
}
