/**
 * Public list prices, eu-west-1 (Ireland), on-demand, no free tier, as known on PRICES_AS_OF.
 * Written from memory of the pricing pages below, not fetched: check every figure against its
 * page before quoting a cost outside this repository (prices change, and regions differ).
 */
export const PRICES_AS_OF = '2026-12-02';
export const PRICE_REGION = 'eu-west-1';

export interface Price {
  /** US dollars per `per` units of `unit`. */
  usd: number;
  per: number;
  unit: string;
  source: string;
}

export const PRICES = {
  /** Step Functions Standard: every state entered is one transition. */
  stepFunctionsTransition: { usd: 0.025, per: 1_000, unit: 'state transitions', source: 'https://aws.amazon.com/step-functions/pricing/' },
  /** Lambda on arm64 (Graviton): compute per GB-second of billed duration (init included). */
  lambdaArmGbSecond: { usd: 0.0000133334, per: 1, unit: 'GB-s (arm64)', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaRequest: { usd: 0.2, per: 1_000_000, unit: 'requests', source: 'https://aws.amazon.com/lambda/pricing/' },
  /** DynamoDB on-demand after the November 2024 price cut (throughput halved). */
  dynamoDbWriteUnit: { usd: 0.7068, per: 1_000_000, unit: 'write request units', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoDbReadUnit: { usd: 0.1414, per: 1_000_000, unit: 'read request units', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  /** Outbound e-mail sent from a Lambda (not EC2): no free tier assumed. Attachment bytes ($0.12/GB) are left out. */
  sesEmail: { usd: 0.1, per: 1_000, unit: 'e-mails', source: 'https://aws.amazon.com/ses/pricing/' },
  /** HTTP API, the first 300 million requests a month. */
  httpApiRequest: { usd: 1.11, per: 1_000_000, unit: 'requests', source: 'https://aws.amazon.com/api-gateway/pricing/' },
  /** CloudWatch Logs, Standard log class, ingestion (storage at a few KB per onboarding is left out). */
  logsIngestedGb: { usd: 0.57, per: 1, unit: 'GB ingested', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  /** X-Ray traces recorded (retrieval and scans not counted). */
  xrayTraceRecorded: { usd: 5, per: 1_000_000, unit: 'traces recorded', source: 'https://aws.amazon.com/xray/pricing/' },
} as const satisfies Record<string, Price>;

/** The dollars `quantity` units cost at `price`. */
export const costAt = (price: Price, quantity: number): number => (price.usd / price.per) * quantity;
