/**
 * Names the console gives to parts of its operations' results. Every type is derived from
 * generated.ts (`npm run codegen`, from schema/schema.graphql and schema/operations/*.graphql), so
 * a schema or operation change that breaks a page fails the type-check instead of the browser.
 */
import type * as G from './generated';

// Every generated operation, fragment, input and enum type; the names below take precedence.
export type * from './generated';

type Item<T> = T extends ReadonlyArray<infer U> ? U : never;

// ---- Catalog ----
export type CatalogDepartment = Item<G.CatalogTreeQuery['departments']>;
export type CatalogBranch = Item<CatalogDepartment['branches']>;
export type CatalogTeam = Item<CatalogBranch['teams']>;
export type ProfessionalStage = Item<G.CatalogTreeQuery['stages']>;
export type AnalyticsStage = Item<G.AnalyticsCatalogQuery['stages']>;

// ---- Auth ----
/** The signed-in account, as much of it as the console uses. */
export type Me = G.LoginMutation['login']['me'];

// ---- Pages of a connection ----
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

// ---- Declarations, rating and review ----
export type DeclarationRow = G.DeclarationRowFragment;
export type AssessmentRef = Item<DeclarationRow['assessments']>;
export type DeclarationForRating = G.RatingFormQuery['declaration'];
export type RateableSubject = Item<DeclarationForRating['rateableSubjects']>;
export type Reason = G.ReasonFieldsFragment;
export type AssessmentDetail = G.AssessmentDetailFragment;
export type AssessmentItem = Item<AssessmentDetail['items']>;
export type AssessmentListRow = G.MyAssessmentsQuery['assessments']['edges'][number]['node'];

// ---- Statistics ----
/** The dimensions a drill-down path may take (each once). */
export type DrillDimension = Extract<G.GroupDimension, 'DEPARTMENT' | 'BRANCH' | 'TEAM' | 'STAGE' | 'OFFICER'>;
/** What the explorer may drill by: the units, and every other dimension or time grain the API takes. */
export type ExploreDimension = Exclude<G.GroupDimension, 'HALF_YEAR' | 'YEAR'>;
/** `fragment GroupFigures`. Shares are 0–1; figures are null without ratings. */
export type RatingGroup = G.GroupFiguresFragment;
export type GroupKey = Item<RatingGroup['keys']>;
/** `RatingFilterInput`: every list narrows; absent lists do not. */
export type RatingFilter = G.RatingFilterInput;
export type RatingKpis = G.OverviewKpisQuery['ratingKpis'];

// ---- Forms lookup ----
export type FormItem = G.FormItemFragment;
/** A row of the forms lookup; `enterprise` only when asked `withRater` (inspection staff). */
export type FormRow = G.FormsLookupQuery['assessments']['edges'][number]['node'];
/** A form's detail; who rated (enterprise, contact) only when asked `withRater`. */
