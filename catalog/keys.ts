// API keys and the admin token: random secrets shown once, stored and compared only as sha256.
import { createHash, randomBytes } from 'node:crypto';

/** sha256 hex of a secret: what the catalog stores instead of it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new tenant API key `rk_<43 base64url chars>` (256 bits of randomness). */
export function newApiKey(): string {
  return `rk_${randomBytes(32).toString('base64url')}`;
}

/** A new key id `key_<hex>`: public, used to revoke a key. */
export function newKeyId(): string {
  return `key_${randomBytes(9).toString('hex')}`;
}

/** A new operator token `rat_<base64url>`. */
export function newAdminToken(): string {
  return `rat_${randomBytes(32).toString('base64url')}`;
}

/** The part of a key that may be shown again (never enough to use it). */
export function keyPrefix(key: string): string {
  return key.slice(0, 7);
}
