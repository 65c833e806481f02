/**
 * Contact with consent: the enterprise says on the form whether the unit handling a complaint may
 * contact it. With consent the handling branch's supervisor reads the contact on the case; without
 * it only inspection staff (and the enterprise) do, and the case says which it is. Leaders, who do
 * not handle cases, never read it.
 */
import { beforeAll, expect, it } from 'vitest';
import { sendNewForm, testDeclarationNumber, type Declarant } from '../support/sends.js';
import { FIXED_UNTIL } from '../support/stores.js';
import { useSeededApi } from '../support/server.js';

const now = new Date(FIXED_UNTIL.getTime() - 86_400_000);
const api = useSeededApi({ clock: () => now });
let enterprise: Declarant;
let serial = 0;

const CONTACT = 'query($id: ID!) { complaintCase(id: $id) { handler contact { consent name phone } } }';

/** Sends a 1★ form with a contact and the consent given; the branch case it opened. */
async function caseOf(consent: boolean | undefined) {
  const formId = await sendNewForm(api.server.gql, testDeclarationNumber(++serial, 7), enterprise, now, 1, {
    contactName: 'Lê Văn Cường',
    contactPhone: '0912 345 678',
    ...(consent === undefined ? {} : { contactConsent: consent }),
  });
  const [c] = await api.stores.em().execute<{ id: number; consent: boolean }[]>(
    `select c.id, a.contact_consent as consent from complaint_case c join assessment a on a.id = c.assessment_id
       where c.assessment_id = ? and c.subject_kind = 'BRANCH'`,
    [Number(formId)],
  );
  return c;
}

beforeAll(async () => {
  const [row] = await api.stores
    .em()
    .execute<{ tax_code: string; name: string }[]>(
      `select e.tax_code, e.name from enterprise e join account a on a.enterprise_id = e.id where a.login = 'enterprise'`,
    );
  enterprise = { taxCode: row.tax_code, name: row.name };
});

it('keeps the contact from the handling branch without consent (the default), and says so', async () => {
  const c = await caseOf(undefined);
  expect(c.consent).toBe(false);
  const supervisor = await api.server.gql(CONTACT, { id: String(c.id) }, await api.server.login('supervisor'));
  expect(supervisor.errors).toBeUndefined();
  expect(supervisor.data!.complaintCase.handler).toBe('BRANCH');
  expect(supervisor.data!.complaintCase.contact).toEqual({ consent: false, name: null, phone: null });

  const inspector = await api.server.gql(CONTACT, { id: String(c.id) }, await api.server.login('inspector'));
  expect(inspector.data!.complaintCase.contact).toEqual({ consent: false, name: 'Lê Văn Cường', phone: '0912345678' });
  const own = await api.server.gql(
    'query($id: ID!) { complaintCase(id: $id) { contact { consent name } } }',
    { id: String(c.id) },
    await api.server.login('enterprise'),
  );
  expect(own.data!.complaintCase.contact).toEqual({ consent: false, name: 'Lê Văn Cường' });
  const leader = await api.server.gql(CONTACT, { id: String(c.id) }, await api.server.login('leader'));
  expect(leader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it('shows the contact to the handling branch once the enterprise consents', async () => {
  const c = await caseOf(true);
  expect(c.consent).toBe(true);
  const supervisor = await api.server.gql(CONTACT, { id: String(c.id) }, await api.server.login('supervisor'));
  expect(supervisor.data!.complaintCase.contact).toEqual({ consent: true, name: 'Lê Văn Cường', phone: '0912345678' });
  // The form itself stays the rater's: the supervisor still cannot read it there.
  const form = await api.server.gql(
    'query($id: ID!) { complaintCase(id: $id) { assessment { contactName } } }',
    { id: String(c.id) },
    await api.server.login('supervisor'),
  );
  expect(form.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
