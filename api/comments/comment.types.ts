/** GraphQL types of the comment search. */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
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

@ObjectType({
  description:
    "A syllable bigram of the normalised comments, by how much more a unit's comments use it than the rest of its parent's.",
})
export class CommentTerm {
  @Field(() => String, {
    description: 'Normalised (no diacritics); pass it to `ratingComments(search:)` to read the comments.',
  })
  term!: string;

  @Field(() => Int, { description: "The unit's ratings whose comment holds the term." })
  count!: number;

  @Field(() => Int, { description: "The rest of the parent's ratings whose comment holds it." })
  restCount!: number;

  @Field(() => Float, {
    description: 'Log-odds ratio, unit against the rest of the parent (0.5 added to every count).',
  })
  logOdds!: number;

  @Field(() => Float, { description: 'logOdds over its standard error.' })
  z!: number;
}

@ObjectType()
export class DistinctiveCommentTerms {
  @Field(() => Int, { description: "The unit's ratings with a comment." })
  ratings!: number;

  @Field(() => Int, { description: "The rest of the parent's ratings with a comment." })
  restRatings!: number;

  @Field(() => [CommentTerm], { description: 'Most distinctive first (by z), terms the unit used at least twice.' })
  terms!: CommentTerm[];
}

@ObjectType({ description: 'A comment about the viewer itself: its text and level, nothing that leads to the form.' })
export class OwnComment {
  @Field(() => Int)
  level!: number;

  @Field(() => String)
  comment!: string;
}

@ObjectType()
export class OwnComments {
  @Field(() => Int, { description: 'Comments about you in the period (0 when fewer than the minimum group).' })
  totalCount!: number;

  @Field(() => Boolean, {
    description: 'Fewer ratings or comments than the minimum group: none are shown, so none can be singled out.',
  })
  belowMinimum!: boolean;

  @Field(() => [OwnComment], { description: 'Ordered by level, then text: never by time.' })
  comments!: OwnComment[];
}
