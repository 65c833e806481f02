/** What an enterprise sends to record, edit or submit an assessment form. */
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  IsBoolean,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Phase, SubjectKind } from './assessment.enums.js';

/** Limits of a form's text and lists, also served by `ratingLimits` so the console shows them before they are reached. */
export const COMMENT_MAX_LENGTH = 1000;
export const CONTACT_NAME_MAX_LENGTH = 100;
export const ITEMS_MAX = 60;
export const REASON_CODES_MAX = 10;

/**
 * Vietnamese phone numbers: mobile 0[35789]x xxx xxxx and landline 02xx xxx xxxx, written with
 * 0 or +84 and any spaces, dots or dashes between digits.
 */
export const VIETNAMESE_PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s.\-()]/g, '');
}

function IsVietnamesePhone() {
  return ValidateBy({
    name: 'isVietnamesePhone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && VIETNAMESE_PHONE.test(normalisePhone(value)),
      defaultMessage: () => 'contactPhone must be a Vietnamese phone number, e.g. 0912 345 678 or 0225 3836 123',
    },
  });
}

@InputType({ description: 'One subject to rate, with a level, reasons and a comment.' })
export class AssessmentItemInput {
  @Field(() => SubjectKind)
  subjectKind!: SubjectKind;

  @Field(() => ID, { description: 'Id of the branch, team, stage or officer (see Declaration.rateableSubjects).' })
  subjectId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'For an officer: the stage it is rated for (see Declaration.rateableSubjects). Needed only when the officer handled several stages of the declaration.',
  })
  @IsOptional()
  stageId?: string | null;

  @Field(() => Int, { description: '5 Rất hài lòng (very satisfied) … 1 Rất không hài lòng (very dissatisfied).' })
  @IsInt()
  @Min(1, { message: 'level must be between 1 and 5' })
  @Max(5, { message: 'level must be between 1 and 5' })
  level!: number;

  @Field(() => [String], { defaultValue: [], description: 'Codes from `reasons(level)`.' })
  @ArrayMaxSize(REASON_CODES_MAX)
  @Length(1, 32, { each: true })
  reasonCodes!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(COMMENT_MAX_LENGTH, { message: `comment must be at most ${COMMENT_MAX_LENGTH} characters` })
  comment?: string | null;
}

@InputType({ description: 'The content of a form: the subjects rated and an optional contact.' })
export class AssessmentContentInput {
  @Field(() => [AssessmentItemInput])
  @ArrayMinSize(1, { message: 'rate at least one subject' })
  @ArrayMaxSize(ITEMS_MAX)
  @ValidateNested({ each: true })
  items!: AssessmentItemInput[];

  @Field(() => String, {
    nullable: true,
    description: 'Contact person, for a dissatisfied rating that customs should follow up.',
  })
  @IsOptional()
  @Length(1, CONTACT_NAME_MAX_LENGTH, { message: `contactName must be 1 to ${CONTACT_NAME_MAX_LENGTH} characters` })
  contactName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Vietnamese mobile or landline, e.g. 0912 345 678 or +84 225 3836 123.',
  })
  @IsOptional()
  @IsVietnamesePhone()
  contactPhone?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'May the unit handling a complaint from this form contact you? Without it (the default) only inspection staff see the contact.',
  })
  @IsOptional()
  @IsBoolean()
  contactConsent?: boolean | null;
}

@InputType({ description: 'A new form for one of your declarations.' })
export class RecordAssessmentInput extends AssessmentContentInput {
  @Field(() => String, { description: '12-digit declaration number.' })
  @Matches(/^\d{12}$/, { message: 'declarationNumber must be exactly 12 digits' })
  declarationNumber!: string;

  @Field(() => Phase)
  phase!: Phase;
}
