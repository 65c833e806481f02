/**
 * The working calendar's holidays, kept by administrators (one at a time, or a list imported at
 * once for a year: Tết, 30/4, 1/5, 2/9 and the days the Government moves). Every case deadline
 * reads them through `workingCalendar`; a change forgets the cached set at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import { badInput } from '../errors.js';
import { Problems, toDay } from '../orgchart/org-chart.rules.js';
import { forgetHolidays } from './calendar.js';
import { Holiday } from './holiday.entity.js';

export class HolidayService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(year: number): Promise<Holiday[]> {
    return this.em.find(
      Holiday,
      { day: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
      { orderBy: { day: 'asc' } },
    );
  }

  async set(actor: Actor, day: string, note: string): Promise<Holiday> {
    const problems = new Problems();
    const date = problems.day('day', day);
    const name = problems.name('note', note);
    problems.throwIfAny('The holiday was not saved');
    const holiday = await this.em.transactional(async (em) => {
      const existing = await em.findOne(Holiday, { day: date });
      const row = existing ?? em.create(Holiday, { day: date, name });
      row.name = name;
      recordAudit(
        em,
        actor,
        existing ? 'holiday.update' : 'holiday.create',
        { kind: 'holiday', id: date },
        { note: name },
        this.clock(),
      );
      return row;
    });
    forgetHolidays();
    return holiday;
  }

  async remove(actor: Actor, day: string): Promise<boolean> {
    const date = toDay(day);
    if (!date)
      throw badInput('day must be a date, YYYY-MM-DD.', { invalid: [{ field: 'day', problems: ['must be a date'] }] });
    const removed = await this.em.transactional(async (em) => {
      const n = await em.nativeDelete(Holiday, { day: date });
      if (n > 0) recordAudit(em, actor, 'holiday.remove', { kind: 'holiday', id: date }, {}, this.clock());
      return n > 0;
    });
    forgetHolidays();
    return removed;
  }

  /**
   * Imports "day,note" lines (CSV, a header row optional); all or nothing. Days already there get
   * the file's note; nothing else is removed, so importing a year's list twice changes nothing.
   */
  async import(actor: Actor, text: string): Promise<{ created: number; updated: number; unchanged: number }> {
    let rows: string[][];
    try {
      rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
    } catch {
      throw badInput('The holiday list is not valid CSV: one "day,note" line per holiday.');
    }
    if (rows.length > 0 && !toDay(rows[0][0] ?? '')) rows = rows.slice(1);
    if (rows.length > 1000) throw badInput('At most 1,000 holidays per import.');
    const problems = new Problems();
    const parsed = rows.map((r, i) => ({
      day: problems.day(`rows[${i}].day`, r[0] ?? ''),
      note: problems.name(`rows[${i}].note`, r.slice(1).join(',')),
    }));
    problems.throwIfAny('No holiday was imported');
    const counts = await this.em.transactional(async (em) => {
      const out = { created: 0, updated: 0, unchanged: 0 };
      const existing = new Map(
        (await em.find(Holiday, { day: { $in: parsed.map((p) => p.day) } })).map((h) => [h.day, h]),
      );
      for (const { day, note } of parsed) {
        const row = existing.get(day);
        if (!row) {
          existing.set(day, em.create(Holiday, { day, name: note }));
          out.created++;
        } else if (row.name !== note) {
          row.name = note;
          out.updated++;
        } else out.unchanged++;
      }
      recordAudit(em, actor, 'holiday.import', { kind: 'holiday' }, out, this.clock());
      return out;
    });
    forgetHolidays();
    return counts;
  }
}
