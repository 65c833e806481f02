/** GraphQL types of account administration, invitations, passwords and the audit log. No secret is a field. */
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../auth/roles.js';

@ObjectType({ description: 'An account as administrators see it (never its password).' })
export class AccountInfo {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  login!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => ID, { nullable: true })
  officerId!: string | null;

  @Field(() => ID, { nullable: true })
  branchId!: string | null;

  @Field(() => ID, { nullable: true })
  departmentId!: string | null;

  @Field(() => Boolean, { description: 'False while the user has not set a password from an invitation.' })
  passwordSet!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was deactivated; null while active.' })
  disabledAt!: Date | null;
}

@ObjectType({ description: 'A one-time link to set a password. Shown once to the administrator who asked for it.' })
export class InvitationType {
  @Field(() => String)
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { description: 'SHOWN: only to you (give it to the user); QUEUED: e-mailed.' })
  delivery!: string;
}

@ObjectType()
export class AccountWithInvitation {
  @Field(() => AccountInfo)
  account!: AccountInfo;

  @Field(() => InvitationType)
  invitation!: InvitationType;
}

@ObjectType()
export class EnterpriseAccountsResult {
  @Field(() => [AccountWithInvitation])
  created!: AccountWithInvitation[];

  @Field(() => [String], { description: 'Tax codes whose enterprise already had a user: left alone.' })
  skipped!: string[];
}

@InputType({ description: 'A staff account; the scope fields its role needs (and only those).' })
export class CreateStaffAccountInput {
  @Field(() => String)
  @MaxLength(64)
  login!: string;

  @Field(() => String)
  @MaxLength(300)
  displayName!: string;

  @Field(() => Role, { description: 'OFFICER, SUPERVISOR, INSPECTOR, LEADER or ADMIN.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'OFFICER: the officer (the branch follows their team).' })
  officerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'SUPERVISOR: the branch.' })
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'INSPECTOR (required) or LEADER (optional; none: the nation).' })
  departmentId?: string | null;
}

@InputType({ description: 'A user of an enterprise; the enterprise is found by tax code, or created with a name.' })
export class CreateEnterpriseAccountInput {
  @Field(() => String)
  @MaxLength(14)
  taxCode!: string;

  @Field(() => String, { nullable: true, description: 'Needed only when no enterprise has this tax code yet.' })
  @IsOptional()
  @MaxLength(300)
  enterpriseName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Default: the tax code (then "<tax code>.2"… for further users).',
  })
  @IsOptional()
  @MaxLength(64)
  login?: string | null;

  @Field(() => String, { nullable: true, description: "Default: the enterprise's name." })
  @IsOptional()
  @MaxLength(300)
  displayName?: string | null;
}

@InputType()
export class AccountFilter {
  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the login or name.' })
  @IsOptional()
  @Length(1, 100)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: active only; false: deactivated only.' })
  active?: boolean | null;
}

@InputType({ description: 'Narrow the audit log; every field must hold.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'e.g. "account:1" or "cli".' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,16}(:\d{1,12})?$/, { message: 'actor must look like account:12, apiKey:3 or cli' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'An action ("account.create") or its family ("account").' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,32}(\.[a-zA-Z]{1,32})?$/, { message: 'action must look like account or account.create' })
  action?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,32}$/, { message: 'targetKind must be a word such as account or team' })
  targetKind?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  targetId?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@ArgsType()
export class AcceptInvitationArgs {
  @Field(() => String, { description: 'The token from the link (after "#token=").' })
  @Length(1, 200)
  token!: string;

  @Field(() => String)
  @Length(1, 200)
  password!: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  @Length(1, 200)
  currentPassword!: string;

  @Field(() => String)
  @Length(1, 200)
  newPassword!: string;
}

@ArgsType()
export class EnterpriseListArgs {
  @Field(() => String, {
    description: 'One "tax code[,enterprise name]" line per enterprise (CSV; a header line is allowed).',
  })
  @Length(1, 200_000)
  list!: string;
}
