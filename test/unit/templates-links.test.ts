import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../../functions/domain/business-hours';
import type { Technician } from '../../functions/domain/technician';
import { newTicket, type Ticket } from '../../functions/domain/ticket';
import { agreementApprovedConfirmation, agreementApprovedNotice } from '../../functions/templates/email/agreement-approved';
import { agreementChangesConfirmation } from '../../functions/templates/email/agreement-changes-confirmation';
import { agreementChangesRequestedNotice } from '../../functions/templates/email/agreement-changes-requested';
import { agreementDeclineConfirmation } from '../../functions/templates/email/agreement-decline-confirmation';
import { agreementDeclinedNotice } from '../../functions/templates/email/agreement-declined';
import { agreementExpiredClientNote, agreementExpiredNotice } from '../../functions/templates/email/agreement-expired';
import { agreementOffer } from '../../functions/templates/email/agreement-offer';
import { agreementReleaseEscalation } from '../../functions/templates/email/agreement-release-escalation';
import { agreementReleaseReminder } from '../../functions/templates/email/agreement-release-reminder';
import { agreementReleaseRequest } from '../../functions/templates/email/agreement-release-request';
import { agreementReminder } from '../../functions/templates/email/agreement-reminder';
import { agreementReturnedNotice } from '../../functions/templates/email/agreement-returned';
import { analysisEscalation } from '../../functions/templates/email/analysis-escalation';
import { analysisReminder } from '../../functions/templates/email/analysis-reminder';
import { analystNotification } from '../../functions/templates/email/analyst-notification';
import { assignmentEscalationNotice } from '../../functions/templates/email/assignment-escalation';
import { contactUndeliverableNotice } from '../../functions/templates/email/contact-undeliverable';
import { staffAddressUndeliverableAlert } from '../../functions/templates/email/staff-address-undeliverable';
import { failureAlert } from '../../functions/templates/email/failure-alert';
import { followUpReportEmail } from '../../functions/templates/email/follow-up-report';
import type { RenderedEmail } from '../../functions/templates/email/layout';
import { monitoringStartedNotice } from '../../functions/templates/email/monitoring-started';
import { registrationConfirmation } from '../../functions/templates/email/registration-confirmation';
import { slaBreachNotice } from '../../functions/templates/email/sla-breach';
import { slaWarningNotice } from '../../functions/templates/email/sla-warning';
import { ticketAssignedNotice } from '../../functions/templates/email/ticket-assigned';
import { exampleReport } from './follow-up-fixtures';
import { sampleAgreement, sampleOnboarding } from './templates-fixtures';

/*
 * Every link in every e-mail opens in a new window: a mail client (or the twin's SES inbox) may
 * show the mail in a frame, and the pages it links to refuse to be framed. Staff e-mails name API
 * calls as text, with the API's full URL, never as a bare path.
 */

const API = 'https://api.breakfix.example';
const URL = 'https://breakfix.example/agreements/q2Xv9k?a=1&b=2';
const AT = '2026-11-13T10:15:00.000Z';
const EMAIL_DIR = resolve(import.meta.dirname, '../../functions/templates/email');
/** Modules of the e-mail folder that render no e-mail themselves. */
const HELPERS = ['agreement-email-blocks.ts', 'agreement-email-parts.ts', 'api-call.ts', 'email-table-blocks.ts', 'layout.ts'];

const ticket: Ticket = {
  ...newTicket(
    {
      onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
      incidentId: 'inc-01',
      onboardingVersion: 8,
      round: 1,
      title: 'Kassasysteem valt uit',
      priority: 'high',
      requiredSkills: ['hardware'],
      estimatedHours: 2.5,
      createdAt: '2026-12-01T09:00:00.000Z',
      slaTerms: {
        critical: { responseHours: 4, resolutionHours: 8 },
        high: { responseHours: 8, resolutionHours: 16 },
        normal: { responseHours: 16, resolutionHours: 40 },
        low: { responseHours: 40, resolutionHours: 80 },
      },
    },
    businessCalendar(),
  ),
  status: 'ASSIGNED',
  assignee: { technicianId: 'tech-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y', name: 'Jan Jansen', email: 'jan@breakfix.example' },
};
const technician: Technician = {
  technicianId: 'tech-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y',
  name: 'Jan Jansen',
  email: 'jan@breakfix.example',
  skills: ['hardware'],
  capacity: 3,
  active: true,
  load: 1,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-12-01T09:00:05.000Z',
};

/** Every e-mail template, keyed by its module, rendered once per client language. */
function everyEmail(locale: 'nl' | 'en'): Array<[module: string, name: string, email: RenderedEmail]> {
  const onboarding = sampleOnboarding({ locale });
  const agreement = sampleAgreement({ locale });
  const decision = { name: 'Sanne de Vries', at: AT, ip: '203.0.113.7', userAgent: 'Mozilla/5.0', comment: 'Graag minder uren.' };
  return [
    ['agreement-approved.ts', 'confirmation', agreementApprovedConfirmation({ onboarding, agreement, decision })],
    ['agreement-approved.ts', 'notice', agreementApprovedNotice({ onboarding, agreement, decision, apiUrl: API })],
    ['agreement-changes-confirmation.ts', 'confirmation', agreementChangesConfirmation({ onboarding, agreement, decision })],
    ['agreement-changes-requested.ts', 'notice', agreementChangesRequestedNotice({ onboarding, agreement, decision, revision: 1, maxRevisions: 3, apiUrl: API })],
    ['agreement-decline-confirmation.ts', 'confirmation', agreementDeclineConfirmation({ onboarding, agreement, decision })],
    ['agreement-declined.ts', 'notice', agreementDeclinedNotice({ onboarding, agreement, decision: { ...decision, reason: 'Te duur' }, apiUrl: API })],
    ['agreement-expired.ts', 'notice', agreementExpiredNotice({ onboarding, agreement, remindersSent: 2, apiUrl: API })],
    ['agreement-expired.ts', 'client note', agreementExpiredClientNote({ onboarding, agreement })],
    ['agreement-offer.ts', 'offer', agreementOffer({ onboarding, agreement, url: URL })],
    ['agreement-release-escalation.ts', 'escalation', agreementReleaseEscalation({ onboarding, agreement, heldSince: AT, remindersSent: 2, apiUrl: API })],
    ['agreement-release-reminder.ts', 'reminder', agreementReleaseReminder({ onboarding, agreement, reasons: ['above-review-threshold'], reminder: 1, maxReminders: 2, apiUrl: API })],
    ['agreement-release-request.ts', 'request', agreementReleaseRequest({ onboarding, agreement, reasons: ['above-review-threshold'], apiUrl: API })],
    ['agreement-reminder.ts', 'reminder', agreementReminder({ onboarding, agreement, url: URL, reminder: 1, maxReminders: 3 })],
    [
      'agreement-returned.ts',
      'notice',
      agreementReturnedNotice({ onboarding, agreement, decision: { agreementVersion: 1, action: 'return', by: { sub: 's', email: 'am@breakfix.example' }, at: AT, comment: 'Minder uren' }, apiUrl: API }),
    ],
    ['analysis-escalation.ts', 'escalation', analysisEscalation({ onboarding, remindersSent: 3, apiUrl: API })],
    ['analysis-reminder.ts', 'reminder', analysisReminder({ onboarding, reminder: 1, maxReminders: 3, apiUrl: API })],
    ['analyst-notification.ts', 'notification', analystNotification({ onboarding, apiUrl: API })],
    ['assignment-escalation.ts', 'escalation', assignmentEscalationNotice({ ticket, onboarding, waitingSince: AT, excluded: [{ technicianId: 'tech-1', why: 'at-capacity' }], apiUrl: API })],
    ['contact-undeliverable.ts', 'notice', contactUndeliverableNotice({ onboarding, contact: onboarding.contacts[0]!, problem: BOUNCE, apiUrl: API })],
    ['contact-undeliverable.ts', 'notice via operations', contactUndeliverableNotice({ onboarding, contact: onboarding.contacts[0]!, problem: { ...BOUNCE, reason: 'COMPLAINT', kind: 'abuse' }, apiUrl: API, accountManagerUnreachable: true })],
    ['staff-address-undeliverable.ts', 'alert', staffAddressUndeliverableAlert({ address: 'am@breakfix.example', problem: BOUNCE, onboardingId: onboarding.id, role: 'account manager' })],
    ['failure-alert.ts', 'alert', failureAlert({ onboardingId: onboarding.id, error: 'States.Timeout', at: AT, executionHint: 'arn:aws:states:x', retryUrl: `${API}/onboardings/${onboarding.id}/retry` })],
    ['follow-up-report.ts', 'report', followUpReportEmail({ onboarding, report: exampleReport({ agreement }), feedbackUrl: 'https://breakfix.example/feedback/f?a=1&b=2' })],
    ['monitoring-started.ts', 'notice', monitoringStartedNotice({ onboarding, until: AT, problemUrl: 'https://breakfix.example/problems/p?a=1&b=2', ticketsResolved: 2 })],
    ['registration-confirmation.ts', 'confirmation', registrationConfirmation(onboarding)],
    ['sla-breach.ts', 'breach', slaBreachNotice({ ticket, onboarding, kind: 'resolve', apiUrl: API })],
    ['sla-breach.ts', 'breach, nobody assigned', slaBreachNotice({ ticket: { ...ticket, status: 'OPEN', assignee: undefined }, onboarding, kind: 'response', apiUrl: API })],
    ['sla-warning.ts', 'warning', slaWarningNotice({ ticket, onboarding, kind: 'response', apiUrl: API })],
    ['ticket-assigned.ts', 'notice', ticketAssignedNotice({ ticket, onboarding, technician, apiUrl: API })],
  ];
}

/** A permanent bounce as HandleEmailEvent records it. */
const BOUNCE = { address: 'sanne@korenschoof.example', reason: 'BOUNCE', messageId: 'ses-message-1', at: '2026-11-26T13:05:00.000Z', kind: 'Permanent/General' } as const;

describe('the list below covers every e-mail template', () => {
  it('names every module of functions/templates/email that renders an e-mail', () => {
    const templates = readdirSync(EMAIL_DIR).filter((file) => file.endsWith('.ts') && !HELPERS.includes(file));
    expect([...new Set(everyEmail('nl').map(([module]) => module))].sort()).toEqual(templates.sort());
  });
});

describe.each(['nl', 'en'] as const)('every e-mail (%s client)', (locale) => {
  it.each(everyEmail(locale))('%s (%s): every <a> opens in a new window with rel="noopener"', (_module, _name, email) => {
    const anchors = email.html.match(/<a\b[^>]*>/gi) ?? [];
    for (const anchor of anchors) {
      expect(anchor).toMatch(/\starget="_blank"/);
      expect(anchor).toMatch(/\srel="noopener"/);
    }
  });

  it.each(everyEmail(locale))('%s (%s): names API calls with the full API URL, never a bare path', (_module, _name, email) => {
    for (const part of [email.text, email.html]) {
      expect(part).not.toMatch(/\b(GET|POST|PUT|PATCH|DELETE) \//);
    }
  });
});

describe('links in the e-mails that have them', () => {
  it('the offer has its button, its fallback link and the general terms, each opening in a new window', () => {
    const email = agreementOffer({ onboarding: sampleOnboarding(), agreement: sampleAgreement(), url: URL });
    const anchors = email.html.match(/<a\b[^>]*>/gi) ?? [];
    expect(anchors).toHaveLength(3);
    expect(anchors.filter((anchor) => anchor.includes('href="https://breakfix.example/agreements/q2Xv9k?a=1&amp;b=2"'))).toHaveLength(2);
    expect(anchors.every((anchor) => anchor.includes('target="_blank" rel="noopener"'))).toBe(true);
  });

  it('client e-mails with a personal link have at least one <a>, so the check above is not vacuous', () => {
    const linked = everyEmail('nl').filter(([module]) => ['agreement-offer.ts', 'agreement-reminder.ts', 'follow-up-report.ts', 'monitoring-started.ts'].includes(module));
    for (const [, , email] of linked) expect(email.html).toMatch(/<a\b[^>]*target="_blank"/);
  });
});
