/**
 * The SLA clock of a case, as the console shows it: how much working time is left to the
 * deadline of the current step (or how long it is overdue), split into working days and hours,
 * and a tone for the colour — always shown together with the words, never colour alone.
 */
export type SlaTone = 'overdue' | 'soon' | 'ok' | 'none';

export interface SlaClock {
  tone: SlaTone;
  /** Whole working days and remaining hours of |time left|. */
  days: number;
  hours: number;
  /** Under an hour either way. */
  underAnHour: boolean;
}

/** Less than this much working time left (one working day) reads as "due soon". */
export const SOON_MINUTES = 24 * 60;

export function slaClock(c: { dueAt: string | null; overdue: boolean; workingMinutesLeft: number | null }): SlaClock {
  if (!c.dueAt || c.workingMinutesLeft === null) return { tone: 'none', days: 0, hours: 0, underAnHour: false };
  const minutes = Math.abs(c.workingMinutesLeft);
  const tone: SlaTone =
    c.overdue || c.workingMinutesLeft < 0 ? 'overdue' : c.workingMinutesLeft < SOON_MINUTES ? 'soon' : 'ok';
  return {
    tone,
    days: Math.floor(minutes / (24 * 60)),
    hours: Math.floor((minutes % (24 * 60)) / 60),
    underAnHour: minutes < 60,
  };
}
