import { impliedBytes, utf8Bytes, type TextBound } from './text-fields';

/*
 * What the bounds on free text and counts add up to once stored. DynamoDB refuses an item over
 * 400 KB (attribute names and values together); the adapters check an item's size before writing
 * it (functions/adapters/dynamodb/item-size.ts), and this file shows, from the bounds alone, that
 * no item the API allows comes near that limit. test/unit/size-budget.test.ts fails when a bound
 * is raised without room for it, and keeps docs/limits.md (the table of every bound) in step.
 *
 * Sizes follow DynamoDB's rules ("Item sizes and formats" in the DynamoDB Developer Guide):
 *  - a string is its UTF-8 bytes; a binary value its raw bytes;
 *  - a number is about 1 byte per two significant digits, plus 1;
 *  - a boolean or null is 1 byte;
 *  - a list or map is 3 bytes, plus 1 byte per element, plus its elements (a map's element also
 *    counts its name's UTF-8 bytes);
 *  - an item is the sum of its attribute names' UTF-8 bytes and its values.
 * The worst case below gives every optional field a value, every list its maximum length, every
 * string its byte bound and every number its largest digit count.
 */

/** DynamoDB's item limit: 400 KB, names and values together. */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;
/** The pre-write check refuses an item above this: DynamoDB's limit less a margin for the estimate's approximations. */
export const WRITE_LIMIT_BYTES = DYNAMODB_ITEM_LIMIT_BYTES - 16 * 1024;
/** The largest item the API's bounds allow must stay under this, well below the limit. */
export const ITEM_BUDGET_BYTES = 300 * 1024;

/**
 * Every free-text bound, in characters and UTF-8 bytes. Where a byte bound is below 3 bytes per
 * character the byte bound is what protects storage: 300 bytes hold 200 characters of Dutch or
 * Polish text, but 75 emoji. Fields checked outside the domain's schemas take the byte bound
 * their character bound implies (3 per character), so the sums below are true for them too.
 */
export const TEXT_BOUNDS = {
  // POST /onboardings (the intake; stored on the aggregate)
  companyName: { chars: 200, bytes: 300 },
  contactName: { chars: 200, bytes: 300 },
  expectationsSummary: { chars: 4000, bytes: 4000 },
  incidentTitle: { chars: 200, bytes: 300 },
  incidentDescription: { chars: 2000, bytes: 2000 },
  incidentCategory: { chars: 100, bytes: 150 },
  // POST /onboardings/{id}/analysis (the aggregate, the analysis version, the agreement's lines)
  rootCause: { chars: 2000, bytes: 2000 },
  solution: { chars: 2000, bytes: 2000 },
  skill: { chars: 60, bytes: 90 },
  materialDescription: { chars: 120, bytes: 180 },
  analysisNotes: { chars: 4000, bytes: 4000 },
  // POST /onboardings/{id}/incidents and the client's problem page (incident and ticket items)
  staffIncidentTitle: { chars: 200, bytes: 300 },
  staffIncidentDescription: { chars: 4000, bytes: 6000 },
  staffIncidentCategory: { chars: 60, bytes: 90 },
  problemTitle: { chars: 200, bytes: 300 },
  problemDescription: { chars: 4000, bytes: 6000 },
  // Technicians and tickets
  technicianName: { chars: 120, bytes: 180 },
  workLogNote: { chars: 500, bytes: 750 },
  resolutionSummary: { chars: 4000, bytes: 6000 },
  resolutionFollowUp: { chars: 500, bytes: 750 },
  holdReason: { chars: 1000, bytes: 1500 },
  // Checked outside the domain's schemas: their character bound implies their byte bound.
  decisionName: { chars: 200, bytes: impliedBytes(200) },
  decisionComment: { chars: 4000, bytes: impliedBytes(4000) },
  releaseComment: { chars: 2000, bytes: impliedBytes(2000) },
  feedbackComment: { chars: 2000, bytes: impliedBytes(2000) },
  userAgent: { chars: 512, bytes: impliedBytes(512) },
} as const satisfies Record<string, TextBound>;
export type TextBoundName = keyof typeof TEXT_BOUNDS;

/** Where each bound applies and which items hold the text (docs/limits.md is rendered from this). */
export const FREE_TEXT_FIELDS: ReadonlyArray<{ bound: TextBoundName; where: string; stored: string }> = [
  { bound: 'companyName', where: 'POST /onboardings `/client/companyName`', stored: 'aggregate, agreement versions, report' },
  { bound: 'contactName', where: 'POST /onboardings `/contacts/*/name`', stored: 'aggregate, agreement versions' },
  { bound: 'expectationsSummary', where: 'POST /onboardings `/expectations/summary`', stored: 'aggregate' },
  { bound: 'incidentTitle', where: 'POST /onboardings `/incidents/*/title`', stored: 'aggregate, agreement versions, tickets, report' },
  { bound: 'incidentDescription', where: 'POST /onboardings `/incidents/*/description`', stored: 'aggregate' },
  { bound: 'incidentCategory', where: 'POST /onboardings `/incidents/*/category`', stored: 'aggregate' },
  { bound: 'rootCause', where: 'POST /onboardings/{id}/analysis `/items/*/rootCause`', stored: 'aggregate, analysis and agreement versions' },
  { bound: 'solution', where: 'POST /onboardings/{id}/analysis `/items/*/solution`', stored: 'aggregate, analysis and agreement versions' },
  {
    bound: 'skill',
    where: 'POST /onboardings/{id}/analysis `/items/*/requiredSkills/*`, POST /onboardings/{id}/incidents and PATCH /tickets/{id} `/requiredSkills/*`, POST and PATCH /technicians `/skills/*`',
    stored: 'aggregate, analysis versions, tickets, technicians',
  },
  { bound: 'materialDescription', where: 'POST /onboardings/{id}/analysis `/items/*/materials/*/description`', stored: 'aggregate, analysis and agreement versions' },
  { bound: 'analysisNotes', where: 'POST /onboardings/{id}/analysis `/notes`', stored: 'aggregate, analysis versions' },
  { bound: 'staffIncidentTitle', where: 'POST /onboardings/{id}/incidents `/title`', stored: 'reported incident, ticket, report' },
  { bound: 'staffIncidentDescription', where: 'POST /onboardings/{id}/incidents `/description`', stored: 'reported incident' },
  { bound: 'staffIncidentCategory', where: 'POST /onboardings/{id}/incidents `/category`', stored: 'reported incident' },
  { bound: 'problemTitle', where: 'POST /problems/{token} `title`', stored: 'reported incident, ticket, report' },
  { bound: 'problemDescription', where: 'POST /problems/{token} `description`', stored: 'reported incident' },
  { bound: 'technicianName', where: 'POST and PATCH /technicians `/name`', stored: 'technician, tickets (assignee, candidates)' },
  { bound: 'workLogNote', where: 'POST /tickets/{id}/work-log `/note`', stored: 'ticket' },
  { bound: 'resolutionSummary', where: 'POST /tickets/{id}/resolve `/summary`', stored: 'ticket' },
  { bound: 'resolutionFollowUp', where: 'POST /tickets/{id}/resolve `/followUp`', stored: 'ticket, report' },
  { bound: 'holdReason', where: 'POST /tickets/{id}/hold `/reason`', stored: 'ticket' },
  { bound: 'decisionName', where: 'POST /agreements/{token} `name`', stored: 'aggregate (decision, change requests), link, evidence' },
  { bound: 'decisionComment', where: 'POST /agreements/{token} `comment`', stored: 'aggregate (decision, change requests), link, evidence' },
  { bound: 'releaseComment', where: 'POST /onboardings/{id}/agreement/release and …/return `/comment`', stored: 'aggregate' },
  { bound: 'feedbackComment', where: 'POST /feedback/{token} `comment`', stored: 'link, feedback' },
  { bound: 'userAgent', where: 'the `User-Agent` of POST /agreements/{token} (cut to its first 512 characters)', stored: 'link, evidence' },
];

/** Every bounded count that multiplies a text bound. */
export const COUNTS = {
  contacts: 20,
  incidents: 25,
  skillsPerItem: 10,
  materialsPerItem: 20,
  materialsPerAnalysis: 100,
  technicianSkills: 30,
  workLogEntries: 100,
  /** The client's change requests: every stage's `maxRevisions` must stay at or below this (test/unit/size-budget.test.ts checks infra/stage-config.ts). */
  changeRequests: 3,
  /** inc-01 … inc-99: the intake's and every reported problem's tickets. */
  ticketsPerOnboarding: 99,
} as const;

/** What each count bounds and where (docs/limits.md is rendered from this). */
export const COUNT_FIELDS: ReadonlyArray<{ count: keyof typeof COUNTS; what: string }> = [
  { count: 'contacts', what: 'contacts per intake (POST /onboardings `/contacts`)' },
  { count: 'incidents', what: 'incidents per intake, and so items per analysis (`/incidents`, `/items`)' },
  { count: 'skillsPerItem', what: 'required skills per analysis item, staff-reported incident and ticket' },
  { count: 'materialsPerItem', what: 'materials per analysis item (`/items/*/materials`; was 50)' },
  { count: 'materialsPerAnalysis', what: 'materials over one analysis, all items together (`/items`)' },
  { count: 'technicianSkills', what: 'skills per technician (`/skills`)' },
  { count: 'workLogEntries', what: 'work-log entries per ticket (POST /tickets/{id}/work-log answers 409 beyond)' },
  { count: 'changeRequests', what: "the client's change requests per onboarding: every stage's `maxRevisions` in infra/stage-config.ts must be at most this" },
  { count: 'ticketsPerOnboarding', what: 'incidents and tickets per onboarding, the intake\'s and reported ones (inc-01 … inc-99)' },
];

/**
 * Not bounded by the API, assumed for the worst case: a service desk's technicians (every one a
 * candidate on a ticket's assignment record) and the problems a bound refused (open points of the
 * follow-up report). The pre-write check still names the field should either grow past its item.
 */
export const ASSUMED = {
  technicians: 100,
  refusedProblems: 50,
  /** Step Functions task tokens are at most 2048 characters (SendTaskSuccess), in ASCII. */
  taskTokenBytes: 2048,
  /** A Step Functions error name (States.* or a Lambda's errorType) is at most 256 characters. */
  failureErrorBytes: impliedBytes(256),
  /** Provider identity and terms URL from stage config (providerIdentitySchema; the URL at most 2048 bytes). */
  termsUrlBytes: 2048,
} as const;

/** The shape of a stored value, at its largest. */
export type Shape =
  | { readonly kind: 'string'; readonly bytes: number }
  | { readonly kind: 'number'; readonly digits: number }
  | { readonly kind: 'binary'; readonly bytes: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'map'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: 'list'; readonly max: number; readonly of: Shape };

export const str = (bytes: number): Shape => ({ kind: 'string', bytes });
export const num = (digits: number): Shape => ({ kind: 'number', digits });
export const bin = (bytes: number): Shape => ({ kind: 'binary', bytes });
export const bool: Shape = { kind: 'boolean' };
export const map = (fields: Record<string, Shape>): Shape => ({ kind: 'map', fields });
export const list = (max: number, of: Shape): Shape => ({ kind: 'list', max, of });
const t = (name: TextBoundName): Shape => str(TEXT_BOUNDS[name].bytes);

/** The size rules above, shared with the adapter's check so both count alike. */
export const SIZE_RULES = {
  containerBytes: 3,
  elementBytes: 1,
  booleanBytes: 1,
  numberBytes: (digits: number): number => 1 + Math.ceil(digits / 2),
} as const;

/** An attribute name's size: its UTF-8 bytes. */
export const utf8NameBytes = (name: string): number => utf8Bytes(name);

/** A value's size at its largest. */
export function shapeBytes(shape: Shape): number {
  switch (shape.kind) {
    case 'string':
    case 'binary':
      return shape.bytes;
    case 'number':
      return SIZE_RULES.numberBytes(shape.digits);
    case 'boolean':
      return SIZE_RULES.booleanBytes;
    case 'map':
      return (
        SIZE_RULES.containerBytes +
        Object.entries(shape.fields).reduce((sum, [name, field]) => sum + utf8NameBytes(name) + SIZE_RULES.elementBytes + shapeBytes(field), 0)
      );
    case 'list':
      return SIZE_RULES.containerBytes + shape.max * (SIZE_RULES.elementBytes + shapeBytes(shape.of));
  }
}

/** An item's size at its largest: its attributes' names and values. */
export function itemShapeBytes(attributes: Readonly<Record<string, Shape>>): number {
  return Object.entries(attributes).reduce((sum, [name, value]) => sum + utf8NameBytes(name) + shapeBytes(value), 0);
}

// Building blocks, at their largest.
const ISO = str(24); // 2026-11-04T10:00:00.000Z
const DATE = str(10);
const ONBOARDING_ID = str(30); // onb-<ULID>
const INCIDENT_ID = str(6); // inc-99
const TICKET_ID = str(33); // tkt-<ULID>-99
const TECHNICIAN_ID = str(31); // tech-<ULID>
const SUB = str(64); // a Cognito sub is a 36-character UUID
const EMAIL = str(254);
const HASH = str(64); // SHA-256, hex
const VERSION = num(4);
const CENTS = num(16); // Number.MAX_SAFE_INTEGER has 16 digits
const HOURS = num(5); // 200.25
const PERCENT = num(3);
const SMALL = num(3);
const STATUS = str(24);
const ENTITY = str(24);
const TOKEN = map({ taskToken: str(ASSUMED.taskTokenBytes), since: ISO });
const PRIORITY = str(8);
const STAFF = map({ sub: SUB, email: EMAIL });
const ACTOR = map({ kind: str(6), sub: SUB, email: EMAIL, name: t('decisionName'), step: str(32) });
const PDF_REF = map({ sha256: HASH, bytes: num(7) });
const TOTALS = map({ exclVatCents: CENTS, vatPercent: PERCENT, vatCents: CENTS, inclVatCents: CENTS });
const PER_PRIORITY = (of: Shape) => map({ critical: of, high: of, normal: of, low: of });
const onboardingKeys = (sk: number) => ({ pk: str(11 + 30), sk: str(sk), entity: ENTITY });

export interface MaterialCounts {
  materialsPerItem: number;
  materialsPerAnalysis: number;
}

const MATERIAL = map({ description: t('materialDescription'), quantity: num(5), unitCostCents: num(8) });
/** An analysis item's materials: at most materialsPerItem, and materialsPerAnalysis over the whole analysis. */
const ANALYSIS_ITEM = map({
  incidentId: INCIDENT_ID,
  rootCause: t('rootCause'),
  solution: t('solution'),
  actionType: str(13),
  estimatedHours: HOURS,
  requiredSkills: list(COUNTS.skillsPerItem, t('skill')),
  priority: PRIORITY,
  materials: list(0, MATERIAL),
});

/**
 * Items of an analysis with materials spread as far as the bounds let them: the list overheads
 * of every item, plus the materials themselves counted once over the analysis (at most
 * materialsPerAnalysis, at most materialsPerItem each).
 */
function itemsWithMaterials(item: Shape, material: Shape, counts: MaterialCounts = COUNTS): number {
  const materials = Math.min(counts.materialsPerAnalysis, COUNTS.incidents * counts.materialsPerItem);
  return shapeBytes(list(COUNTS.incidents, item)) + materials * (SIZE_RULES.elementBytes + shapeBytes(material));
}

const ANALYSIS_FIELDS = {
  version: VERSION,
  notes: t('analysisNotes'),
  submittedAt: ISO,
  submittedBy: STAFF,
};
/** The analysis as the aggregate and its version item hold it; `items` is counted by itemsWithMaterials. */
const analysisBytes = (counts: MaterialCounts) =>
  shapeBytes(map(ANALYSIS_FIELDS)) + utf8NameBytes('items') + SIZE_RULES.elementBytes + itemsWithMaterials(ANALYSIS_ITEM, MATERIAL, counts);

const CHANGE_REQUEST = map({ agreementVersion: VERSION, name: t('decisionName'), comment: t('decisionComment'), at: ISO });

/** The aggregate (ONBOARDING#<id> / AGGREGATE) without its analysis, which analysisBytes adds. */
export const AGGREGATE_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(9),
  byStatusPk: str(7 + 17),
  byStatusSk: str(24 + 1 + 30),
  byCreatedPk: str(11),
  byCreatedSk: str(24 + 1 + 30),
  id: ONBOARDING_ID,
  status: STATUS,
  statusSince: ISO,
  version: VERSION,
  createdAt: ISO,
  updatedAt: ISO,
  accountManager: STAFF,
  client: map({ companyName: t('companyName'), kvkNumber: str(8), vatNumber: str(14), locale: str(2) }),
  contacts: list(COUNTS.contacts, map({ name: t('contactName'), email: EMAIL, phone: str(20), role: str(9) })),
  expectations: map({ summary: t('expectationsSummary') }),
  incidents: list(
    COUNTS.incidents,
    map({ id: INCIDENT_ID, title: t('incidentTitle'), description: t('incidentDescription'), category: t('incidentCategory'), impact: PRIORITY, affectedUsers: num(7) }),
  ),
  failure: map({ error: str(ASSUMED.failureErrorBytes), at: ISO }),
  analysisRound: VERSION,
  pendingAnalysisTask: TOKEN,
  agreement: map({
    version: VERSION,
    analysisVersion: VERSION,
    hold: map({ reasons: list(2, str(24)), heldAt: ISO }),
    offerPdf: PDF_REF,
    decidedPdf: PDF_REF,
    createdAt: ISO,
    validUntil: DATE,
    totals: TOTALS,
    documentHash: HASH,
    linkHash: HASH,
    decision: map({ decision: str(15), name: t('decisionName'), at: ISO, comment: t('decisionComment') }),
  }),
  changeRequests: list(COUNTS.changeRequests, CHANGE_REQUEST),
  round: SMALL,
  roundStartedAt: ISO,
  lastIncidentNumber: SMALL,
  pendingProblems: SMALL,
  clientReports: SMALL,
  monitoring: map({ since: ISO, until: ISO }),
  monitoringTask: TOKEN,
  releaseTask: map({ taskToken: str(ASSUMED.taskTokenBytes), agreementVersion: VERSION, since: ISO }),
  releaseDecision: map({ agreementVersion: VERSION, action: str(7), by: STAFF, at: ISO, comment: t('releaseComment') }),
};

export const ANALYSIS_VERSION_SHAPE: Readonly<Record<string, Shape>> = { ...onboardingKeys(13), onboardingId: ONBOARDING_ID };

const RATE_CARD = map({
  currency: str(3),
  hourlyRateCents: num(6),
  priorities: PER_PRIORITY(map({ surchargePercent: PERCENT, responseTimeBusinessHours: PERCENT, resolutionTimeBusinessHours: num(4) })),
  vatPercent: PERCENT,
  invoicing: map({ frequency: str(10), paymentTermDays: PERCENT }),
  minimumBillableMinutes: PERCENT,
  validityDays: PERCENT,
  reviewAboveCents: num(11),
  analysisLimits: map({ maxHoursPerItem: HOURS, maxMaterialQuantity: num(5), maxMaterialUnitCostCents: num(8) }),
});
const AGREEMENT_MATERIAL = map({ description: t('materialDescription'), quantity: num(5), unitCostCents: num(8), totalCents: CENTS });
const AGREEMENT_LINE = map({
  incidentId: INCIDENT_ID,
  title: t('incidentTitle'),
  rootCause: t('rootCause'),
  solution: t('solution'),
  actionType: str(13),
  priority: PRIORITY,
  estimatedHours: HOURS,
  billableMinutes: num(6),
  hourlyRateCents: num(6),
  surchargePercent: PERCENT,
  labourCents: CENTS,
  materials: list(0, AGREEMENT_MATERIAL),
  materialsCents: CENTS,
  totalCents: CENTS,
});
const implied = (chars: number) => str(impliedBytes(chars));
/** The agreement version (AGREEMENT#<v>) without its lines, which the lines' sum adds. */
export const AGREEMENT_VERSION_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(14),
  onboardingId: ONBOARDING_ID,
  version: VERSION,
  analysisVersion: VERSION,
  createdAt: ISO,
  validUntil: DATE,
  client: map({ companyName: t('companyName'), kvkNumber: str(8), vatNumber: str(14), locale: str(2), contact: map({ name: t('contactName'), email: EMAIL }) }),
  provider: map({
    legalName: implied(200),
    address: map({ street: implied(200), postalCode: implied(20), city: implied(100), country: implied(100) }),
    kvkNumber: str(8),
    vatId: str(15),
    iban: str(34),
    termsUrl: str(ASSUMED.termsUrlBytes),
  }),
  release: map({ heldVersion: VERSION, releasedAt: ISO, releasedBy: EMAIL }),
  totals: TOTALS,
  responseTimes: PER_PRIORITY(PERCENT),
  resolutionTimes: PER_PRIORITY(num(4)),
  invoicing: map({ frequency: str(10), paymentTermDays: PERCENT }),
  minimumBillableMinutes: PERCENT,
  rateCard: RATE_CARD,
  documentHash: HASH,
  offerPdf: PDF_REF,
  decidedPdf: PDF_REF,
};

const TICKET_TITLE = str(Math.max(TEXT_BOUNDS.incidentTitle.bytes, TEXT_BOUNDS.staffIncidentTitle.bytes, TEXT_BOUNDS.problemTitle.bytes));
const BY_TECHNICIAN = map({ technicianId: TECHNICIAN_ID, email: EMAIL });
export const TICKET_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(9),
  byAssigneePk: str(9 + 31),
  byAssigneeSk: str(12 + 1 + 24 + 1 + 33),
  slaCheckPk: str(9),
  slaCheckSk: str(24 + 1 + 33),
  ticketId: TICKET_ID,
  ticketVersion: num(6),
  onboardingId: ONBOARDING_ID,
  incidentId: INCIDENT_ID,
  onboardingVersion: VERSION,
  round: SMALL,
  source: str(6),
  title: TICKET_TITLE,
  priority: PRIORITY,
  requiredSkills: list(COUNTS.skillsPerItem, t('skill')),
  estimatedHours: HOURS,
  slaTerms: PER_PRIORITY(map({ responseHours: PERCENT, resolutionHours: num(4) })),
  status: str(12),
  heldFrom: str(12),
  hold: map({ since: ISO, reason: t('holdReason') }),
  heldBusinessMs: num(13),
  createdAt: ISO,
  responseDueAt: ISO,
  resolveDueAt: ISO,
  responseWarnAt: ISO,
  resolveWarnAt: ISO,
  assignee: map({ technicianId: TECHNICIAN_ID, name: t('technicianName'), email: EMAIL }),
  assignedAt: ISO,
  assignment: map({
    rule: str(24),
    candidates: list(ASSUMED.technicians, map({ technicianId: TECHNICIAN_ID, name: t('technicianName'), load: SMALL, capacity: SMALL, lastAssignedAt: ISO })),
    lostTie: list(ASSUMED.technicians, TECHNICIAN_ID),
  }),
  acknowledgedAt: ISO,
  responseMet: bool,
  workLog: list(COUNTS.workLogEntries, map({ at: ISO, minutes: num(4), note: t('workLogNote'), by: BY_TECHNICIAN })),
  minutesLogged: num(6),
  resolvedAt: ISO,
  resolution: map({ summary: t('resolutionSummary'), followUp: t('resolutionFollowUp'), by: BY_TECHNICIAN }),
  responseWarnedAt: ISO,
  resolveWarnedAt: ISO,
  responseBreachedAt: ISO,
  resolveBreachedAt: ISO,
  nextSlaCheckAt: ISO,
  waitingForTechnicianSince: ISO,
  technicianTask: TOKEN,
  resolutionTask: TOKEN,
};

/** An incident reported after the intake (INCIDENT#<nn>). */
export const REPORTED_INCIDENT_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(11),
  id: INCIDENT_ID,
  title: str(Math.max(TEXT_BOUNDS.staffIncidentTitle.bytes, TEXT_BOUNDS.problemTitle.bytes)),
  description: str(Math.max(TEXT_BOUNDS.staffIncidentDescription.bytes, TEXT_BOUNDS.problemDescription.bytes)),
  category: str(Math.max(TEXT_BOUNDS.staffIncidentCategory.bytes, TEXT_BOUNDS.incidentCategory.bytes)),
  impact: PRIORITY,
  affectedUsers: num(7),
  onboardingId: ONBOARDING_ID,
  reportedAt: ISO,
  reportedBy: ACTOR,
  source: str(6),
};

export const TECHNICIAN_SHAPE: Readonly<Record<string, Shape>> = {
  pk: str(11),
  sk: str(11 + 31),
  entity: ENTITY,
  technicianId: TECHNICIAN_ID,
  name: t('technicianName'),
  email: EMAIL,
  skills: list(COUNTS.technicianSkills, t('skill')),
  capacity: SMALL,
  active: bool,
  load: SMALL,
  lastAssignedAt: ISO,
  createdAt: ISO,
  updatedAt: ISO,
};

const COMPLIANCE = map({ onTime: SMALL, missed: SMALL, total: SMALL, percent: num(4) });
export const FOLLOW_UP_REPORT_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(11),
  onboardingId: ONBOARDING_ID,
  version: VERSION,
  createdAt: ISO,
  client: map({ companyName: t('companyName'), locale: str(2) }),
  agreement: map({ version: VERSION, documentHash: HASH, minimumBillableMinutes: PERCENT }),
  lines: list(
    COUNTS.ticketsPerOnboarding,
    map({
      ticketId: TICKET_ID,
      incidentId: INCIDENT_ID,
      title: TICKET_TITLE,
      priority: PRIORITY,
      round: SMALL,
      createdAt: ISO,
      responseDueAt: ISO,
      resolveDueAt: ISO,
      acknowledgedAt: ISO,
      resolvedAt: ISO,
      respondedOnTime: bool,
      resolvedOnTime: bool,
      estimatedHours: HOURS,
      loggedMinutes: num(6),
      billableMinutes: num(6),
      hourlyRateCents: num(6),
      surchargePercent: PERCENT,
      labourCents: CENTS,
      materialsCents: CENTS,
      totalCents: CENTS,
    }),
  ),
  totals: TOTALS,
  sla: map({ tickets: SMALL, respondedOnTime: COMPLIANCE, resolvedOnTime: COMPLIANCE }),
  breaches: list(
    2 * COUNTS.ticketsPerOnboarding,
    map({
      ticketId: TICKET_ID,
      incidentId: INCIDENT_ID,
      title: TICKET_TITLE,
      priority: PRIORITY,
      kind: str(8),
      dueAt: ISO,
      happenedAt: ISO,
      stillOpen: bool,
      businessHoursLate: num(7),
    }),
  ),
  openPoints: map({
    refusedProblems: list(ASSUMED.refusedProblems, map({ title: TICKET_TITLE, reportedAt: ISO, reason: str(24) })),
    followUps: list(COUNTS.ticketsPerOnboarding, map({ ticketId: TICKET_ID, incidentId: INCIDENT_ID, title: TICKET_TITLE, followUp: t('resolutionFollowUp') })),
  }),
  reportHash: HASH,
  pdf: PDF_REF,
};

/** A client link (LINK#<hash>) after its decision, with the decision's evidence. */
export const LINK_SHAPE: Readonly<Record<string, Shape>> = {
  pk: str(5 + 64),
  sk: str(4),
  entity: ENTITY,
  tokenHash: HASH,
  purpose: str(24),
  onboardingId: ONBOARDING_ID,
  agreementVersion: VERSION,
  taskToken: str(ASSUMED.taskTokenBytes),
  validUntil: ISO,
  allowChanges: bool,
  expiresAt: num(10),
  usedAt: ISO,
  revokedAt: ISO,
  decision: map({
    decision: str(15),
    name: t('decisionName'),
    comment: t('decisionComment'),
    at: ISO,
    ip: str(45),
    userAgent: t('userAgent'),
    documentHash: HASH,
    pdfSha256: HASH,
  }),
  feedback: map({ score: num(1), comment: t('feedbackComment'), at: ISO }),
};

/** The decision's evidence (EVIDENCE#<v>), kept for years. */
export const EVIDENCE_SHAPE: Readonly<Record<string, Shape>> = {
  ...onboardingKeys(13),
  onboardingId: ONBOARDING_ID,
  agreementVersion: VERSION,
  decision: str(15),
  name: t('decisionName'),
  comment: t('decisionComment'),
  at: ISO,
  ip: str(45),
  userAgent: t('userAgent'),
  documentHash: HASH,
  offerPdfSha256: HASH,
  decidedPdfSha256: HASH,
  linkPurpose: str(24),
  retainUntil: ISO,
  expiresAt: num(10),
};

export interface WorstCase {
  item: string;
  /** The item's key, as docs/data-model.md names it. */
  key: string;
  bytes: number;
}

/** The largest each item can be under the bounds above, in bytes; `counts` tries other material bounds. */
export function worstCaseItemSizes(counts: MaterialCounts = COUNTS): WorstCase[] {
  const agreementLines = utf8NameBytes('lines') + itemsWithMaterials(AGREEMENT_LINE, AGREEMENT_MATERIAL, counts);
  return [
    { item: 'Onboarding aggregate', key: 'ONBOARDING#<id> / AGGREGATE', bytes: itemShapeBytes(AGGREGATE_SHAPE) + utf8NameBytes('analysis') + analysisBytes(counts) },
    { item: 'Analysis version', key: 'ONBOARDING#<id> / ANALYSIS#<v>', bytes: itemShapeBytes(ANALYSIS_VERSION_SHAPE) + analysisBytes(counts) - SIZE_RULES.containerBytes },
    { item: 'Agreement version', key: 'ONBOARDING#<id> / AGREEMENT#<v>', bytes: itemShapeBytes(AGREEMENT_VERSION_SHAPE) + agreementLines },
    { item: 'Ticket', key: 'ONBOARDING#<id> / TICKET#<nn>', bytes: itemShapeBytes(TICKET_SHAPE) },
    { item: 'Reported incident', key: 'ONBOARDING#<id> / INCIDENT#<nn>', bytes: itemShapeBytes(REPORTED_INCIDENT_SHAPE) },
    { item: 'Follow-up report', key: 'ONBOARDING#<id> / REPORT#<v>', bytes: itemShapeBytes(FOLLOW_UP_REPORT_SHAPE) },
    { item: 'Decision evidence', key: 'ONBOARDING#<id> / EVIDENCE#<v>', bytes: itemShapeBytes(EVIDENCE_SHAPE) },
    { item: 'Client link', key: 'LINK#<hash> / LINK', bytes: itemShapeBytes(LINK_SHAPE) },
    { item: 'Technician', key: 'TECHNICIANS / TECHNICIAN#<id>', bytes: itemShapeBytes(TECHNICIAN_SHAPE) },
  ];
}
