/** English messages. Same shape as `vi.ts`, enforced by the `Messages` type. */
import type { Messages } from './vi';

const en: Messages = {
  app: {
    name: 'customs-sqa',
    subtitle: 'Service-quality assessment for Vietnam Customs',
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    language: 'Language',
    languageVi: 'Tiếng Việt',
    languageEn: 'English',
  },
  nav: {
    catalog: 'Catalog',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    code: 'Code',
  },
  errors: {
    title: 'Could not load the data',
    errorCode: 'Error code: {code}',
    NETWORK: 'Could not reach the server. Check your network connection and try again.',
    BAD_RESPONSE: 'The server sent an invalid response. Please try again later.',
    UNAUTHENTICATED: 'You are not signed in, or your session has expired.',
    FORBIDDEN: 'You do not have permission to view this data.',
    NOT_FOUND: 'The requested data was not found.',
    RATE_LIMITED: 'Too many requests in a short time. Please try again in a few minutes.',
    QUERY_TOO_COMPLEX: 'The request is too complex for the server to process.',
    BAD_USER_INPUT: 'The request parameters are not valid.',
    default: 'Something unexpected went wrong. Please try again.',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address you visited does not exist or has moved.',
    back: 'Back to the Catalog',
  },
  catalog: {
    title: 'Organisation catalog',
    intro: 'Structure of the customs departments, branches and teams, and the professional stages.',
    summary: 'Summary',
    kpi: {
      branches: 'Branches',
      teams: 'Teams',
      officers: 'Officers',
      declarations: 'Declarations',
    },
    chartTitle: 'Declarations per branch',
    chartSeries: 'Declarations',
    chartCategory: 'Branch',
    treeTitle: 'Organisation structure',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
    branchCount: 'no branches | {count} branch | {count} branches',
    teamCount: 'no teams | {count} team | {count} teams',
    officerCount: 'no officers | {count} officer | {count} officers',
    declarationCount: 'no declarations | {count} declaration | {count} declarations',
    noBranches: 'This department has no branches yet.',
    noTeams: 'This branch has no teams yet.',
    stagesTitle: 'Professional stages',
    noStages: 'No professional stages yet.',
    empty: 'The catalog is empty.',
    emptyHint: 'Once departments, branches and teams are loaded, the organisation structure appears here.',
  },
};

export default en;
