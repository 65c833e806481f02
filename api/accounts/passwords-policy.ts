/** What a password and a login must look like; the same rule for invitations, changes and the CLI. */
import { badInput } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

/** The problems of a new password, empty when it is acceptable. */
export function passwordProblems(password: string, login: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 200) problems.push('must have at most 200 characters');
  if (password.trim().toLowerCase() === login.toLowerCase()) problems.push('must not be the login');
  return problems;
}

export function checkNewPassword(password: string, login: string, field = 'password'): void {
  const problems = passwordProblems(password, login);
  if (problems.length > 0)
    throw badInput(`The password ${problems.join(' and ')}.`, { invalid: [{ field, problems }] });
}

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}
