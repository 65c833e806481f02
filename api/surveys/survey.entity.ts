/**
 * The survey on the commitments of the Declaration on Customer Service: a catalogue of sections
 * and indicators, campaigns (an answering window), one response per enterprise and campaign (a
 * draft until submitted) naming the branches it counts for, its answers, and the improvement
 * measures a unit records for low-mark items of a review period.
 */
import { Collection, type Rel } from '@mikro-orm/core';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { QuestionKind, SurveyResponseStatus, Timeliness } from './survey.enums.js';

@ObjectType({ description: 'A group of commitments (Tính chuyên nghiệp, Tính minh bạch, …).' })
@Entity({ tableName: 'survey_section' })
export class SurveySection {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameVi!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  nameEn!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sortOrder!: number;
}

@ObjectType({ description: 'One question of the survey.' })
@Entity({ tableName: 'survey_indicator' })
export class SurveyIndicator {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SurveySection, { deleteRule: 'restrict' })
  section!: Rel<SurveySection>;

  @Field(() => String)
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Field(() => QuestionKind)
  @Enum({ items: () => QuestionKind })
  kind!: QuestionKind;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  nameVi!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  nameEn!: string;

  @Field(() => String, { nullable: true, description: 'The committed time limit, for TIMELINESS questions.' })
  @Property({ type: 'string', length: 500, nullable: true })
  commitmentVi?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  commitmentEn?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sortOrder!: number;

  /** Retired indicators stay for old answers but are not asked any more. */
  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}

@ObjectType({ description: 'A survey campaign: the window in which enterprises answer.' })
@Entity({ tableName: 'survey_campaign' })
@Index({ properties: ['opensAt'] })
export class SurveyCampaign {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'The title in Vietnamese.' })
  @Property({ type: 'string', length: 255 })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The title in English; the console falls back to the Vietnamese one.',
  })
  @Property({ type: 'string', length: 255, nullable: true })
  titleEn?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  opensAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  closesAt!: Date;

  /** Closed early by a manager. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'string', length: 32 })
  createdBy!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;
}

@Entity({ tableName: 'survey_response' })
@Unique({ properties: ['campaign', 'enterprise'] })
@Index({ properties: ['status', 'submittedAt'] })
export class SurveyResponse {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SurveyCampaign, { deleteRule: 'restrict' })
  campaign!: Rel<SurveyCampaign>;

  @ManyToOne(() => Enterprise, { deleteRule: 'restrict' })
  enterprise!: Rel<Enterprise>;

  @Enum({ items: () => SurveyResponseStatus })
  status!: SurveyResponseStatus;

  @Property({ type: 'string', length: 32 })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @OneToMany(() => SurveyAnswer, (a) => a.response, { orphanRemoval: true })
  answers = new Collection<SurveyAnswer>(this);

  @OneToMany(() => SurveyResponseBranch, (b) => b.response, { orphanRemoval: true })
  branches = new Collection<SurveyResponseBranch>(this);
}

/** A branch the enterprise dealt with, for which its answers count. */
@Entity({ tableName: 'survey_response_branch' })
@Index({ properties: ['branch'] })
export class SurveyResponseBranch {
  @ManyToOne(() => SurveyResponse, { primary: true, deleteRule: 'cascade' })
  response!: Rel<SurveyResponse>;

  @ManyToOne(() => Branch, { primary: true, deleteRule: 'restrict' })
  branch!: Rel<Branch>;
}

@Entity({ tableName: 'survey_answer' })
@Unique({ properties: ['response', 'indicator'] })
@Check({ name: 'survey_answer_rating_check', expression: '((rating >= 1) AND (rating <= 5))' })
export class SurveyAnswer {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => SurveyResponse, { deleteRule: 'cascade' })
  response!: Rel<SurveyResponse>;

  @ManyToOne(() => SurveyIndicator, { deleteRule: 'restrict' })
  indicator!: Rel<SurveyIndicator>;

  /** 1–5 for RATING questions. */
  @Property({ type: 'smallint', nullable: true })
  rating?: number | null;

  @Enum({ items: () => Timeliness, nullable: true })
  timeliness?: Timeliness | null;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;
}

/** Biện pháp khắc phục: what a branch will do about a low-mark item of a review period. */
@Entity({ tableName: 'survey_improvement_measure' })
@Unique({ properties: ['periodKey', 'branch', 'indicator'] })
export class SurveyImprovementMeasure {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** "2026-Q2", "2026-H1" or "2026". */
  @Property({ type: 'string', length: 8 })
  periodKey!: string;

  @ManyToOne(() => Branch, { deleteRule: 'restrict' })
  branch!: Rel<Branch>;

  @ManyToOne(() => SurveyIndicator, { deleteRule: 'restrict' })
  indicator!: Rel<SurveyIndicator>;

  @Property({ type: 'text' })
  measure!: string;

  /** The person or unit responsible for the measure. */
  @Property({ type: 'string', length: 255 })
  owner!: string;

  /** Beyond the branch's authority: reported to the General Department. */
  @Property({ type: 'boolean' })
  beyondBranchAuthority!: boolean;

  @Property({ type: 'string', length: 32 })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
