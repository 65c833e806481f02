/** A message's parameters as GraphQL sees them: name and value pairs (values as text). */
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A value a message names, e.g. caseId = 12.' })
export class MessageParam {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

export function toMessageParams(params: Record<string, string | number>): MessageParam[] {
  // Sorted by name: jsonb keeps no key order, and a stable order keeps clients simple.
  return Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value: String(value) }));
}
