/** GraphQL types of the comment search. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';

@ObjectType({ description: 'One rating with a comment: what was rated, at which level, when, and the text.' })
export class RatingComment {
  @Field(() => ID, { description: 'The form (open it with `assessment(id)`).' })
  formId!: string;

  @Field(() => SubjectKind)
  subjectKind!: SubjectKind;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => Int)
  level!: number;

  @Field(() => Date)
  ratedAt!: Date;

  @Field(() => String)
  comment!: string;
}

@ObjectType()
export class RatingCommentSearch {
  @Field(() => Int, { description: 'Ratings whose comment matches, all together.' })
  totalCount!: number;

  @Field(() => [RatingComment], { description: 'The newest of them.' })
  comments!: RatingComment[];
}
