import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { IntakeEnv } from '../intake.env';

/** Ciphertext as stored: version, IV, auth tag and data, base64, so a key change can be rolled. */
const FORMAT = 'v1';

/**
 * Encrypts callers' identity at rest (AES-256-GCM, key from the
 * environment) and derives the caller reference: a keyed hash of the
 * normalised phone, so a caller's earlier complaints can be found without
 * storing or revealing the number (个人信息保护法 Art. 51).
 */
@Injectable()
export class CallerVault {
  private readonly dataKey: Buffer;
  private readonly refKey: Buffer;

  constructor(env: IntakeEnv) {
    this.dataKey = Buffer.from(env.CALLER_DATA_KEY, 'base64');
    this.refKey = Buffer.from(env.CALLER_REF_KEY, 'base64');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
  }

  decrypt(stored: string): string {
    const [format, iv, tag, data] = stored.split('.');
    if (format !== FORMAT || !iv || !tag || !data) throw new Error('unknown caller ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** The same phone always gives the same reference; the reference reveals nothing without the key. */
  callerRef(normalisedPhone: string): string {
    return createHmac('sha256', this.refKey).update(normalisedPhone).digest('base64url');
  }
}
