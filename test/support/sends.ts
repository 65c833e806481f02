/**
 * Fresh rateable declarations and sent forms, made the way production makes them: the customs-system
 * feed records a declaration (system key), then the declaration software sends a form for it
 * (enterprise key). Tests that need many sends use this instead of running out of seeded ones.
 */
export const SYSTEM_KEY = 'sqa_demo_system_feed';
export const ENTERPRISE_KEY = 'sqa_demo_declaration_software';

const RECORD = `mutation($input: RecordDeclarationInput!) { recordDeclaration(input: $input) { number rateableSubjects { kind id } } }`;
const SUBMIT = `mutation($input: RecordAssessmentInput!, $key: String!) { submitAssessment(input: $input, idempotencyKey: $key) { id } }`;

export type Gql = (
  query: string,
  variables: Record<string, unknown>,
  apiKey: string,
) => Promise<{ data?: any; errors?: readonly any[] }>;

export interface Declarant {
  taxCode: string;
  name: string;
}

/** A cleared declaration of branch HPKV1 (demo seed codes), registered an hour before `at`. */
export function declarationInput(number: string, enterprise: Declarant, at: Date) {
  const t = (minutes: number) => new Date(at.getTime() - 3_600_000 + minutes * 60_000).toISOString();
  return {
    number,
    enterprise,
    branchCode: 'HPKV1',
    direction: 'IMPORT',
    typeCode: 'A11',
    channel: 'YELLOW',
    status: 'CLEARED',
    registeredAt: t(0),
    releasedAt: t(40),
    handling: [
      { stageCode: 'TNHS', teamCode: 'HPKV1-TT', officerCode: 'HP00001', startedAt: t(5), finishedAt: t(10) },
      { stageCode: 'KTHS', teamCode: 'HPKV1-TT', officerCode: 'HP00002', startedAt: t(15), finishedAt: t(30) },
    ],
  };
}

/** A 12-digit declaration number no demo seed uses (they start with 1). */
export function testDeclarationNumber(serial: number, prefix = 9): string {
  return `${prefix}${String(serial).padStart(11, '0')}`;
}

/**
 * Records a declaration and sends a rated form for it; returns the form id. Throws with the
 * GraphQL errors if either step is refused.
 */
export async function sendNewForm(
  gql: Gql,
  number: string,
  enterprise: Declarant,
  at: Date,
  level = 4,
  /** More of the form's content (a contact, its consent). */
  content: Record<string, unknown> = {},
): Promise<string> {
  const recorded = await gql(RECORD, { input: declarationInput(number, enterprise, at) }, SYSTEM_KEY);
  if (recorded.errors) throw new Error(`recordDeclaration ${number}: ${JSON.stringify(recorded.errors)}`);
  const subjects: { kind: string; id: string }[] = recorded.data.recordDeclaration.rateableSubjects;
  const officer = subjects.find((s) => s.kind === 'OFFICER')!;
  const sent = await gql(
    SUBMIT,
    {
      input: {
        ...content,
        declarationNumber: number,
        phase: 'AFTER',
        items: [
          {
            subjectKind: 'BRANCH',
            subjectId: subjects[0].id,
            level,
            ...(level <= 2 ? { comment: 'Chờ xử lý quá lâu' } : {}),
          },
          { subjectKind: 'OFFICER', subjectId: officer.id, level: 5 },
        ],
      },
      key: `send-${number}`,
    },
    ENTERPRISE_KEY,
  );
  if (sent.errors) throw new Error(`submitAssessment ${number}: ${JSON.stringify(sent.errors)}`);
  return sent.data.submitAssessment.id;
}
