/**
 * Scheduled period reports (one per period and unit, generated once by the report job) with
 * their figures and both files, and the units people subscribe to (report.ready reaches them).
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ReportPeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  HALF_YEAR = 'HALF_YEAR',
  YEAR = 'YEAR',
}
export enum ReportUnitKind {
  DEPARTMENT = 'DEPARTMENT',
  BRANCH = 'BRANCH',
}
registerEnumType(ReportPeriodKind, { name: 'ReportPeriodKind' });
registerEnumType(ReportUnitKind, { name: 'ReportUnitKind' });

@ObjectType({ description: 'A scheduled period report of a department or branch.' })
@Entity({ tableName: 'period_report' })
@Unique({ properties: ['periodKey', 'unitKind', 'unitId'] })
@Index({ properties: ['departmentId', 'id'] })
export class PeriodReport {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: '2026-05, 2026-Q2, 2026-H1 or 2026.' })
  @Property({ type: 'string', length: 16 })
  periodKey!: string;

  @Field(() => ReportPeriodKind)
  @Enum({ items: () => ReportPeriodKind })
  periodKind!: ReportPeriodKind;

  @Field(() => ReportUnitKind)
  @Enum({ items: () => ReportUnitKind })
  unitKind!: ReportUnitKind;

  @Field(() => ID)
  @Property({ type: 'integer' })
  unitId!: number;

  @Field(() => String, { description: 'Vietnamese name of the unit.' })
  @Property({ type: 'string', length: 255 })
  unitName!: string;

  @Property({ type: 'integer' })
  departmentId!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  from!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  to!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  generatedAt!: Date;

  /** Everything the files show (ReportData), kept so figures can be read without the files. */
  @Property({ type: 'json', lazy: true })
  figures!: Record<string, unknown>;

  @Property({ type: 'blob', lazy: true })
  xlsx!: Buffer;

  @Property({ type: 'blob', lazy: true })
  pdf!: Buffer;
}

@Entity({ tableName: 'report_subscription' })
export class ReportSubscription {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  accountId!: number;

  @PrimaryKey({ type: 'string', length: 16 })
  unitKind!: ReportUnitKind;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  unitId!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
