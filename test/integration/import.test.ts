import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSV_COLUMNS, importDeclarationsCsv } from '../../api/declarations/import-declarations.js';
import { openTestStores, tableCounts, type TestStores } from '../support/stores.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await openTestStores();
  await stores.seed();
});
afterAll(async () => stores?.close());

const header = CSV_COLUMNS.join(',');
const row = (values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) =>
  CSV_COLUMNS.map((c) => {
    const v =
      values[c] ??
      {
        number: '101111111111',
        tax_code: '0201234567',
        enterprise_name: 'Công ty TNHH Nhập Khẩu Thử',
        branch_code: 'HPDV',
        direction: 'IMPORT',
        type_code: 'A11',
        channel: 'YELLOW',
        status: 'CLEARED',
        registered_at: '2026-06-10 08:00',
        released_at: '2026-06-10 11:00',
        stage_code: 'TNHS',
        team_code: 'HPDV-TT',
        officer_code: 'HP00200',
        started_at: '2026-06-10 08:05',
        finished_at: '2026-06-10 08:20',
      }[c];
    return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');

it('imports good declarations and rejects a bad one whole, reporting file lines', async () => {
  const before = await tableCounts(stores.em());
  const csv = [
    header,
    row({}),
    row({ stage_code: 'KTHS', started_at: '2026-06-10 08:30', finished_at: '2026-06-10 09:30' }),
    row({ number: '102222222222', tax_code: '0207654321', enterprise_name: 'Công ty Cổ phần "Hai"' }),
    row({ number: '103333333333', tax_code: '0207654321' }),
    row({ number: '103333333333', tax_code: '0207654321', team_code: 'HPKV1-TT', stage_code: 'KTHS' }),
    row({ number: '104444444444', channel: 'PURPLE' }),
    row({ number: '105555555555', registered_at: 'yesterday' }),
  ].join('\n');
  const report = await importDeclarationsCsv(stores.em(), csv);
  expect(report.declarations).toEqual({ imported: 2, rejected: 3 });
  expect(report.rows).toEqual({ read: 7, rejected: 4 });
  expect(report.errors).toEqual([
    expect.objectContaining({ line: 6, declaration: '103333333333', field: 'team_code' }),
    expect.objectContaining({ line: 7, declaration: '104444444444', field: 'channel' }),
    expect.objectContaining({ line: 8, declaration: '105555555555', field: 'registered_at' }),
  ]);
  const after = await tableCounts(stores.em());
  expect(after.declaration).toBe(before.declaration + 2);
  expect(after.handling_record).toBe(before.handling_record + 3);
  const numbers = await stores
    .em()
    .getConnection()
    .execute<{ number: string }[]>(
      `select number from declaration where number like '10%' and number in ('101111111111','102222222222','103333333333')`,
    );
  expect(numbers.map((n) => n.number).sort()).toEqual(['101111111111', '102222222222']);
  const [enterprise] = await stores
    .em()
    .getConnection()
    .execute<{ name: string }[]>(`select name from enterprise where tax_code = '0207654321'`);
  expect(enterprise.name).toBe('Công ty Cổ phần "Hai"');
});

it('reads local times as Hải Phòng time', async () => {
  const report = await importDeclarationsCsv(
    stores.em(),
    [header, row({ number: '106666666666', tax_code: '0201111111' })].join('\n'),
  );
  expect(report.errors).toEqual([]);
  const [d] = await stores
    .em()
    .getConnection()
    .execute<{ registered_at: string }[]>(
      `select to_char(registered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as registered_at from declaration where number = '106666666666'`,
    );
  expect(d.registered_at).toBe('2026-06-10 01:00');
});

it('names the missing columns of a wrong header and imports nothing', async () => {
  const before = await tableCounts(stores.em());
  const report = await importDeclarationsCsv(stores.em(), 'number,tax_code\n101111111119,0201234567\n');
  expect(report.errors[0]).toMatchObject({ line: 1, field: 'header' });
  expect(report.errors[0].message).toContain('branch_code');
  expect(await tableCounts(stores.em())).toEqual(before);
});
