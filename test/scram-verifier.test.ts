import { spawnSync } from 'child_process';
import { SCRAM_ITERATIONS, SCRAM_VERIFIER_PERL } from '../lib/sql/scram-verifier';
import { scramKeys } from './support/scram';

/** Runs the Job's Perl program as the Job does: the password in an environment variable, only its name as an argument. */
function verifierOf(password: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('perl', ['-', 'THE_PASSWORD'], { input: SCRAM_VERIFIER_PERL, env: { PATH: process.env.PATH, THE_PASSWORD: password }, encoding: 'utf8' });
}

describe("the schema Job's SCRAM-SHA-256 verifier", () => {
  test.each([
    ['letters and digits', 'Tr0ub4dor-and-3'],
    ['every quote and shell character', `p'w"$HOME\`x\\ ;|&<>*?!%{}[]#~`],
    ['a control character', 'tab\there'],
  ])('for a password with %s, is the one RFC 5802 gives for the salt and iterations it names', (_name, password) => {
    const result = verifierOf(password);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+)$/.exec(result.stdout);
    expect(match).not.toBeNull();
    const [, iterations, salt, keys] = match!;
    expect(Number(iterations)).toBe(SCRAM_ITERATIONS);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(keys).toBe(scramKeys(password, Buffer.from(salt, 'base64'), SCRAM_ITERATIONS));
  });

  test('takes a new random salt each time', () => {
    const salts = new Set(Array.from({ length: 5 }, () => verifierOf('same').stdout.split('$')[1]));
    expect(salts.size).toBe(5);
  });

  test('refuses an empty password and one PostgreSQL would normalize first', () => {
    for (const password of ['', 'pässword']) expect(verifierOf(password).status).not.toBe(0);
    expect(verifierOf('')).toMatchObject({ stdout: '', stderr: 'the password is empty\n' });
    expect(verifierOf('pässword')).toMatchObject({ stdout: '', stderr: 'the password has characters outside ASCII, which PostgreSQL would first normalize (SASLprep); use ASCII characters\n' });
  });
});
