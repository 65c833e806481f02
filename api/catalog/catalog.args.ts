/** Filters of the catalog queries, validated before any query runs. */
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrow the list of branches.' })
export class BranchFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: number;

  @Field(() => String, { nullable: true, description: 'Part of the code or name; ignores case, not accents.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}

@InputType({ description: 'Narrow the list of teams.' })
export class TeamFilter {
  @Field(() => ID, { nullable: true })
  branchId?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}

@InputType({ description: 'Narrow the list of officers.' })
export class OfficerFilter {
  @Field(() => ID, { nullable: true, description: 'Officers currently in this team.' })
  teamId?: number;

  @Field(() => ID, { nullable: true, description: 'Officers currently in a team of this branch.' })
  branchId?: number;

  @Field(() => String, { nullable: true, description: 'Part of the code or full name.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}

@InputType({ description: 'Narrow the list of enterprises.' })
export class EnterpriseFilter {
  @Field(() => String, { nullable: true, description: 'Exact tax code.' })
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/, { message: 'taxCode must be 10 digits, or 10 digits, "-" and 3 digits' })
  taxCode?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name or tax code.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}
