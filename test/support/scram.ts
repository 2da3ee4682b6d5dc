import { createHash, createHmac, pbkdf2Sync } from 'crypto';

/** StoredKey and ServerKey (`<StoredKey>:<ServerKey>`, base64) as RFC 5802 defines them, computed with Node's own PBKDF2 and HMAC. */
export function scramKeys(password: string, salt: Buffer, iterations: number): string {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return `${storedKey}:${serverKey}`;
}
