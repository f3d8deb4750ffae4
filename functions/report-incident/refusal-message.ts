import type { ProblemRefusal } from '../domain/problem';

/** What a refused staff report says, naming the bound. */
export function refusalMessage(reason: ProblemRefusal): string {
  switch (reason) {
    case 'closed':
      return 'This onboarding takes no new problems: it is not in implementation or monitoring';
    case 'too-many-incidents':
      return 'This onboarding has reached 99 incidents (inc-99); start a new onboarding for further work';
    case 'too-many-rounds':
      return 'This onboarding has used all its rounds of work; start a new onboarding for further work';
    case 'round-full':
      return '25 problems already wait for the next round; report this one once that round has started';
    case 'too-many-client-reports':
      return 'The client has reported the most problems the link takes';
  }
}
