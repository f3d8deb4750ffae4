import type { DueKind } from '../domain/follow-up-report';
import type { Locale } from '../domain/intake';

/** The follow-up report's SLA, breach and open-point wording: the same in its e-mail and its PDF. */
export const REPORT_SECTIONS_TEXT = {
  nl: {
    slaHeading: 'Reactie- en oplostijden',
    slaColumns: { term: 'Afspraak', onTime: 'Op tijd', missed: 'Te laat', total: 'Tickets', percent: 'Op tijd (%)' },
    kinds: { response: 'Reactie', resolve: 'Oplossing' } satisfies Record<DueKind, string>,
    noBreaches: 'Alle tickets zijn binnen de afgesproken reactie- en oplostijden opgepakt en opgelost.',
    breachesHeading: 'Overschrijdingen',
    breachColumns: { problem: 'Probleem', term: 'Afspraak', due: 'Uiterlijk', happened: 'Gebeurd', late: 'Te laat' },
    notYet: (at: string) => `Nog niet (stand ${at})`,
    businessHoursNote: 'Te laat is gerekend in werkuren: maandag tot en met vrijdag van 08:30 tot 17:30, feestdagen niet meegerekend.',
    openHeading: 'Openstaande punten',
    noOpenPoints: 'Er staan geen punten meer open.',
    followUpsIntro: 'Advies van onze technici:',
    refusedIntro: 'Meldingen die wij niet meer in behandeling konden nemen; uw accountmanager neemt hierover contact met u op:',
    refused: (title: string, at: string, reason: string) => `${title} (gemeld op ${at}): ${reason}`,
  },
  en: {
    slaHeading: 'Response and resolution times',
    slaColumns: { term: 'Agreed time', onTime: 'On time', missed: 'Late', total: 'Tickets', percent: 'On time (%)' },
    kinds: { response: 'Response', resolve: 'Resolution' } satisfies Record<DueKind, string>,
    noBreaches: 'Every ticket was responded to and resolved within the agreed times.',
    breachesHeading: 'Missed times',
    breachColumns: { problem: 'Problem', term: 'Agreed time', due: 'Due', happened: 'Happened', late: 'Late by' },
    notYet: (at: string) => `Not yet (as of ${at})`,
    businessHoursNote: 'Lateness is counted in business hours: Monday to Friday, 08:30 to 17:30, public holidays excluded.',
    openHeading: 'Open points',
    noOpenPoints: 'No points remain open.',
    followUpsIntro: 'Advice from our technicians:',
    refusedIntro: 'Reports we could no longer take on; your account manager will contact you about them:',
    refused: (title: string, at: string, reason: string) => `${title} (reported on ${at}): ${reason}`,
  },
} as const satisfies Record<Locale, unknown>;
