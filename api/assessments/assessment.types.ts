/** GraphQL object types of the rating flow that are not entities. */
import { Field, ID, ObjectType } from 'type-graphql';
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
}
