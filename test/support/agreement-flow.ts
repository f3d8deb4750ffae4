import { expect } from 'vitest';
import type { TestTwin } from './twin';
import { eventually } from './twin';
import { validIntake } from './fixtures';

/** Helpers that walk an onboarding through the twin as its people would. */
export interface Detail {
  onboardingId: string;
  status: string;
  analysisRound: number;
  incidents: Array<{ id: string; title: string }>;
  agreement?: { version: number; documentHash: string; totals: { inclVatCents: number }; decision?: { decision: string; name: string } };
  agreementVersions: Array<{ version: number; documentHash: string }>;
  changeRequests: Array<{ comment: string }>;
  timeline: Array<{ type: string; status?: string; actor: { kind: string; name?: string; email?: string; step?: string } }>;
}

export async function startIntake(twin: TestTwin, token: string, companyName = 'Bakkerij De Korenschoof B.V.', locale: 'nl' | 'en' = 'nl') {
  const response = await twin.request<{ onboardingId: string; executionArn: string }>('POST', '/onboardings', {
    token,
    json: validIntake({ client: { companyName, locale } }),
  });
  expect(response.status, response.text).toBe(202);
  return response.body;
}

export async function detailOf(twin: TestTwin, token: string, onboardingId: string): Promise<Detail> {
  const response = await twin.request<Detail>('GET', `/onboardings/${onboardingId}`, { token });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

export function untilStatus(twin: TestTwin, token: string, onboardingId: string, status: string, timeoutMs = 20_000) {
  return eventually(async () => {
    const detail = await detailOf(twin, token, onboardingId);
    return detail.status === status ? detail : undefined;
  }, timeoutMs);
}

/** Waits until the workflow holds a task token for the analysis, then submits one item per incident. */
export async function submitAnalysis(twin: TestTwin, token: string, onboardingId: string, hours = 2.5) {
  await eventually(async () => {
    const detail = await twin.request<{ waitingForAnalysis: boolean }>('GET', `/onboardings/${onboardingId}`, { token });
    return detail.body.waitingForAnalysis ? true : undefined;
  });
  const detail = await detailOf(twin, token, onboardingId);
  const response = await twin.request<{ analysisVersion: number }>('POST', `/onboardings/${onboardingId}/analysis`, {
    token,
    json: {
      items: detail.incidents.map((incident, index) => ({
        incidentId: incident.id,
        rootCause: `Oorzaak van ${incident.title}`,
        solution: `Oplossing voor ${incident.title}`,
        actionType: index === 0 ? 'replacement' : 'configuration',
        estimatedHours: hours,
        requiredSkills: ['netwerk'],
        priority: index === 0 ? 'high' : 'normal',
        materials: index === 0 ? [{ description: 'Nieuwe kassaprinter', quantity: 1, unitCostCents: 24900 }] : [],
      })),
      notes: 'Analyse na intake',
    },
  });
  expect(response.status, response.text).toBe(202);
  return response.body;
}

/** The agreement link from the newest offer or reminder e-mail for this onboarding's version. */
export async function agreementLinkFromInbox(twin: TestTwin, companyName: string, to = 'sanne@korenschoof.example'): Promise<string> {
  return eventually(async () => {
    const mails = (await twin.inbox()).filter((m) => m.destination.to.includes(to) && m.subject.includes(companyName));
    const withLink = mails.map((m) => m.body.text?.match(/https?:\/\/\S+\/agreements\/[A-Za-z0-9_-]{43}/)?.[0]).filter(Boolean);
    return withLink.at(-1);
  });
}

export function decide(twin: TestTwin, url: string, fields: Record<string, string>) {
  const path = new URL(url).pathname;
  return twin.request('POST', path, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}
