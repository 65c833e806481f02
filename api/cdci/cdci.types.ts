/** GraphQL shapes of the CDCI: weights, department assessments and the ranking. */
import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Branch } from '../catalog/branch.entity.js';

export enum CdciComponentKind {
  SURVEY = 'survey',
  SATISFACTION = 'satisfaction',
  DEPARTMENT_ASSESSMENT = 'departmentAssessment',
  CASE_TIMELINESS = 'caseTimeliness',
}
registerEnumType(CdciComponentKind, { name: 'CdciComponentKind' });

@InputType()
export class CdciWeightsInput {
  @Field(() => Float) @Min(0) @Max(100) survey!: number;
  @Field(() => Float) @Min(0) @Max(100) satisfaction!: number;
  @Field(() => Float) @Min(0) @Max(100) departmentAssessment!: number;
  @Field(() => Float) @Min(0) @Max(100) caseTimeliness!: number;
}

@InputType()
export class CdciDepartmentScoreInput {
  @Field(() => ID) branchId!: string;
  @Field(() => Float, { description: '0–100.' }) @Min(0) @Max(100) score!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) note?: string | null;
}

@InputType()
export class CdciDepartmentAssessmentInput {
  @Field(() => String) @Length(4, 7) period!: string;
  @Field(() => [CdciDepartmentScoreInput])
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  scores!: CdciDepartmentScoreInput[];
}

@ObjectType()
export class CdciWeightsView {
  @Field(() => String, { description: 'The period these weights are for, or "default".' }) appliesTo!: string;
  @Field(() => Float) survey!: number;
  @Field(() => Float) satisfaction!: number;
  @Field(() => Float) departmentAssessment!: number;
  @Field(() => Float) caseTimeliness!: number;
}

@ObjectType()
export class CdciComponentValue {
  @Field(() => CdciComponentKind) component!: CdciComponentKind;
  @Field(() => String, { description: 'Its symbol in the formula (S, R, D, T).' }) symbol!: string;
  @Field(() => Float, {
    nullable: true,
    description: '0–100; null when the branch has no data for it (for the survey: fewer respondents than the minimum).',
  })
  value!: number | null;
  @Field(() => Float) weight!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'How many answers, ratings or cases it rests on (null for the department assessment).',
  })
  basis!: number | null;
}

@ObjectType()
export class CdciRow {
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => Branch) branch!: Branch;
  @Field(() => Float, { nullable: true }) index!: number | null;
  @Field(() => [CdciComponentValue]) components!: CdciComponentValue[];
  @Field(() => Float, { nullable: true }) previousIndex!: number | null;
  @Field(() => Int, { nullable: true }) previousRank!: number | null;
  @Field(() => Float, { nullable: true, description: 'index − previousIndex.' }) change!: number | null;
}

@ObjectType()
export class CdciRanking {
  @Field(() => String) period!: string;
  @Field(() => String) previousPeriod!: string;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => CdciWeightsView) weights!: CdciWeightsView;
  @Field(() => String, { description: 'The formula, with this period’s weights.' }) formula!: string;
  @Field(() => [CdciRow]) rows!: CdciRow[];
  @Field(() => Boolean, {
    description: 'The period is still under way: its figures are preliminary and will change until it ends.',
  })
  isRunning!: boolean;
}

@ObjectType()
export class CdciDepartmentScoreView {
  @Field(() => Branch) branch!: Branch;
  @Field(() => Float) score!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
}
