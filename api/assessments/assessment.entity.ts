/**
 * Phiếu đánh giá: an enterprise's assessment form for one declaration and phase. A draft
 * (RECORDED) can be edited; once SENT it is immutable. Who filled it in is kept for audit.
 */
import { Collection, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { Declaration } from '../declarations/declaration.entity.js';
import { AssessmentStatus, Phase } from './assessment.enums.js';
import { AssessmentItem } from './assessment-item.entity.js';

@ObjectType({ description: 'Phiếu đánh giá: an assessment form for one declaration and phase.' })
@Entity({ tableName: 'assessment' })
@Unique({ properties: ['declaration', 'phase'] })
@Unique({ properties: ['enterprise', 'idempotencyKey'] })
@Unique({ properties: ['enterprise', 'sendKey'] })
@Index({ properties: ['enterprise', 'status', 'updatedAt'] })
export class Assessment {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Declaration, { deleteRule: 'restrict' })
  declaration!: Rel<Declaration>;

  @ManyToOne(() => Enterprise, { deleteRule: 'restrict' })
  enterprise!: Rel<Enterprise>;

  @Field(() => Phase)
  @Enum({ items: () => Phase })
  phase!: Phase;

  @Field(() => AssessmentStatus)
  @Enum({ items: () => AssessmentStatus })
  status!: AssessmentStatus;

  @Property({ type: 'string', length: 255, nullable: true })
  contactName?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  contactPhone?: string | null;

  /** The enterprise lets the unit handling its complaint contact it (else only inspection staff see the contact). */
  @Field(() => Boolean, {
    description:
      'Whether the enterprise lets the unit that handles its complaint contact it; without it only inspection staff see the contact.',
  })
  @Property({ type: 'boolean', default: false })
  contactConsent: boolean = false;

  /** The client's key for a safe retry of recording: the same key never makes a second form. */
  @Property({ type: 'string', length: 64, nullable: true })
  idempotencyKey?: string | null;

  /** SHA-256 of the request the idempotency key was first used for (see idempotency.ts). */
  @Property({ type: 'string', length: 64, nullable: true })
  requestFingerprint?: string | null;

  /** The client's key for a safe retry of sending: the same key returns the sent form. */
  @Property({ type: 'string', length: 64, nullable: true })
  sendKey?: string | null;

  /** "account:12" or "apiKey:3": who recorded and sent the form. */
  @Property({ type: 'string', length: 32 })
  createdBy!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @OneToMany(() => AssessmentItem, (i) => i.assessment, { orderBy: { id: 'asc' } })
  items = new Collection<AssessmentItem>(this);
}
