/**
 * A person's notification preferences (language, e-mail address, channels), and the outgoing
 * messages administrators read: every e-mail and webhook body, including e-mail HELD because no
 * SMTP server is configured.
 */
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { Arg, Args, Ctx, Field, InputType, ObjectType, Query, Mutation, Resolver } from 'type-graphql';
import { authorize, requireViewer } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput, forbidden } from '../errors.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { LOCALES } from './catalogue.js';
import { DeliveryChannel, DeliveryStatus, MessageDelivery } from './message-delivery.entity.js';
import { MessagePreference } from './message-preference.entity.js';

@ObjectType()
class MessagePreferences {
  @Field(() => String, { description: 'vi or en: the language of your e-mail.' })
  locale!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => Boolean, { description: 'Messages in the console’s inbox (the bell).' })
  inApp!: boolean;

  @Field(() => Boolean, { description: 'Messages by e-mail to `email`.' })
  byEmail!: boolean;
}

@InputType()
class MessagePreferencesInput {
  @Field(() => String)
  @IsIn(LOCALES, { message: 'locale must be vi or en' })
  locale!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => Boolean)
  inApp!: boolean;

  @Field(() => Boolean)
  byEmail!: boolean;
}

const OutgoingMessageConnection = ConnectionType(MessageDelivery);

function accountOf(ctx: Context): number {
  const viewer = requireViewer(ctx.viewer, 'message:preferences');
  if (viewer.kind !== 'account') throw forbidden('Preferences belong to signed-in accounts; machines use webhooks.');
  return viewer.id;
}

@Resolver()
export class MessageResolver {
  @Query(() => MessagePreferences, { description: 'How you are told: language, e-mail address, channels.' })
  async messagePreferences(@Ctx() ctx: Context): Promise<MessagePreferences> {
    const found = await ctx.em.findOne(MessagePreference, { accountId: accountOf(ctx) });
    return found ?? { locale: 'vi', email: null, inApp: true, byEmail: false };
  }

  @Mutation(() => MessagePreferences)
  async setMessagePreferences(
    @Arg('input', () => MessagePreferencesInput) input: MessagePreferencesInput,
    @Ctx() ctx: Context,
  ): Promise<MessagePreferences> {
    const accountId = accountOf(ctx);
    const email = input.email?.trim() || null;
    if (input.byEmail && !email)
      throw badInput('Give an e-mail address to receive messages by e-mail.', {
        invalid: [{ field: 'email', problems: ['required when byEmail is true'] }],
      });
    const found = await ctx.em.findOne(MessagePreference, { accountId });
    const values = { locale: input.locale, email, inApp: input.inApp, byEmail: input.byEmail, updatedAt: ctx.clock() };
    if (found) Object.assign(found, values);
    else ctx.em.create(MessagePreference, { accountId, ...values });
    await ctx.em.flush();
    return values;
  }

  @Query(() => OutgoingMessageConnection, {
    description: 'Outgoing e-mail and webhook messages, newest first (administrators).',
  })
  async outgoingMessages(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('channel', () => DeliveryChannel, { nullable: true }) channel: DeliveryChannel | null,
    @Arg('status', () => DeliveryStatus, { nullable: true }) status: DeliveryStatus | null,
    @Ctx() ctx: Context,
  ) {
    authorize(ctx.viewer, 'message:readOutgoing');
    const where: Record<string, unknown> = {};
    if (channel) where.channel = channel;
    if (status) where.status = status;
    return OutgoingMessageConnection.of(await paginate(ctx.em, MessageDelivery, where, page, 'desc'));
  }
}
