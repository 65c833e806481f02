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
    stageAdjusted: 'Within-stage score',
    stageAdjustedHint:
      "The overall mean plus the officer's mean less what the stages it worked predict: officers of different stages compare fairly.",
    grade: 'Grade',
    grades: { EXCELLENT: 'Excellent', GOOD: 'Good', PASS: 'Pass', FAIL: 'Not passed' },
    bands:
      'Grades by CSAT: Excellent from {excellent} %, Good from {good} %, Pass from {pass} %; no grade under the minimum of ratings.',
    bandsDefault: ' (default thresholds)',
    bandsEdit: "Edit this period's thresholds",
    bandLabels: { excellent: 'Excellent from (%)', good: 'Good from (%)', pass: 'Pass from (%)' },
    bandsSave: 'Save for {period}',
    bandsOrder: 'Thresholds must rise: 0 ≤ Pass < Good < Excellent ≤ 100.',
    bandsFailed: 'Could not save the grade thresholds',
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
