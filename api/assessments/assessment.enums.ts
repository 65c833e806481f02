/** Enumerations of an assessment form, registered once for GraphQL. */
import { registerEnumType } from 'type-graphql';

export enum Phase {
  DURING = 'DURING',
  AFTER = 'AFTER',
}

export enum AssessmentStatus {
  RECORDED = 'RECORDED',
  SENT = 'SENT',
}

export enum SubjectKind {
  BRANCH = 'BRANCH',
  TEAM = 'TEAM',
  STAGE = 'STAGE',
  OFFICER = 'OFFICER',
}

/** The five levels, as the seeds name them. */
export const LEVEL_NAMES: Record<number, { vi: string; en: string }> = {
  5: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  4: { vi: 'Hài lòng', en: 'Satisfied' },
  3: { vi: 'Bình thường', en: 'Normal' },
  2: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  1: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
};

registerEnumType(Phase, {
  name: 'Phase',
  valuesConfig: {
    DURING: { description: 'Rated during clearance (trong quá trình thông quan).' },
    AFTER: { description: 'Rated after release of the goods (sau thông quan).' },
  },
});
registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  valuesConfig: {
    RECORDED: { description: 'Saved as a draft: can be reviewed, edited, then sent.' },
    SENT: { description: 'Sent to customs: immutable.' },
  },
});
registerEnumType(SubjectKind, { name: 'SubjectKind', description: 'What an assessment item rates.' });

/** Where a declaration's rating stands, by the one phase rule (README, "One rule for phases"). */
export enum RatingState {
  UNRATED = 'UNRATED',
  DRAFT = 'DRAFT',
  RATED = 'RATED',
  WINDOW_CLOSED = 'WINDOW_CLOSED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RatingState, {
  name: 'RatingState',
  description:
    'RATED once a form of either phase is sent; else DRAFT with a draft for the current phase, UNRATED inside the rating window, WINDOW_CLOSED after it; CANCELLED declarations are never rated.',
});
