/**
 * Thông báo văn bản mới: a notice that a legal or guidance document was issued or takes effect,
 * published by administrators to all enterprises or to some. Reading is recorded per enterprise.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A notice of a new legal or guidance document.' })
@Entity({ tableName: 'legal_notice' })
@Index({ properties: ['publishedAt'] })
export class LegalNotice {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Số hiệu, e.g. "39/2018/TT-BTC".' })
  @Property({ type: 'string', length: 64 })
  documentNumber!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  titleVi!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  titleEn?: string | null;

  @Field(() => String, { description: 'e.g. "Bộ Tài chính", "Tổng cục Hải quan".' })
  @Property({ type: 'string', length: 255 })
  issuer!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @Property({ type: 'date', nullable: true })
  effectiveOn?: string | null;

  @Field(() => String)
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => String, { description: 'Link to the official source.' })
  @Property({ type: 'string', length: 2000 })
  sourceUrl!: string;

  /** Null: every enterprise; otherwise only these (ids as text, as Postgres arrays come back). */
  @Property({ type: 'text[]', nullable: true })
  enterpriseIds?: string[] | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @Property({ type: 'string', length: 32 })
  publishedBy!: string;
}

@Entity({ tableName: 'legal_notice_read' })
export class LegalNoticeRead {
  @PrimaryKey({ type: 'integer' })
  noticeId!: number;

  @PrimaryKey({ type: 'integer' })
  enterpriseId!: number;

  @Property({ type: 'datetime' })
  readAt!: Date;
}
