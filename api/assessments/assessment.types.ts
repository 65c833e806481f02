/** GraphQL object types of the rating flow that are not entities. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import { SubjectKind } from './assessment.enums.js';

@ObjectType({ description: 'A subject that handled a declaration and may be rated for it.' })
export class RateableSubject {
  @Field(() => SubjectKind)
  kind!: SubjectKind;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String, { description: "Vietnamese name (the officer's full name for an officer)." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name, where one exists (stages).' })
  nameEn!: string | null;

  @Field(() => Stage, {
    nullable: true,
    description:
      'The stage a rating of it counts for: the stage itself, or the stage an officer handled (an officer who handled several stages is rateable once per stage).',
  })
  stage!: Stage | null;

  @Field(() => Team, {
    nullable: true,
    description:
      'The team a rating of it counts for: the team itself, the team that performed a stage (none when several did), or the team an officer performed that stage in.',
  })
  team!: Team | null;

  @Field(() => Date, { nullable: true, description: 'When it began handling the declaration (in that stage).' })
  handledAt!: Date | null;
}

@ObjectType({ description: 'What a form may hold, so a client can show the limits before they are reached.' })
export class RatingLimits {
  @Field(() => Int, { description: 'Characters of an item’s comment; a longer one is refused, never cut.' })
  commentMaxLength!: number;

  @Field(() => Int, { description: 'Characters of the contact name.' })
  contactNameMaxLength!: number;

  @Field(() => Int, { description: 'Subjects rated in one form.' })
  itemsMax!: number;

  @Field(() => Int, { description: 'Reasons per item.' })
  reasonCodesMax!: number;

  @Field(() => Int, { description: 'Days after registration during which a declaration may get a new form.' })
  windowDays!: number;
}
