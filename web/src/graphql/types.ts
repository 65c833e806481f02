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
