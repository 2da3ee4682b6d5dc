import { ValidationError } from '../../lib';

/** Runs `attempt` expecting a ValidationError, and returns its message. */
export function refused(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('the attempt did not fail');
}
