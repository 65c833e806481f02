/** GraphQL types for sign-in and API keys. No secret (hash, password) is ever a field. */
import { IsIn, IsOptional, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from './roles.js';

@ObjectType({ description: 'The signed-in account or API key making the request.' })
export class Me {
  @Field(() => String, { description: '"account" or "apiKey".' })
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  login!: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => ID, { nullable: true })
  officerId!: string | null;

  @Field(() => ID, { nullable: true })
  branchId!: string | null;

  @Field(() => ID, { nullable: true })
  departmentId!: string | null;

  @Field(() => [String], {
    description:
      'What you may do and see, from the access policy (e.g. "case:handle", "assessment:seeRater"): the console shows pages, actions and columns by these.',
  })
  permissions!: string[];
}

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Me)
  me!: Me;
}

@ObjectType({ description: 'An API key, without its secret.' })
export class ApiKeyInfo {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters, to recognise the key.' })
  prefix!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (to the minute); null: never.' })
  lastUsedAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Cost points per hour for this key; null: the server default (GRAPHQL_COST_BUDGET_PER_HOUR).',
  })
  costBudgetPerHour!: number | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, { description: 'The key itself. It is shown this once and cannot be retrieved later.' })
  key!: string;

  @Field(() => ApiKeyInfo)
  apiKey!: ApiKeyInfo;
}

export const KEY_ROLES = [Role.ENTERPRISE, Role.SYSTEM, Role.ANALYTICS] as const;

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  @Length(1, 255)
  name!: string;

  @Field(() => Role, {
    description: 'ENTERPRISE (declaration software), SYSTEM (customs-system feed) or ANALYTICS (read-only).',
  })
  @IsIn(KEY_ROLES, { message: 'role must be ENTERPRISE, SYSTEM or ANALYTICS' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'For ENTERPRISE keys created by an administrator.' })
  @IsOptional()
  enterpriseId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Cost points per hour for this key (administrators only); default: the server setting.',
  })
  @IsOptional()
  @Min(100)
  costBudgetPerHour?: number | null;
}
