/**
 * Result types of the console's GraphQL operations (schema/operations/*.graphql), written by
 * hand until they are generated from schema/schema.graphql. `ID` → string, `Int` → number.
 */

export interface CatalogTeam {
  id: string;
  code: string;
  name: string;
  officerCount: number;
}

export interface CatalogBranch {
  id: string;
  code: string;
  name: string;
  declarationCount: number;
  teams: CatalogTeam[];
}

export interface CatalogDepartment {
  id: string;
  code: string;
  name: string;
  branches: CatalogBranch[];
}

export interface ProfessionalStage {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

/** Result of `query CatalogTree` (schema/operations/catalog.graphql). */
export interface CatalogTreeQuery {
  departments: CatalogDepartment[];
  stages: ProfessionalStage[];
}

// ---- Auth (schema/operations/auth.graphql) ----

export type Role = 'ADMIN' | 'ANALYTICS' | 'ENTERPRISE' | 'INSPECTOR' | 'LEADER' | 'OFFICER' | 'SUPERVISOR' | 'SYSTEM';

/** The signed-in account (`Me`), as much of it as the console uses. */
export interface Me {
  kind: string;
  id: string;
  role: Role;
  displayName: string;
  login: string | null;
  enterpriseId: string | null;
}

/** Result of `mutation Login`. */
export interface LoginMutation {
  login: { token: string; expiresAt: string; me: Me };
}

/** Result of `mutation Logout`. */
export interface LogoutMutation {
  logout: boolean;
}

// ---- Shared ----

export type Channel = 'GREEN' | 'YELLOW' | 'RED';
export type Direction = 'IMPORT' | 'EXPORT';
export type DeclarationStatus = 'REGISTERED' | 'UNDER_INSPECTION' | 'RELEASED' | 'CLEARED' | 'CANCELLED';
export type Phase = 'DURING' | 'AFTER';
export type AssessmentStatus = 'RECORDED' | 'SENT';
export type SubjectKind = 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER';

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A Relay-style page: `totalCount` counts all pages together. */
export interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** An assessment form as a declaration lists it. */
export interface AssessmentRef {
  id: string;
  phase: Phase;
  status: AssessmentStatus;
  sentAt: string | null;
}

// ---- My declarations (schema/operations/declarations.graphql) ----

/** `fragment DeclarationRow`. Times are ISO instants. */
export interface DeclarationRow {
  number: string;
  channel: Channel;
  direction: Direction;
  typeCode: string;
  status: DeclarationStatus;
  registeredAt: string;
  releasedAt: string | null;
  lastRemindedAt: string | null;
  branch: { code: string; name: string };
  assessments: AssessmentRef[];
}

export interface UnratedDeclarationsQuery {
  unratedDeclarations: Connection<DeclarationRow>;
}

export interface DeclarationsQuery {
  declarations: Connection<DeclarationRow>;
}

export interface UnratedCountQuery {
  unratedDeclarations: { totalCount: number };
}

// ---- Rating and review (schema/operations/rating.graphql) ----

export interface RateableSubject {
  kind: SubjectKind;
  id: string;
  code: string;
  /** Vietnamese name (an officer's full name). */
  name: string;
  /** English name, where one exists (stages). */
  nameEn: string | null;
}

export interface Reason {
  code: string;
  nameVi: string;
  nameEn: string;
  /** The levels (1–5) this reason may be given with. */
  levels: number[];
}

export interface AssessmentItem {
  id: string;
  subject: RateableSubject;
  level: number;
  reasonCodes: string[];
  comment: string | null;
}

/** `fragment AssessmentDetail`: everything a form holds. */
export interface AssessmentDetail {
  id: string;
  phase: Phase;
  status: AssessmentStatus;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  declaration: { number: string };
  items: AssessmentItem[];
  contactName: string | null;
  contactPhone: string | null;
}

/** `declaration(number)` as the rating page needs it. */
export interface DeclarationForRating extends DeclarationRow {
  rateableSubjects: RateableSubject[];
}

/** Result of `query RatingForm`: the declaration, the reasons and its forms (to resume a draft). */
export interface RatingFormQuery {
  declaration: DeclarationForRating;
  reasons: Reason[];
  assessments: Connection<AssessmentDetail>;
}

/** Result of `query AssessmentReview`. */
export interface AssessmentReviewQuery {
  assessment: AssessmentDetail;
  reasons: Reason[];
}

export interface RecordAssessmentMutation {
  recordAssessment: AssessmentDetail;
}

export interface UpdateAssessmentMutation {
  updateAssessment: AssessmentDetail;
}

export interface SendAssessmentMutation {
  sendAssessment: AssessmentDetail;
}

export interface AssessmentItemInput {
  subjectKind: SubjectKind;
  subjectId: string;
  level: number;
  reasonCodes: string[];
  comment: string | null;
}

export interface AssessmentContentInput {
  items: AssessmentItemInput[];
  contactName: string | null;
  contactPhone: string | null;
}

export interface RecordAssessmentInput extends AssessmentContentInput {
  declarationNumber: string;
  phase: Phase;
}

// ---- My assessments (schema/operations/assessments.graphql) ----

export interface AssessmentListRow {
  id: string;
  phase: Phase;
  status: AssessmentStatus;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  declaration: { number: string };
  items: { id: string; level: number }[];
}

export interface MyAssessmentsQuery {
  assessments: Connection<AssessmentListRow>;
}

// ---- Statistics (schema/operations/analytics.graphql) ----

export type GroupDimension =
  | 'BRANCH'
  | 'CHANNEL'
  | 'DAY'
  | 'DEPARTMENT'
  | 'ENTERPRISE'
  | 'HALF_YEAR'
  | 'LEVEL'
  | 'MONTH'
  | 'OFFICER'
  | 'PHASE'
  | 'QUARTER'
  | 'STAGE'
  | 'SUBJECT_KIND'
  | 'TEAM'
  | 'WEEK'
  | 'YEAR';

/** The dimensions a drill-down path may take (each once). */
export type DrillDimension = 'DEPARTMENT' | 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER';

export interface GroupKey {
  dimension: GroupDimension;
  value: string;
  label: string | null;
}

/** `fragment GroupFigures`. Shares are 0–1; figures are null without ratings. */
export interface RatingGroup {
  keys: GroupKey[];
  count: number;
  levelCounts: number[];
  mean: number | null;
  csat: number | null;
  csatLow: number | null;
  csatHigh: number | null;
  dissatisfied: number | null;
  shrunkMean: number | null;
  belowMinimum: boolean;
}

/** `RatingFilterInput`: every list narrows; absent lists do not. */
export interface RatingFilter {
  from?: string;
  to?: string;
  departmentIds?: string[];
  branchIds?: string[];
  teamIds?: string[];
  stageIds?: string[];
  officerIds?: string[];
  enterpriseIds?: string[];
  levels?: number[];
  channels?: Channel[];
  phases?: Phase[];
  subjectKinds?: SubjectKind[];
}

export interface RatingKpis {
  from: string;
  to: string;
  previousFrom: string;
  forms: number;
  releasedDeclarations: number;
  ratedDeclarations: number;
  responseRate: number | null;
  current: RatingGroup;
  previous: RatingGroup;
}

export interface OverviewKpisQuery {
  ratingKpis: RatingKpis;
}

export interface PreviousKpisQuery {
  ratingKpis: { forms: number; responseRate: number | null };
}

export interface RatingStatisticsQuery {
  ratingStatistics: { overall: RatingGroup; groups: RatingGroup[] };
}

export interface RatingRankingQuery {
  ratingRanking: RatingGroup[];
}

export interface RatingDrillDownQuery {
  ratingDrillDown: {
    breadcrumbs: GroupKey[];
    childDimension: GroupDimension | null;
    node: RatingGroup;
    children: RatingGroup[];
  };
}

export interface OfficerProfileQuery {
  officer: {
    id: string;
    code: string;
    fullName: string;
    currentTeam: { id: string; name: string; branch: { id: string; name: string } } | null;
  };
}

export interface AnalyticsStage {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
}

export interface AnalyticsCatalogQuery {
  departments: {
    id: string;
    code: string;
    name: string;
    branches: { id: string; code: string; name: string; teams: { id: string; code: string; name: string }[] }[];
  }[];
  stages: AnalyticsStage[];
}

// ---- Forms lookup (schema/operations/forms.graphql) ----

export interface FormItem {
  id: string;
  level: number;
  reasonCodes: string[];
  comment: string | null;
  subjectKind: SubjectKind;
  subject: RateableSubject;
}

export interface FormEnterprise {
  id: string;
  name: string;
  taxCode: string;
}

export interface FormRow {
  id: string;
  phase: Phase;
  status: AssessmentStatus;
  sentAt: string | null;
  /** Only for inspection staff. */
  enterprise?: FormEnterprise;
  declaration: { number: string; branch: { name: string } };
  items: FormItem[];
}

export interface AssessmentFilter {
  formId?: string;
  enterpriseId?: string;
  branchId?: string;
  teamId?: string;
  stageId?: string;
  officerId?: string;
  levels?: number[];
  sentFrom?: string;
  sentTo?: string;
  status?: AssessmentStatus;
}

export interface FormDetail {
  id: string;
  phase: Phase;
  status: AssessmentStatus;
  createdAt: string;
  sentAt: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  enterprise?: FormEnterprise;
  declaration: { number: string; channel: Channel; branch: { name: string } };
  items: FormItem[];
}

export interface FormDetailQuery {
  assessment: FormDetail;
  reasons: Reason[];
}
