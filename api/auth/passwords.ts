/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes), run off the event loop. */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a fixed hash when the login is unknown makes both failures take as long,
// so response times do not reveal which logins exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$4ffn2Nm5a4rMnDq6jcHh2g$1/p34SacifNIg77XCMdvoS84vW9ttVB32aaucEbn/38';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}
