/**
 * The key that signs login tokens: AUTH_SECRET when set; otherwise one generated on first start
 * and kept (mode 0600) in the data directory, so tokens survive a restart of a single instance.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export function resolveAuthSecret(config: Pick<Config, 'auth' | 'dataDir'>): Uint8Array {
  if (config.auth.secret) return new TextEncoder().encode(config.auth.secret);
  const file = path.join(config.dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}
