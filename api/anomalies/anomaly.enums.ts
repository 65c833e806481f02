/** Enumerations of rating anomaly flags, registered once for GraphQL. */
import { registerEnumType } from 'type-graphql';

export enum AnomalyKind {
  BURST = 'BURST',
  RETALIATION = 'RETALIATION',
  COPIED_TEXT = 'COPIED_TEXT',
  NEW_RATER = 'NEW_RATER',
}

export enum AnomalyStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
}

export enum AnomalyDecisionKind {
  CONFIRM = 'CONFIRM',
  DISMISS = 'DISMISS',
}

registerEnumType(AnomalyKind, {
  name: 'AnomalyKind',
  valuesConfig: {
    BURST: {
      description:
        'Many low ratings of one subject from one or a few enterprises in a short window, far above its baseline.',
    },
    RETALIATION: {
      description:
        "Low ratings after red-channel (physical inspection) declarations that the enterprise's green ones and the subject's usual level do not explain.",
    },
    COPIED_TEXT: { description: 'The same or nearly the same comment on several forms.' },
    NEW_RATER: { description: 'A new enterprise whose first ratings of one subject are all at one extreme.' },
  },
});
registerEnumType(AnomalyStatus, { name: 'AnomalyStatus' });
registerEnumType(AnomalyDecisionKind, { name: 'AnomalyDecisionKind' });
