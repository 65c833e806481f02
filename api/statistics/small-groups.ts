/**
 * Small-group protection for the rated. What an officer reads about itself (and a supervisor
 * who is also an officer, about itself) must never let it single out one rating or one case,
 * which its own declarations list would then tie to an enterprise. So such figures:
 * - never come at a grain an enterprise could be picked out by: by day, by enterprise, or by
 *   phase and channel together, nor over a period shorter than `minWindowDays`;
 * - never show a group of fewer than `minGroup` forms (or cases): such a group is left out, and
 *   the overall figure of a too-small selection is blanked (count 0, belowMinimum).
 */
import type { Config } from '../config.js';
import { badInput } from '../errors.js';
import { GroupDimension } from './statistics.types.js';

export type Privacy = Config['privacy'];

const FINE_GRAINS = new Set<string>([GroupDimension.DAY, GroupDimension.ENTERPRISE]);

/** Whether a question is about the viewer itself: its own officer id is the whole or part of the selection. */
export function aboutSelf(selfOfficerId: number | null, officerIds: readonly number[] | undefined | null): boolean {
  return selfOfficerId !== null && (officerIds ?? []).includes(selfOfficerId);
}

/** Refuses (BAD_USER_INPUT, reason SMALL_GROUP) a grain or window too fine for figures about oneself. */
export function checkSelfQuestion(
  privacy: Privacy,
  question: {
    groupBy: readonly string[];
    from?: Date | null;
    to?: Date | null;
    phases?: readonly unknown[] | null;
    channels?: readonly unknown[] | null;
  },
  now: Date,
): void {
  const refuse = (why: string) => {
    throw badInput(`Figures about yourself: ${why}`, { reason: 'SMALL_GROUP', minGroup: privacy.minGroup });
  };
  const fine = question.groupBy.find((g) => FINE_GRAINS.has(g));
  if (fine) refuse(`they are not given by ${fine}.`);
  const byPhase = question.groupBy.includes(GroupDimension.PHASE) || (question.phases?.length ?? 0) > 0;
  const byChannel = question.groupBy.includes(GroupDimension.CHANNEL) || (question.channels?.length ?? 0) > 0;
  if (byPhase && byChannel) refuse('they are not given by phase and channel together.');
  if (question.from) {
    const days = ((question.to ?? now).getTime() - question.from.getTime()) / 86_400_000;
    if (days < privacy.minWindowDays) refuse(`the period must be at least ${privacy.minWindowDays} days.`);
  }
}

/** Leaves out the groups under the minimum. */
export function withoutSmallGroups<T extends { count: number }>(privacy: Privacy, groups: T[]): T[] {
  return groups.filter((g) => g.count >= privacy.minGroup);
}
