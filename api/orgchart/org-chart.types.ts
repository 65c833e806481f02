/** GraphQL inputs and results of the org chart mutations and the import. */
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrgChartKind } from './org-chart.service.js';

registerEnumType(OrgChartKind, { name: 'OrgChartKind', description: 'What an org chart entry is.' });

export enum OrgChartFileFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(OrgChartFileFormat, { name: 'OrgChartFileFormat' });

@InputType({ description: 'A department, branch or team: its code (the key of imports and feeds) and name.' })
export class OrgUnitInput {
  @Field(() => String)
  @MaxLength(64)
  code!: string;

  @Field(() => String, { description: 'Vietnamese name.' })
  @MaxLength(300)
  name!: string;
}

@InputType()
export class CreateBranchInput extends OrgUnitInput {
  @Field(() => ID)
  departmentId!: string;
}

@InputType()
export class CreateTeamInput extends OrgUnitInput {
  @Field(() => ID)
  branchId!: string;
}

@InputType({ description: 'A professional stage (khâu nghiệp vụ).' })
export class StageInput {
  @Field(() => String)
  @MaxLength(64)
  code!: string;

  @Field(() => String)
  @MaxLength(300)
  nameVi!: string;

  @Field(() => String)
  @MaxLength(300)
  nameEn!: string;

  @Field(() => Int, { description: 'Position in the usual order of clearance.' })
  sortOrder!: number;
}

@InputType({ description: 'A reason enterprises may give for a rating level.' })
export class ReasonInput extends StageInput {
  @Field(() => Int)
  minLevel!: number;

  @Field(() => Int)
  maxLevel!: number;
}

@InputType()
export class OfficerInput {
  @Field(() => String, { description: 'Officer code (số hiệu công chức).' })
  @MaxLength(64)
  code!: string;

  @Field(() => String)
  @MaxLength(300)
  fullName!: string;
}

@InputType()
export class CreateOfficerInput extends OfficerInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'First day in the team (YYYY-MM-DD); default today.' })
  @IsOptional()
  @MaxLength(10)
  validFrom?: string | null;
}

@InputType({ description: 'A move: the current assignment ends the day before validFrom.' })
export class MoveOfficerInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'First day in the new team (YYYY-MM-DD); default today.' })
  @IsOptional()
  @MaxLength(10)
  validFrom?: string | null;
}

@InputType()
export class ImportOrgChartInput {
  @Field(() => OrgChartFileFormat)
  format!: OrgChartFileFormat;

  @Field(() => String, { description: 'The file: its text for CSV (UTF-8), base64 for XLSX.' })
  @Length(1, 4_000_000)
  content!: string;

  @Field(() => String, { nullable: true, description: 'The file name, for the audit log.' })
  @IsOptional()
  @MaxLength(200)
  fileName?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Check and count without writing anything.' })
  dryRun!: boolean;
}

@ObjectType()
export class ImportRowErrorType {
  @Field(() => String, { description: 'The sheet (XLSX) or "CSV".' })
  sheet!: string;

  @Field(() => Int, { description: 'The row in the file (the header is row 1); 0 for the whole file.' })
  row!: number;

  @Field(() => String, { description: 'The column (e.g. team_code) or "file".' })
  field!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'What an import did, or would do; nothing is written when errors is not empty.' })
export class OrgChartImportReportType {
  @Field(() => Boolean)
  applied!: boolean;

  @Field(() => Int)
  rows!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Officers moved to another team (their history keeps the old one).' })
  moved!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => [ImportRowErrorType])
  errors!: ImportRowErrorType[];
}
