import { randomUUID } from 'node:crypto';
import { startTwin } from '../infra/local/twin';
import { compare, inverse, ratio, type Stats } from './harness';
import { intakeBody } from './inputs';
import type { Section } from './report-types';
import { TwinClient, until } from './twin-client';

const SEED_ONBOARDINGS = 30;
const READ_ROUNDS = 100;
const REQUESTS_PER_READ_ROUND = 4;
const BURST_REQUESTS = 96;
const BURST_ROUNDS = 12;
const CONCURRENCY = 8;
const WRITE_ROUNDS = 40;
const SETTLE_TIMEOUT_MS = 45_000;

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
    policy: { analysisReminderSeconds: 3600, decisionReminderSeconds: 3600 },
  });
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
    const floor = () => anonymous.call('GET', '/nope', 404);
    const getOne = () => staff.call('GET', `/onboardings/${nextId()}`, 200);

    log('  sequential reads…');
    const reads = await compare(
      [
        { name: 'floor', run: floor },
        { name: 'get', run: getOne },
        { name: 'list', run: () => staff.call('GET', listPath, 200) },
      ],
      { rounds: READ_ROUNDS, warmupRounds: 5, opsPerRound: REQUESTS_PER_READ_ROUND },
    );

    log(`  throughput, 1 vs ${CONCURRENCY} clients…`);
    const burst = (clients: number) => async () => {
      let issued = 0;
      const worker = async () => {
        while (issued < BURST_REQUESTS) {
          issued++;
          await getOne();
        }
      };
      await Promise.all(Array.from({ length: clients }, worker));
    };
    const bursts = await compare(
      [
        { name: 'c1', run: burst(1) },
        { name: `c${CONCURRENCY}`, run: burst(CONCURRENCY) },
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
        { name: 'post', run: async () => created.push((await create()).onboardingId) },
      ],
      { rounds: WRITE_ROUNDS, warmupRounds: 3, opsPerRound: 1, afterEach: settleCreated },
    );
    await settleCreated();

    const r = (map: Map<string, Stats>, name: string) => map.get(name)!;
    return {
      title: 'API on the local twin (loopback HTTP, in-process)',
      method:
        `The whole twin (API emulator with JWT authorizer, handlers, Step Functions, SES) runs in this Node process, with DynamoDB Local in a JVM child process, ` +
        `started with free ports and reminders an hour away; the client is Node's fetch over 127.0.0.1, in the same process. ` +
        `${SEED_ONBOARDINGS} onboardings are seeded and waited for until AWAITING_ANALYSIS before reads are measured. ` +
        `Reads: ${READ_ROUNDS} interleaved rounds of ${REQUESTS_PER_READ_ROUND} sequential requests per row. ` +
        `Throughput: ${BURST_ROUNDS} interleaved rounds of a burst of ${BURST_REQUESTS} GET /onboardings/{id}, spread over 1 or ${CONCURRENCY} concurrent clients. ` +
        `Writes: ${WRITE_ROUNDS} interleaved rounds of one POST and one 404, measured last; after each request, untimed, the run waits until the workflow that POST started is parked in AWAITING_ANALYSIS, so every request meets a quiet twin.`,
      rows: [
        { label: 'GET /nope → 404 (reads)', measures: "Unauthenticated unknown route: the emulator's own floor (HTTP, routing, no handler), alongside the reads.", stats: r(reads, 'floor'), kind: 'latency' },
        { label: 'GET /onboardings/{id}', measures: 'JWT check, role check, one partition Query (aggregate + timeline), JSON out.', stats: r(reads, 'get'), kind: 'latency' },
        { label: 'GET /onboardings?status=…&limit=20', measures: 'JWT check, one GSI Query for a 20-item page, summaries and a cursor.', stats: r(reads, 'list'), kind: 'latency' },
        { label: 'GET /onboardings/{id} ×96, 1 client', measures: 'A burst of sequential requests; throughput = requests / burst time.', stats: r(bursts, 'c1'), kind: 'throughput', requestsPerOp: BURST_REQUESTS },
        { label: `GET /onboardings/{id} ×96, ${CONCURRENCY} clients`, measures: `The same burst over ${CONCURRENCY} concurrent clients.`, stats: r(bursts, `c${CONCURRENCY}`), kind: 'throughput', requestsPerOp: BURST_REQUESTS },
        { label: 'GET /nope → 404 (writes)', measures: 'The floor again, interleaved with the writes (the reference for POST).', stats: r(writes, 'floor'), kind: 'latency' },
        { label: 'POST /onboardings', measures: 'JWT check, intake validation (2 incidents), 3 writes (idempotency key, aggregate, timeline), StartExecution.', stats: r(writes, 'post'), kind: 'latency' },
      ],
      ratios: [
        { label: 'GET /onboardings/{id} / 404 floor', ratio: ratio(r(reads, 'get'), r(reads, 'floor')), meaning: 'What a partition read costs over the bare emulator.' },
        { label: 'GET /onboardings list / 404 floor', ratio: ratio(r(reads, 'list'), r(reads, 'floor')), meaning: 'What a 20-item GSI page costs over the bare emulator.' },
        { label: 'POST /onboardings / 404 floor', ratio: ratio(r(writes, 'post'), r(writes, 'floor')), meaning: 'What an intake (validate, write, start) costs over the bare emulator.' },
        {
          label: `throughput ${CONCURRENCY} / 1 clients`,
          ratio: inverse(ratio(r(bursts, `c${CONCURRENCY}`), r(bursts, 'c1'))),
          meaning: `How much more the twin serves with ${CONCURRENCY} clients in flight. Client, emulator and handlers share one JavaScript thread (DynamoDB Local runs in its own JVM), so this mostly measures overlap of waiting, not extra cores.`,
        },
      ],
    };
  } finally {
    await twin.close();
  }
}
