/** GraphQL shapes of the survey: inputs, the enterprise's response, and the aggregated report. */
import { ArrayMaxSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Branch } from '../catalog/branch.entity.js';
import { SurveyCampaignStatus, SurveyResponseStatus, Timeliness } from './survey.enums.js';
import { SurveyIndicator, SurveySection } from './survey.entity.js';

@InputType()
export class CreateSurveyCampaignInput {
  @Field(() => String, { description: 'In Vietnamese.' }) @Length(1, 255) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 255) titleEn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) description?: string | null;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
}

@InputType({ description: 'What changes; a field left out stays as it is.' })
export class UpdateSurveyCampaignInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 255) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 255) titleEn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) description?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only before the campaign opens.' })
  @IsOptional()
  opensAt?: Date | null;
  @Field(() => Date, { nullable: true }) @IsOptional() closesAt?: Date | null;
}

@InputType()
export class SurveyAnswerInput {
  @Field(() => ID) indicatorId!: string;
  @Field(() => Int, { nullable: true, description: '1–5, for RATING questions.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number | null;
  @Field(() => Timeliness, { nullable: true, description: 'For TIMELINESS questions.' })
  @IsOptional()
  timeliness?: Timeliness | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) comment?: string | null;
}

@InputType()
export class SurveyResponseInput {
  @Field(() => [ID], {
    description: 'The branches the enterprise dealt with in the period; its answers count for each.',
  })
  @ArrayMaxSize(50)
  branchIds!: string[];

  @Field(() => [SurveyAnswerInput], { description: 'Unanswered indicators mean "no opinion".' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  answers!: SurveyAnswerInput[];
}

@InputType()
export class ImprovementMeasureInput {
  @Field(() => String, { description: 'Review period: "2026-Q2", "2026-H1" or "2026".' }) @Length(4, 7) period!: string;
  @Field(() => ID) branchId!: string;
  @Field(() => ID) indicatorId!: string;
  @Field(() => String) @Length(1, 5000) measure!: string;
  @Field(() => String, { description: 'Who is responsible (a person or unit).' }) @Length(1, 255) owner!: string;
  @Field(() => Boolean, { description: 'Beyond the branch’s authority: reported to the General Department.' })
  beyondBranchAuthority!: boolean;
}

@ObjectType()
export class SurveyAnswerView {
  @Field(() => ID) indicatorId!: string;
  @Field(() => Int, { nullable: true }) rating!: number | null;
  @Field(() => Timeliness, { nullable: true }) timeliness!: Timeliness | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType({ description: "The enterprise's own response to a campaign." })
export class SurveyResponseView {
  @Field(() => ID) id!: string;
  @Field(() => SurveyResponseStatus) status!: SurveyResponseStatus;
  @Field(() => [ID]) branchIds!: string[];
  @Field(() => [SurveyAnswerView]) answers!: SurveyAnswerView[];
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
}

@ObjectType()
export class SurveySectionWithIndicators {
  @Field(() => SurveySection) section!: SurveySection;
  @Field(() => [SurveyIndicator]) indicators!: SurveyIndicator[];
}

@ObjectType()
export class SurveyIndicatorFigures {
  @Field(() => SurveyIndicator) indicator!: SurveyIndicator;
  @Field(() => Int) answers!: number;
  @Field(() => Float, { nullable: true, description: 'Mean level 1–5 (RATING).' }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of 4–5 (RATING), 0–1.' }) satisfiedShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share faster than committed (TIMELINESS), 0–1.' }) fasterShare!:
    number | null;
  @Field(() => Float, { nullable: true }) asCommittedShare!: number | null;
  @Field(() => Float, { nullable: true }) slowerShare!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: '0–100: the satisfied share (RATING) or the share at least as fast as committed (TIMELINESS).',
  })
  score!: number | null;
  @Field(() => Boolean, { description: 'Score below the low-mark threshold.' }) low!: boolean;
}

@ObjectType()
export class SurveySectionFigures {
  @Field(() => SurveySection) section!: SurveySection;
  @Field(() => Float, { nullable: true, description: 'Mean of its indicators’ scores, 0–100.' }) score!: number | null;
  @Field(() => [SurveyIndicatorFigures]) indicators!: SurveyIndicatorFigures[];
}

@ObjectType({
  description: 'Aggregated answers for a branch (or the whole scope when branch is null); never individual answers.',
})
export class SurveyUnitReport {
  @Field(() => Branch, { nullable: true }) branch!: Branch | null;
  @Field(() => Int) respondents!: number;
  @Field(() => Boolean, { description: 'Fewer respondents than the minimum: figures hidden.' }) belowMinimum!: boolean;
  @Field(() => Float, { nullable: true, description: 'Mean of the section scores, 0–100.' }) score!: number | null;
  @Field(() => [SurveySectionFigures]) sections!: SurveySectionFigures[];
}

@ObjectType({ description: 'A low-mark item of a branch, with its improvement measure.' })
export class SurveyLowMark {
  @Field(() => Branch) branch!: Branch;
  @Field(() => SurveyIndicator) indicator!: SurveyIndicator;
  @Field(() => SurveySection) section!: SurveySection;
  @Field(() => Float) score!: number;
  @Field(() => String, { nullable: true }) measure!: string | null;
  @Field(() => String, { nullable: true }) owner!: string | null;
  @Field(() => Boolean) beyondBranchAuthority!: boolean;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Boolean, { description: 'Whether you may write its measure.' }) canEdit!: boolean;
}

@ObjectType()
export class SurveyReport {
  @Field(() => String) period!: string;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Int) minRespondents!: number;
  @Field(() => Float, { description: 'Scores below this (0–100) are low marks.' }) lowMarkThreshold!: number;
  @Field(() => SurveyUnitReport) overall!: SurveyUnitReport;
  @Field(() => [SurveyUnitReport]) branches!: SurveyUnitReport[];
  @Field(() => [SurveyLowMark]) lowMarks!: SurveyLowMark[];
}

@ObjectType()
export class SurveyImprovementMeasureView {
  @Field(() => String) period!: string;
  @Field(() => ID) branchId!: string;
  @Field(() => ID) indicatorId!: string;
  @Field(() => String) measure!: string;
  @Field(() => String) owner!: string;
  @Field(() => Boolean) beyondBranchAuthority!: boolean;
  @Field(() => Date) updatedAt!: Date;
}

export { SurveyCampaignStatus };
