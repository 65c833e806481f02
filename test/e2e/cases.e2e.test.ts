import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn as openSignedIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestStores } from '../support/stores.js';
import type { TestServer } from '../support/server.js';

const KEY = 'sqa_demo_declaration_software';
/** The bad rating is sent on Wednesday 24 June 2026; the console is used on Tuesday 30 June, when its acknowledgement is overdue. */
const SENT_AT = new Date('2026-06-24T10:00:00+07:00');
const LATER = new Date('2026-06-30T12:00:00+07:00');

describeInBrowser('case console in a real browser', () => {
  let stores: TestStores;
  let server: TestServer;
  let browser: Browser;
  let env: ConsoleEnv;
  let now = SENT_AT;
  const pageErrors: string[] = [];
  let caseId = '';
  let formId = '';
  let inspector: { context: BrowserContext; page: Page };

  const sql = <T>(query: string, params: unknown[] = []) => stores.em().getConnection().execute<T[]>(query, params);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

  async function signIn(login: string, next: string): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await openSignedIn(browser, server, login, pageErrors, { next });
    await page.waitForURL((url) => url.pathname === next);
    return { context, page };
  }

  beforeAll(async () => {
    ({ stores, server, browser } = env = await startConsole('cases', { now: () => now, demoAccounts: true }));

    // The demo enterprise's declaration software rates an officer 1★ on 24 June.
    const list = await server.gql<any>(
      `{ unratedDeclarations(first: 20) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
      {},
      KEY,
    );
    const node = list
      .data!.unratedDeclarations.edges.map((e: any) => e.node)
      .find((n: any) => n.rateableSubjects.some((s: any) => s.kind === 'OFFICER'));
    const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
    const sent = await server.gql<any>(
      'mutation($input: RecordAssessmentInput!) { submitAssessment(input: $input, idempotencyKey: "e2e-cases-1") { id } }',
      {
        input: {
          declarationNumber: node.number,
          phase: node.releasedAt ? 'AFTER' : 'DURING',
          items: [
            { subjectKind: 'BRANCH', subjectId: node.rateableSubjects[0].id, level: 4 },
            {
              subjectKind: 'OFFICER',
              subjectId: officer.id,
              level: 1,
              reasonCodes: ['SLOW'],
              comment: 'Chờ kiểm tra hồ sơ quá lâu, không được hướng dẫn.',
            },
          ],
          contactName: 'Nguyễn Văn An',
          contactPhone: '0912345678',
        },
      },
      KEY,
    );
    expect(sent.errors).toBeUndefined();
    formId = sent.data!.submitAssessment.id;
    const [c] = await sql<{ id: number }>('select id from complaint_case where assessment_id = ?', [Number(formId)]);
    caseId = String(c.id);
    now = LATER;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows the inspector the inbox with SLA clocks and the unread notifications, and filters the overdue cases', async () => {
    inspector = await signIn('inspector', '/cases');
    const { page } = inspector;
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hồ sơ xử lý phản ánh');
    expect(Number(await page.getByTestId('notification-count').getAttribute('data-count'))).toBeGreaterThan(0);
    // Every clock says in words what its colour says.
    const clocks = await page
      .getByTestId('sla-clock')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-tone'), e.textContent?.trim()]));
    for (const [tone, text] of clocks) {
      if (tone === 'overdue') expect(text).toMatch(/Quá hạn/);
      if (tone === 'ok') expect(text).toMatch(/^✓\s*Còn/);
    }
    await shot(page, 'cases-inbox.png');

    await page.getByTestId('cases-overdue').check();
    await page.getByTestId('cases-search').click();
    await page.waitForURL(/overdue=1/);
    await expect
      .poll(async () => {
        const overdue = await page
          .getByTestId('case-row')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-overdue')));
        // The seeded data holds overdue cases: an empty list would be a failure, not a pass.
        return overdue.length > 0 && overdue.every((v) => v === 'true');
      })
      .toBe(true);
    const row = page.locator(`[data-testid="case-row"][data-id="${caseId}"]`);
    await row.waitFor();
    const clock = row.getByTestId('sla-clock');
    expect(await clock.getAttribute('data-tone')).toBe('overdue');
    // Due Thursday 25 June 10:00; on Tuesday 30 June 12:00, three working days and two hours later (weekend not counted).
    expect(await clock.textContent()).toContain('Quá hạn 3 ngày làm việc 2 giờ');
    const [count] = await sql<{ n: string }>(
      `select count(*) as n from complaint_case where (status = 'OPEN' and acknowledge_due_at < $1) or (status in ('ACKNOWLEDGED', 'VERIFYING') and conclude_due_at < $1) or (status = 'CONCLUDED' and answer_due_at < $1)`.replaceAll(
        '$1',
        '?',
      ),
      [LATER, LATER, LATER],
    );
    expect(await page.getByTestId('shown-count').textContent()).toContain(Number(count.n).toLocaleString('vi-VN'));
    await shot(page, 'cases-inbox-overdue.png');
  });

  it('opens the case with its form, who rated and the trail, and takes it through acknowledge → verify → conclude → answer', async () => {
    const { page } = inspector;
    await page.locator(`[data-testid="case-row"][data-id="${caseId}"]`).getByTestId('case-open').click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await page.getByTestId('case-facts').waitFor();
    expect(await page.getByTestId('case-status').first().getAttribute('data-status')).toBe('OPEN');
    expect(await page.getByTestId('case-enterprise').textContent()).toBeTruthy();
    expect(await page.getByTestId('review-comment').first().textContent()).toContain('Chờ kiểm tra hồ sơ quá lâu');
    expect(await page.getByTestId('trail-step').count()).toBe(1);
    await shot(page, 'case-open.png');

    const status = () => page.getByTestId('case-facts').getByTestId('case-status').getAttribute('data-status');
    await page.getByTestId('acknowledge-note').fill('Đã tiếp nhận, giao Đội kiểm tra xác minh.');
    await page.getByTestId('acknowledge-submit').click();
    await expect.poll(status).toBe('ACKNOWLEDGED');
    expect(await page.getByTestId('case-saved').textContent()).toContain('Đã tiếp nhận');

    await page.getByTestId('startVerification-submit').click();
    await expect.poll(status).toBe('VERIFYING');

    // Nothing chosen: the page names each missing field before sending anything.
    await page.getByTestId('conclude-submit').click();
    await page.getByTestId('error-finding').waitFor();
    await page.getByTestId('error-note').waitFor();
    // A substantiated finding without an action: the API refuses it, shown at the actions.
    await page.getByTestId('finding-SUBSTANTIATED').check();
    await page.getByTestId('conclude-note').fill('Công chức chậm kiểm tra hồ sơ 2 ngày so với quy định.');
    await page.getByTestId('conclude-submit').click();
    await page.getByTestId('error-actions').waitFor();
    expect(await page.getByTestId('conclude-note').inputValue()).toContain('chậm kiểm tra');
    await shot(page, 'case-conclude-error.png');
    await page.getByTestId('action-GUIDANCE').check();
    await page.getByTestId('conclude-submit').click();
    await expect.poll(status).toBe('CONCLUDED');
    expect(await page.getByTestId('case-finding').textContent()).toBe('Phản ánh đúng');

    await page
      .getByTestId('answer-text')
      .fill('Chi cục đã nhắc nhở công chức và rút ngắn thời gian kiểm tra hồ sơ. Cảm ơn doanh nghiệp đã phản ánh.');
    await page.getByTestId('answer-submit').click();
    await expect.poll(status).toBe('ANSWERED');
    expect(await page.getByTestId('case-answer').textContent()).toContain('Chi cục đã nhắc nhở');
    const kinds = await page
      .getByTestId('trail-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['OPENED', 'ACKNOWLEDGED', 'VERIFICATION_STARTED', 'CONCLUDED', 'ANSWERED']);
    expect(await page.getByTestId('case-no-steps').count()).toBe(0);
    await shot(page, 'case-answered.png');

    const [row] = await sql<{ status: string; finding: string; actions: string[] | string }>(
      'select status, finding, actions from complaint_case where id = ?',
      [Number(caseId)],
    );
    expect(row.status).toBe('ANSWERED');
    expect(row.finding).toBe('SUBSTANTIATED');
  });

  it('keeps every finding and answer visible in order when the case is reopened, concluded again and answered', async () => {
    const { page } = inspector;
    const status = () => page.getByTestId('case-facts').getByTestId('case-status').getAttribute('data-status');
    // The enterprise (its declaration software) says the answer does not resolve it: the case reopens to the inspectors.
    const reopened = await server.gql<any>(
      'mutation($id: ID!) { respondToCase(id: $id, resolved: false, note: "Vẫn chậm ở lần khai sau.") { status } }',
      { id: caseId },
      KEY,
    );
    expect(reopened.errors).toBeUndefined();
    await page.reload();
    await expect.poll(status).toBe('VERIFYING');
    await page.getByTestId('finding-PARTLY_SUBSTANTIATED').check();
    await page.getByTestId('action-TRAINING').check();
    await page.getByTestId('conclude-note').fill('Xác minh lại: đúng một phần, doanh nghiệp nộp thiếu chứng từ.');
    await page.getByTestId('conclude-submit').click();
    await expect.poll(status).toBe('CONCLUDED');
    await page
      .getByTestId('answer-text')
      .fill('Chi cục đã nhắc nhở công chức lần nữa và tập huấn lại Đội; đề nghị doanh nghiệp bổ sung chứng từ.');
    await page.getByTestId('answer-submit').click();
    await expect.poll(status).toBe('ANSWERED');

    const kinds = await page
      .getByTestId('trail-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'OPENED',
      'ACKNOWLEDGED',
      'VERIFICATION_STARTED',
      'CONCLUDED',
      'ANSWERED',
      'REOPENED',
      'ESCALATED',
      'CONCLUDED',
      'ANSWERED',
    ]);
    // Both findings, translated (never the raw value), and both answers, in order.
    const findings = await page.getByTestId('trail-finding').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(findings).toHaveLength(2);
    expect(findings[0]).toContain('Phản ánh đúng');
    expect(findings[0]).toContain('Nhắc nhở, hướng dẫn');
    expect(findings[1]).toContain('Phản ánh đúng một phần');
    expect(findings[1]).toContain('Đào tạo, bồi dưỡng');
    expect(findings.join(' ')).not.toMatch(/SUBSTANTIATED|GUIDANCE|TRAINING/);
    const answers = await page.getByTestId('trail-answer').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain('rút ngắn thời gian kiểm tra hồ sơ');
    expect(answers[1]).toContain('tập huấn lại Đội');
    expect(await page.getByTestId('case-finding').textContent()).toBe('Phản ánh đúng một phần');
    await shot(page, 'case-history.png');
  });

  it('shows the handling branch the contact only when the enterprise agreed, and says so otherwise', async () => {
    const [branchCase] = await sql<{ id: number; assessment_id: number }>(
      `select id, assessment_id from complaint_case where responsible_branch_id = 1 and handler = 'BRANCH' order by id limit 1`,
    );
    await sql(
      `update assessment set contact_name = 'Phạm Thị Dung', contact_phone = '0987654321', contact_consent = false where id = ?`,
      [branchCase.assessment_id],
    );
    const { page, context } = await signIn('supervisor', `/cases/${branchCase.id}`);
    await page.getByTestId('case-contact-hidden').waitFor();
    expect(await page.getByTestId('case-contact-consent').getAttribute('data-consent')).toBe('false');
    expect(await page.getByTestId('case-contact-name').count()).toBe(0);
    expect(await page.content()).not.toContain('Phạm Thị Dung');

    await sql(`update assessment set contact_consent = true where id = ?`, [branchCase.assessment_id]);
    await page.reload();
    await page.getByTestId('case-contact-name').waitFor();
    expect(await page.getByTestId('case-contact-name').textContent()).toContain('Phạm Thị Dung');
    expect(await page.getByTestId('case-contact-phone').textContent()).toContain('0987654321');
    expect(await page.getByTestId('case-contact-hidden').count()).toBe(0);
    await shot(page, 'case-contact-consent-supervisor.png');
    await context.close();
  });

  it('switches the case page to English and back', async () => {
    const { page } = inspector;
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Case ${caseId}`);
    expect(await page.getByTestId('case-facts').getByTestId('case-status').textContent()).toBe('Answered');
    expect(await page.getByTestId('trail-step').first().textContent()).toContain('Opened');
    await shot(page, 'case-answered-en.png');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Hồ sơ số ${caseId}`);
    await inspector.context.close();
  });

  it('shows the enterprise the answer on its form, and closes the case when it accepts it', async () => {
    const { page, context } = await signIn('enterprise', `/assessments/${formId}/review`);
    const item = page.locator(`[data-testid="form-case"][data-id="${caseId}"]`);
    await item.waitFor();
    expect(await item.getByTestId('form-case-answer').textContent()).toContain('Chi cục đã nhắc nhở công chức');
    expect(Number(await page.getByTestId('notification-count').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').waitFor();
    expect(await page.getByTestId('notification-item').first().getAttribute('data-topic')).toBe('case.answered');
    await shot(page, 'enterprise-answer.png');
    await page.getByTestId('notification-bell').click();

    await item.getByTestId('form-case-note').fill('Cảm ơn Chi cục.');
    await item.getByTestId('form-case-resolved').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('CLOSED');
    expect(await item.getByTestId('form-case-done').textContent()).toContain('Cảm ơn doanh nghiệp');
    expect(await item.getByTestId('form-case-resolved').count()).toBe(0);
    await shot(page, 'enterprise-closed.png');

    const steps = await sql<{ kind: string; note: string | null }>(
      'select kind, note from complaint_case_step where case_id = ? order by id',
      [Number(caseId)],
    );
    expect(steps.at(-1)).toEqual({ kind: 'ENTERPRISE_ACKNOWLEDGED', note: 'Cảm ơn Chi cục.' });
    await context.close();
  });

  it('lets an administrator route officer complaints to the inspectors, refusing an incomplete rule at its field', async () => {
    const { page, context } = await signIn('admin', '/case-routing');
    await page.getByTestId('routing-empty').waitFor();
    await page.getByTestId('routing-target-BRANCH').check();
    await page.getByTestId('routing-save').click();
    await page.getByTestId('routing-target-branch-error').waitFor();
    const [{ n }] = await sql<{ n: string }>('select count(*) as n from case_routing_rule');
    expect(Number(n)).toBe(0);

    await page.getByTestId('routing-target-INSPECTORS').check();
    await page.getByTestId('routing-kind').selectOption('OFFICER');
    await page.getByTestId('routing-note').fill('Phản ánh về công chức do Thanh tra Cục xử lý.');
    await page.getByTestId('routing-save').click();
    await page.getByTestId('routing-saved').waitFor();
    expect(await page.getByTestId('routing-rule').count()).toBe(1);
    expect(await page.getByTestId('routing-rule').first().textContent()).toContain('Thanh tra Cục');
    await shot(page, 'case-routing.png');

    // The next officer complaint goes to the inspectors.
    const list = await server.gql<any>(
      `{ unratedDeclarations(first: 20) { edges { node { number releasedAt rateableSubjects { kind id } } } } }`,
      {},
      KEY,
    );
    const node = list
      .data!.unratedDeclarations.edges.map((e: any) => e.node)
      .find((x: any) => x.rateableSubjects.some((s: any) => s.kind === 'OFFICER'));
    const officer = node.rateableSubjects.find((s: any) => s.kind === 'OFFICER');
    const sent = await server.gql<any>(
      'mutation($input: RecordAssessmentInput!) { submitAssessment(input: $input, idempotencyKey: "e2e-cases-2") { id } }',
      {
        input: {
          declarationNumber: node.number,
          phase: node.releasedAt ? 'AFTER' : 'DURING',
          items: [{ subjectKind: 'OFFICER', subjectId: officer.id, level: 2, reasonCodes: ['SLOW'] }],
        },
      },
      KEY,
    );
    expect(sent.errors).toBeUndefined();
    const [routed] = await sql<{ handler: string }>('select handler from complaint_case where assessment_id = ?', [
      Number(sent.data!.submitAssessment.id),
    ]);
    expect(routed.handler).toBe('INSPECTORS');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
