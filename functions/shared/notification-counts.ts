import type { Onboarding } from '../domain/onboarding';

/** How many notifications whose names start with `prefix` went out (reminders are numbered). */
export function sentCount(onboarding: Pick<Onboarding, 'notificationsSent'>, prefix: string): number {
  return Object.keys(onboarding.notificationsSent).filter((name) => name.startsWith(prefix)).length;
}
