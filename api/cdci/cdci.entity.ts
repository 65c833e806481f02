/**
 * Inputs of the Customs Department Competitiveness Index (CDCI) that are not measured from our
 * own data: the weights of its components (per review period, or the default with no period),
 * and the department's own assessment of each branch for a period (0–100).
 */
import type { Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Branch } from '../catalog/branch.entity.js';

@Entity({ tableName: 'cdci_weights' })
export class CdciWeights {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** "2026-Q2", "2026-H1", "2026", or "default" for every period without its own. */
  @Property({ type: 'string', length: 8, unique: true })
  periodKey!: string;

  /** Percentages; they add up to 100. */
  @Property({ type: 'double' })
  survey!: number;

  @Property({ type: 'double' })
  satisfaction!: number;

  @Property({ type: 'double' })
  departmentAssessment!: number;

  @Property({ type: 'double' })
  caseTimeliness!: number;

  @Property({ type: 'string', length: 32 })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

@Entity({ tableName: 'cdci_department_assessment' })
@Unique({ properties: ['periodKey', 'branch'] })
export class CdciDepartmentAssessment {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 8 })
  periodKey!: string;

  @ManyToOne(() => Branch, { deleteRule: 'restrict' })
  branch!: Rel<Branch>;

  /** 0–100. */
  @Property({ type: 'double' })
  score!: number;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'string', length: 32 })
  updatedBy!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
