/** English messages of the evaluation scorecards page. Same shape as `vi.scorecards.ts`. */
import type { ScorecardsMessages } from './vi.scorecards';

const enScorecards: ScorecardsMessages = {
  scorecards: {
    nav: 'Scorecards',
    title: 'Evaluation scorecards',
    intro: 'Enterprise ratings and complaint handling in {period}, for the emulation, reward and discipline reviews.',
    level: 'Level',
    code: 'Code',
    team: 'Team',
    branch: 'Branch',
    excludedColumn: 'Ratings excluded (anomaly flags)',
    levels: { BRANCH: 'Branches', TEAM: 'Teams', OFFICER: 'Officers' },
    tableTitle: 'Scorecards of {level} – {period}',
    minimumHint:
      'The ranking score is the mean pulled towards the common level when ratings are few. Units and officers with fewer than {min} ratings are greyed out and not ranked.',
    rank: 'Rank',
    count: 'Ratings',
    mean: 'Mean',
    shrunkMean: 'Ranking score',
    previousShrunkMean: 'Ranking score {period}',
    change: 'Change from {period}',
    csat: 'CSAT',
    cases: 'Complaints',
    substantiated: 'Substantiated',
    concluded: 'Concluded',
    timeliness: 'On time',
    belowMinimum: 'Below minimum',
    belowMinimumRow: 'fewer than {min} ratings, not ranked',
    yes: 'Yes',
    no: 'No',
    empty: 'No ratings or complaints in this period.',
    openOfficer: 'Open the page of officer {name}',
    sheetTitle: 'Scorecards',
    fileTitle: 'Evaluation scorecards – {level} – {period}',
    fileNote: 'Ranking score: adjusted mean; fewer than {min} ratings are not ranked. Shares in %. Exported {at}.',
    excluded: '{n} ratings excluded',
    excludedHint: 'Ratings of confirmed anomaly flags (abuse or retaliation) are left out of this card.',
    significant: 'significant change',
    notSignificant: 'no significant change',
    csatChangeHint:
      'CSAT change from {period}: {change} points, p = {p} (two-proportion z-test, significant below 0.05)',
    rowCount: '{n} rows',
  },
};

export default enScorecards;
