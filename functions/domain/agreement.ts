import type { ActionType } from './analysis';
import type { ProviderIdentity } from './provider';
import type { Priority, RateCard } from './rate-card';

/** One priced line per analysed incident. All money in integer euro cents. */
export interface AgreementLine {
  incidentId: string;
  title: string;
  /** The analyst's findings and the work proposed; absent on versions drafted before the page showed them. */
  rootCause?: string;
  solution?: string;
  actionType: ActionType;
  priority: Priority;
  estimatedHours: number;
  /** Estimated minutes rounded up to the rate card's minimum billable increment. */
  billableMinutes: number;
  hourlyRateCents: number;
  surchargePercent: number;
  labourCents: number;
  materials: Array<{ description: string; quantity: number; unitCostCents: number; totalCents: number }>;
  materialsCents: number;
  totalCents: number;
}

export interface AgreementTotals {
  exclVatCents: number;
  vatPercent: number;
  vatCents: number;
  inclVatCents: number;
}

/** An immutable agreement version: what the client approves, with the hash of its canonical content. */
export interface Agreement {
  onboardingId: string;
  version: number;
  analysisVersion: number;
  createdAt: string;
  /** Last day (Europe/Amsterdam, YYYY-MM-DD) the client may approve: createdAt's Amsterdam date + validityDays. */
  validUntil: string;
  client: { companyName: string; kvkNumber?: string; vatNumber?: string; locale: 'nl' | 'en'; contact?: { name: string; email: string } };
  /** Who contracts with the client; absent on versions drafted before the identity was shown. */
  provider?: ProviderIdentity;
  /**
   * Set when an account manager released a version held above the rate card's review threshold:
   * this version was re-drafted at the release, with the held one's lines and rate-card snapshot.
   */
  release?: { heldVersion: number; releasedAt: string; releasedBy: string };
  lines: AgreementLine[];
  totals: AgreementTotals;
  responseTimes: Record<Priority, number>;
  /** Resolution times per priority in business hours; absent on versions drafted before they existed. */
  resolutionTimes?: Record<Priority, number>;
  invoicing: RateCard['invoicing'];
  minimumBillableMinutes: number;
  /** The rate card as it was when this version was priced. */
  rateCard: RateCard;
  /** SHA-256 (hex) of the canonical JSON (canonical-json.ts) of every other field; see verifyDocumentHash. */
  documentHash: string;
}
