/** GraphQL inputs and results of webhook management. */
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { WebhookSubscription } from './webhook.entity.js';

@InputType()
export class CreateWebhookInput {
  @Field(() => String, { description: 'An http(s) URL on a public address.' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [String], { description: 'Event types (see webhookEventTypes).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  eventTypes!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Administrators: receive only this enterprise’s events. Enterprises: your own (the default).',
  })
  @IsOptional()
  enterpriseId?: string | null;
}

@ObjectType()
export class CreatedWebhook {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;

  @Field(() => String, {
    description:
      'The signing secret (whsec_…), shown once. Verify each delivery per Standard Webhooks: webhook-signature = "v1," + base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body" keyed with the base64-decoded part after whsec_.',
  })
  secret!: string;
}

@ObjectType()
export class WebhookEventType {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean, { description: 'Whether an enterprise may subscribe to it (its own events).' })
  forEnterprises!: boolean;
}
