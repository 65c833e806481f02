/** GraphQL entry points of the working calendar: holidays per year, kept by administrators. */
import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Length } from 'class-validator';
import { requireViewer } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { Holiday } from './holiday.entity.js';
import { HolidayService } from './holiday.service.js';

@ArgsType()
class SetHolidayArgs {
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  @Length(8, 10)
  day!: string;

  @Field(() => String, { description: 'What the day is, e.g. "Tết Nguyên đán" or "Nghỉ bù 2/9".' })
  @Length(1, 255)
  note!: string;
}

@ObjectType()
class HolidayImportResult {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;
}

const service = (ctx: Context) => new HolidayService(ctx.em, ctx.clock);

@Resolver()
export class HolidayResolver {
  @Query(() => [Holiday], { description: 'The holidays of a year: not working days for any case deadline.' })
  holidays(@Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    requireViewer(ctx.viewer, 'calendar:read');
    return service(ctx).list(Math.min(2100, Math.max(1950, year)));
  }

  @Mutation(() => Holiday, { description: 'Adds a holiday, or changes its note.' })
  setHoliday(@Args(() => SetHolidayArgs) { day, note }: SetHolidayArgs, @Ctx() ctx: Context) {
    return service(ctx).set(requireViewer(ctx.viewer, 'calendar:manage'), day, note);
  }

  @Mutation(() => Boolean, { description: 'Makes a day a working day again. Deadlines already set keep their date.' })
  removeHoliday(@Arg('day', () => String) day: string, @Ctx() ctx: Context) {
    return service(ctx).remove(requireViewer(ctx.viewer, 'calendar:manage'), day.slice(0, 10));
  }

  @Mutation(() => HolidayImportResult, { description: 'Imports "day,note" lines (CSV), all or nothing.' })
  importHolidays(@Arg('csv', () => String) csv: string, @Ctx() ctx: Context) {
    return service(ctx).import(requireViewer(ctx.viewer, 'calendar:manage'), csv);
  }
}
