import type { Contact, Impact, Intake, Locale } from './intake';
import { newIncidentId } from './ids';

export const ONBOARDING_STATUSES = [
  'RECEIVED',
  'REGISTERED',
  'AWAITING_ANALYSIS',
  'AGREEMENT_SENT',
  'IMPLEMENTING',
  'MONITORING',
  'COMPLETED',
  'DECLINED',
  'EXPIRED',
  'FAILED',
] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OnboardingStatus[] = ['COMPLETED', 'DECLINED', 'EXPIRED', 'FAILED'];

/** Who did something: a staff member, the client through a link, or the workflow itself. */
export type Actor =
  | { kind: 'staff'; sub: string; email: string }
  | { kind: 'client'; name: string }
  | { kind: 'system'; stage: string };

export interface Incident {
  id: string;
  title: string;
  description: string;
  category: string;
  impact: Impact;
  affectedUsers?: number;
}

/** The aggregate: one item per onboarding, guarded by `version` for optimistic locking. */
export interface Onboarding {
  id: string;
  status: OnboardingStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  accountManager: { sub: string; email: string };
  client: { companyName: string; kvkNumber?: string; vatNumber?: string; locale: Locale };
  contacts: Contact[];
  expectations: { summary: string };
  incidents: Incident[];
  /** Notification name → ISO time sent; makes e-mail sending idempotent across retries. */
  notificationsSent: Record<string, string>;
  failure?: { error: string; at: string };
}

export interface TimelineEvent {
  onboardingId: string;
  /** The aggregate version this event belongs to; with `type` it makes the event's key. */
  version: number;
  at: string;
  type: string;
  status?: OnboardingStatus;
  actor: Actor;
  detail?: string;
}

export function newOnboarding(id: string, intake: Intake, accountManager: Onboarding['accountManager'], now: Date): Onboarding {
  const at = now.toISOString();
  return {
    id,
    status: 'RECEIVED',
    version: 1,
    createdAt: at,
    updatedAt: at,
    accountManager,
    client: intake.client,
    contacts: intake.contacts,
    expectations: intake.expectations,
    incidents: intake.incidents.map((incident, index) => ({ id: newIncidentId(index), ...incident })),
    notificationsSent: {},
  };
}

export function primaryContact(onboarding: Pick<Onboarding, 'contacts'>): Contact {
  const primary = onboarding.contacts.find((contact) => contact.role === 'primary');
  if (!primary) throw new Error('An onboarding always has one primary contact');
  return primary;
}
