import * as z from 'zod';
import { ACTION_TYPES } from '../domain/analysis';
import { FEEDBACK_SCORES } from '../domain/client-link';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { CONTACT_ROLES, IMPACTS, LOCALES } from '../domain/intake';
import { ONBOARDING_STATUSES } from '../domain/lifecycle';
import { providerIdentitySchema } from '../domain/provider';
import { PRIORITIES, rateCardSchema } from '../domain/rate-card';
import { TECHNICIAN_ID_PATTERN } from '../domain/technician';
import { TICKET_ID_PATTERN, TICKET_STATUSES } from '../domain/ticket';

/*
 * What the API answers, as zod schemas the OpenAPI document is generated from (document.ts) and
 * the contract tests check every e2e response against. They describe the fields the API
 * promises. A view the handler builds field by field (a ticket, a technician, a list row, an
 * acknowledgement) is closed: a field added or dropped without the description fails the
 * contract. An aggregate read from storage (an onboarding, an agreement, a report) is open
 * (`z.looseObject`): its documented fields are checked, newer ones are let through.
 */

const instant = z.iso.datetime().meta({ id: 'Instant', description: 'An instant, ISO 8601 in UTC (`2026-03-02T09:15:00.000Z`).' });
const calendarDay = z.iso.date().meta({ id: 'Day', description: 'A day, YYYY-MM-DD (Europe/Amsterdam).' });
const cents = z.number().int().meta({ description: 'Euro cents.' });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/).meta({ id: 'Sha256', description: 'SHA-256, hex.' });

export const onboardingId = z.string().regex(ONBOARDING_ID_PATTERN).meta({ description: 'An onboarding id, `onb-` and a ULID.', example: 'onb-01JNQ8Z5W3R6X2Y4T7V9B1C3D5' });
export const ticketId = z.string().regex(TICKET_ID_PATTERN).meta({ description: 'A ticket id: `tkt-`, the onboarding\'s ULID and the incident number.', example: 'tkt-01JNQ8Z5W3R6X2Y4T7V9B1C3D5-01' });
export const technicianId = z.string().regex(TECHNICIAN_ID_PATTERN).meta({ description: 'A technician id, `tech-` and a ULID.', example: 'tech-01JNQ9A0B1C2D3E4F5G6H7J8K9' });
const incidentId = z.string().regex(/^inc-\d{2}$/).meta({ id: 'IncidentId', description: 'An incident id within its onboarding, `inc-01` to `inc-99`.' });
const onboardingStatus = z.enum(ONBOARDING_STATUSES).meta({ id: 'OnboardingStatus', description: 'Where the onboarding is in its lifecycle.' });
const ticketStatus = z.enum(TICKET_STATUSES).meta({ id: 'TicketStatus' });
const priority = z.enum(PRIORITIES);
const staffMember = z.object({ sub: z.string(), email: z.string() }).meta({ description: 'A signed-in staff member: their user-pool subject and e-mail address.' });

/** The rate card, as PUT /rate-card takes it (input) and every answer shows it (output, defaults filled in). */
export const rateCard = rateCardSchema.meta({ id: 'RateCardInput', outputId: 'RateCard' });

const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `?cursor=` (with the same filters) for the next page; `null` on the last page.' });

/** A list page: `items`, and the cursor of the next page. */
const page = <T extends z.ZodType>(item: T, id: string, description: string) =>
  z.object({ items: z.array(item), nextCursor }).meta({ id, description });

// ---- acknowledgements ---------------------------------------------------------------------------

export const intakeAccepted = z
  .object({
    onboardingId,
    status: onboardingStatus,
    executionArn: z.string().meta({ description: 'The Step Functions execution that runs this onboarding.' }),
  })
  .meta({ id: 'IntakeAccepted', description: 'The intake is stored and its workflow started (or, for a replayed Idempotency-Key, the same onboarding as the first time).' });

export const retryAccepted = z
  .object({
    onboardingId,
    executionArn: z.string().meta({ description: 'The execution that resumes the onboarding, named `<onboardingId>-r<attempt>`: the same for every call of one attempt.' }),
    attempt: z.number().int().min(1).meta({ description: 'The retry\'s number: 1 for the first retry of this onboarding.' }),
    resumeAt: z.string().meta({ description: 'The workflow state the retry resumes at: the step that failed (for a failure inside a round of tickets, the whole round).' }),
  })
  .meta({ id: 'RetryAccepted', description: 'The retry is on the timeline and its execution started; it moves the onboarding from FAILED back to the status it failed in.' });

export const analysisAccepted = z
  .object({ onboardingId, analysisVersion: z.number().int().min(1), status: onboardingStatus })
  .meta({ id: 'AnalysisAccepted', description: 'The analysis is stored as a new version; the workflow drafts the agreement from it.' });

export const releaseAccepted = z
  .object({
    onboardingId,
    agreementVersion: z.number().int().min(1),
    action: z.enum(['release', 'return']),
    status: z.literal('AWAITING_RELEASE').meta({ description: 'Still AWAITING_RELEASE: the workflow applies the choice next.' }),
  })
  .meta({ id: 'ReleaseAccepted', description: 'The choice is stored; the workflow sends the offer to the client, or returns it to the analysts.' });

export const incidentReported = z
  .object({ onboardingId, incidentId, ticketId, status: onboardingStatus })
  .meta({ id: 'IncidentReported', description: 'The incident and its ticket are stored; the ticket is worked in the next round.' });

// ---- onboardings --------------------------------------------------------------------------------

export const onboardingSummary = z
  .object({
    onboardingId,
    status: onboardingStatus,
    statusSince: instant.meta({ description: 'When the onboarding entered its current status; the list by status is ordered by it, newest first.' }),
    companyName: z.string(),
    primaryContact: z.string().meta({ description: 'The primary contact\'s name.' }),
    incidentCount: z.number().int().min(0),
    accountManager: z.string().meta({ description: 'The account manager\'s e-mail address.' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'OnboardingSummary', description: 'One row of the onboarding list.' });

export const onboardingPage = page(onboardingSummary, 'OnboardingPage', 'Onboardings, newest first.');

const actor = z
  .union([
    z.object({ kind: z.literal('staff'), sub: z.string(), email: z.string() }),
    z.object({ kind: z.literal('client'), name: z.string() }),
    z.object({ kind: z.literal('system'), step: z.string() }),
  ])
  .meta({ id: 'Actor', description: 'Who did it: a staff member, the client through a link, or a workflow step.' });

const incident = z.looseObject({
  id: incidentId,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  impact: z.enum(IMPACTS),
  affectedUsers: z.number().int().optional(),
  reportedAt: instant.optional().meta({ description: 'Set on incidents reported after the intake.' }),
  reportedBy: actor.optional(),
  source: z.enum(['staff', 'client']).optional(),
});

const material = z.object({ description: z.string(), quantity: z.number().int(), unitCostCents: cents });

const analysisItem = z.looseObject({
  incidentId,
  rootCause: z.string(),
  solution: z.string(),
  actionType: z.enum(ACTION_TYPES),
  estimatedHours: z.number(),
  requiredSkills: z.array(z.string()),
  priority,
  materials: z.array(material),
});

const agreementTotals = z.object({ exclVatCents: cents, vatPercent: z.number().int(), vatCents: cents, inclVatCents: cents }).meta({ id: 'AgreementTotals' });

const feedbackScore = z.number().int().min(Math.min(...FEEDBACK_SCORES)).max(Math.max(...FEEDBACK_SCORES));

const clientDecision = z.enum(['approve', 'decline', 'request-changes']);

const agreementSummary = z
  .looseObject({
    version: z.number().int().min(1),
    analysisVersion: z.number().int().optional(),
    hold: z.object({ reasons: z.array(z.enum(['above-review-threshold', 'beyond-analysis-limits'])), heldAt: instant }).optional().meta({ description: 'Why this version waits for a staff release (AWAITING_RELEASE).' }),
    offerPdf: z.object({ sha256, bytes: z.number().int() }).optional(),
    decidedPdf: z.object({ sha256, bytes: z.number().int() }).optional(),
    createdAt: instant,
    validUntil: calendarDay,
    totals: agreementTotals,
    documentHash: sha256,
    decision: z.looseObject({ decision: clientDecision, name: z.string(), at: instant, comment: z.string().optional() }).optional(),
  })
  .meta({ id: 'AgreementSummary', description: 'The latest agreement version in brief.' });

const termsPerPriority = z.object({ critical: z.number(), high: z.number(), normal: z.number(), low: z.number() });

export const agreement = z
  .looseObject({
    onboardingId,
    version: z.number().int().min(1),
    analysisVersion: z.number().int().min(1),
    createdAt: instant,
    validUntil: calendarDay.meta({ description: 'The last day the client may approve.' }),
    client: z.looseObject({
      companyName: z.string(),
      kvkNumber: z.string().optional(),
      vatNumber: z.string().optional(),
      locale: z.enum(LOCALES),
      contact: z.object({ name: z.string(), email: z.string() }).optional(),
    }),
    provider: providerIdentitySchema.optional().meta({ description: 'Who contracts with the client.' }),
    release: z.object({ heldVersion: z.number().int(), releasedAt: instant, releasedBy: z.string() }).optional(),
    lines: z.array(
      z.looseObject({
        incidentId,
        title: z.string(),
        rootCause: z.string().optional(),
        solution: z.string().optional(),
        actionType: z.enum(ACTION_TYPES),
        priority,
        estimatedHours: z.number(),
        billableMinutes: z.number().int(),
        hourlyRateCents: cents,
        surchargePercent: z.number().int(),
        labourCents: cents,
        materials: z.array(z.object({ description: z.string(), quantity: z.number().int(), unitCostCents: cents, totalCents: cents })),
        materialsCents: cents,
        totalCents: cents,
      }),
    ),
    totals: agreementTotals,
    responseTimes: termsPerPriority.meta({ description: 'Response time per priority, business hours.' }),
    resolutionTimes: termsPerPriority.optional().meta({ description: 'Resolution time per priority, business hours.' }),
    invoicing: z.looseObject({ frequency: z.string(), paymentTermDays: z.number().int() }),
    minimumBillableMinutes: z.number().int(),
    /** The rate card as it was when this version was priced. */
    rateCard,
    documentHash: sha256.meta({ description: 'SHA-256 of the canonical JSON of every other field.' }),
  })
  .meta({ id: 'Agreement', description: 'An immutable agreement version, as the client sees it.' });

const ticketAssignee = z.object({ technicianId, name: z.string(), email: z.string() });
const workLogEntry = z.object({
  at: instant,
  minutes: z.number().int(),
  note: z.string(),
  by: z.object({ technicianId: technicianId.optional(), email: z.string() }),
});

export const ticketView = z
  .object({
    ticketId,
    onboardingId,
    incidentId,
    round: z.number().int().nullable().meta({ description: 'The round of work; null while a reported problem waits for the next round.' }),
    title: z.string(),
    priority,
    requiredSkills: z.array(z.string()),
    estimatedHours: z.number(),
    status: ticketStatus,
    assignee: ticketAssignee.nullable(),
    assignment: z
      .object({
        reason: z.object({ rule: z.enum(['only-candidate', 'lowest-load', 'least-recently-assigned', 'lowest-id']), lostTie: z.array(technicianId) }),
        candidates: z.array(z.object({ technicianId, name: z.string(), load: z.number().int(), capacity: z.number().int(), lastAssignedAt: instant.optional() })),
      })
      .nullable()
      .meta({ description: 'Why this technician got the ticket: the candidates and the rule that decided.' }),
    createdAt: instant,
    responseDueAt: instant,
    resolveDueAt: instant,
    acknowledgedAt: instant.nullable(),
    responseMet: z.boolean().nullable(),
    hold: z.object({ since: instant, reason: z.string() }).nullable(),
    resolvedAt: instant.nullable(),
    resolution: z.object({ summary: z.string(), followUp: z.string().optional(), by: z.object({ technicianId: technicianId.optional(), email: z.string() }) }).nullable(),
    minutesLogged: z.number().int(),
    workLog: z.array(workLogEntry),
    breaches: z.object({ response: instant.nullable(), resolve: instant.nullable() }).meta({ description: 'When each due time was breached, if it was.' }),
    waitingForTechnicianSince: instant.nullable(),
  })
  .meta({ id: 'Ticket', description: 'A ticket as staff see it.' });

export const ticketPage = page(ticketView, 'TicketPage', 'Tickets, oldest first.');

const timelineEvent = z
  .looseObject({
    version: z.number().int(),
    at: instant,
    type: z.string(),
    status: onboardingStatus.optional(),
    actor,
    detail: z.string().optional(),
    ticketId: ticketId.optional(),
    ticketVersion: z.number().int().optional(),
    ticketStatus: ticketStatus.optional(),
  })
  .meta({ id: 'TimelineEvent' });

const decisionEvidence = z
  .looseObject({
    onboardingId,
    agreementVersion: z.number().int(),
    decision: clientDecision,
    name: z.string(),
    comment: z.string().optional(),
    at: instant,
    ip: z.string(),
    userAgent: z.string(),
    documentHash: sha256,
    linkPurpose: z.string(),
    offerPdfSha256: sha256.optional(),
    retainUntil: instant,
  })
  .meta({ id: 'DecisionEvidence', description: 'Who decided what, when, from where, on which document: personal data, for staff only.' });

const followUpReport = z
  .looseObject({
    onboardingId,
    version: z.number().int(),
    createdAt: instant,
    lines: z.array(z.looseObject({ ticketId, incidentId, title: z.string(), totalCents: cents })),
    totals: agreementTotals,
    sla: z.looseObject({ tickets: z.number().int() }),
    breaches: z.array(z.looseObject({ ticketId, kind: z.enum(['response', 'resolve']) })),
    openPoints: z.looseObject({ refusedProblems: z.array(z.looseObject({ title: z.string() })), followUps: z.array(z.looseObject({ ticketId })) }),
    reportHash: sha256,
  })
  .meta({ id: 'FollowUpReport', description: 'The immutable follow-up report e-mailed to the client.' });

export const onboardingDetail = z
  .looseObject({
    onboardingId,
    status: onboardingStatus,
    statusSince: instant.optional().meta({ description: 'When the onboarding entered its current status (absent on onboardings stored before it was recorded).' }),
    version: z.number().int().meta({ description: 'The aggregate\'s version, +1 with every change.' }),
    createdAt: instant,
    updatedAt: instant,
    accountManager: staffMember,
    client: z.looseObject({ companyName: z.string(), kvkNumber: z.string().optional(), vatNumber: z.string().optional(), locale: z.enum(LOCALES) }),
    contacts: z.array(z.looseObject({ name: z.string(), email: z.string(), phone: z.string().optional(), role: z.enum(CONTACT_ROLES) })),
    expectations: z.looseObject({ summary: z.string() }),
    incidents: z.array(incident).meta({ description: 'The intake\'s incidents and those reported since, in number order.' }),
    failure: z.looseObject({ error: z.string(), at: instant }).optional(),
    analysisRound: z.number().int().min(1),
    analysis: z.looseObject({ version: z.number().int(), items: z.array(analysisItem), notes: z.string().optional(), submittedAt: instant, submittedBy: staffMember }).optional(),
    agreement: agreementSummary.optional(),
    changeRequests: z.array(z.looseObject({ agreementVersion: z.number().int(), name: z.string(), comment: z.string(), at: instant })),
    round: z.number().int().optional(),
    monitoring: z.looseObject({ since: instant, until: instant }).optional(),
    releaseDecision: z
      .looseObject({ agreementVersion: z.number().int(), action: z.enum(['release', 'return']), by: staffMember, at: instant, comment: z.string().optional() })
      .optional(),
    notificationsSent: z.record(z.string(), instant).meta({ description: 'Each notification sent, by name, with when.' }),
    waitingForAnalysis: z.boolean(),
    analysisVersions: z.array(z.object({ version: z.number().int(), submittedAt: instant, submittedBy: staffMember })),
    agreementVersions: z.array(agreement),
    decisionEvidence: z.array(decisionEvidence),
    tickets: z.array(ticketView),
    report: followUpReport.nullable(),
    feedback: z.looseObject({ score: feedbackScore, comment: z.string().optional(), at: instant }).nullable(),
    timeline: z.array(timelineEvent).meta({ description: 'Everything that happened, in order.' }),
  })
  .meta({ id: 'Onboarding', description: 'One onboarding with everything known about it. Never shows a workflow task token.' });

export const agreementPreview = z
  .object({ status: onboardingStatus, summary: agreementSummary, agreement })
  .meta({ id: 'AgreementPreview', description: 'The current agreement version in full, with the summary\'s hold, PDFs and decision.' });

// ---- rate card, technicians ---------------------------------------------------------------------

export const rateCardEnvelope = z
  .object({
    rateCard,
    version: z.number().int().min(0).meta({ description: '0 while the stage\'s default applies; +1 with every PUT.' }),
    updatedAt: instant.optional(),
    updatedBy: z.string().optional(),
    source: z.enum(['stage-default', 'stored']),
  })
  .meta({ id: 'RateCardInForce', description: 'The rate card agreements are priced with.' });

export const technician = z
  .object({
    technicianId,
    name: z.string(),
    email: z.string(),
    skills: z.array(z.string()),
    capacity: z.number().int(),
    active: z.boolean(),
    load: z.number().int().min(0).meta({ description: 'Open tickets assigned now (ASSIGNED, ACKNOWLEDGED, ON_HOLD).' }),
    lastAssignedAt: instant.optional(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Technician' });

export const technicianChanged = z
  .object({
    ...technician.shape,
    openTickets: z.number().int().optional().meta({ description: 'Set when the change deactivated a technician who still has open tickets.' }),
    note: z.string().optional(),
  })
  .meta({ id: 'TechnicianChanged' });

export const technicianPage = page(technician, 'TechnicianPage', 'Technicians, in the order they were added.');

// ---- the public links' JSON answers -------------------------------------------------------------

export const decisionRecorded = z
  .object({ decision: clientDecision, decidedAt: instant, agreementVersion: z.number().int(), documentHash: sha256 })
  .meta({ id: 'DecisionRecorded', description: 'The decision is recorded, with its evidence.' });

export const problemRecorded = z.object({ incidentId, ticketId }).meta({ id: 'ProblemRecorded', description: 'The problem is filed as an incident and a ticket for the next round.' });
export const problemDuplicate = z
  .object({ duplicate: z.literal(true) })
  .meta({ id: 'ProblemDuplicate', description: 'This submission (its `submissionId`) was filed already; nothing new was filed.' });

export const feedbackRecorded = z.object({ score: feedbackScore }).meta({ id: 'FeedbackRecorded' });

// ---- the description itself ---------------------------------------------------------------------

export const openApiDocumentSchema = z
  .looseObject({ openapi: z.string().regex(/^3\.1\.\d+$/), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: 'OpenApiDocument', description: 'This OpenAPI 3.1 document.' });

// ---- bodies that are not JSON --------------------------------------------------------------------

export const htmlPage = z.string().meta({ description: 'An HTML page in the client\'s language (Dutch or English).' });
export const pdfFile = z.string().meta({ format: 'binary', contentMediaType: 'application/pdf' });
export const textFile = z.string();
export const binaryFile = z.string().meta({ format: 'binary' });
