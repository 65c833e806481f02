/** Tờ khai: a customs declaration as fed by the customs system (VNACCS). */
import type { Rel } from '@mikro-orm/core';
import { Collection, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Assessment } from '../assessments/assessment.entity.js';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { Channel, DeclarationStatus, Direction } from './declaration.enums.js';
import { HandlingRecord } from './handling-record.entity.js';

@ObjectType({ description: 'Tờ khai hải quan: a customs declaration.' })
@Entity({ tableName: 'declaration' })
@Index({ properties: ['enterprise', 'registeredAt'] })
@Index({ properties: ['branch', 'registeredAt'] })
export class Declaration {
  [OptionalProps]?: 'factsVersion';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: '12-digit VNACCS declaration number.' })
  @Property({ type: 'string', length: 12, unique: true })
  number!: string;

  @ManyToOne(() => Enterprise, { deleteRule: 'restrict' })
  enterprise!: Rel<Enterprise>;

  @ManyToOne(() => Branch, { deleteRule: 'restrict' })
  branch!: Rel<Branch>;

  @Field(() => Direction)
  @Enum({ items: () => Direction })
  direction!: Direction;

  @Field(() => String, { description: 'Mã loại hình, e.g. A11 (import for domestic consumption), B11 (export).' })
  @Property({ type: 'string', length: 8 })
  typeCode!: string;

  @Field(() => Channel)
  @Enum({ items: () => Channel })
  channel!: Channel;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  releasedAt?: Date | null;

  @Field(() => DeclarationStatus)
  @Enum({ items: () => DeclarationStatus })
  status!: DeclarationStatus;

  /**
   * Bumped whenever what its ratings say about it changes (channel, branch, who handled which
   * stage): every rating fact of the declaration in ClickHouse carries it as its version.
   */
  @Property({ type: 'integer', default: 1 })
  factsVersion: number = 1;

  @OneToMany(() => HandlingRecord, (h) => h.declaration)
  handlingRecords = new Collection<HandlingRecord>(this);

  @OneToMany(() => Assessment, (a) => a.declaration)
  assessments = new Collection<Assessment>(this);
}
