/** The server's rule for new passwords. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** What is wrong with a new password, or null when the server will take it. */
export function passwordProblem(password: string): string | null {
  return password.length < PASSWORD_MIN || password.length > PASSWORD_MAX
    ? `The password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`
    : null;
}
