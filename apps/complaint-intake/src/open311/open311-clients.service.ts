import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@pipeline/contracts';
import { IntakeEnv } from '../intake.env';
import { NO_DEV_OPEN311_CLIENT } from './open311.env';
import { Open311ClientRepository } from './open311-client.repository';
import type { Open311Client } from './open311-client.schema';

export const DEV_CLIENT_ID = 'development';
const DEV_CLIENT_NAME = '开发测试客户端（OPEN311_DEV_API_KEY）';

/** Keys are compared by their hash, so the store never holds one that works. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function clientView(c: Open311Client) {
  return { id: c._id, name: c.name, createdAt: c.createdAt, revokedAt: c.revokedAt, active: c.revokedAt === null };
}

/** Civic apps and their API keys: issued, listed, revoked, checked. */
@Injectable()
export class Open311ClientsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(Open311ClientsService.name);

  constructor(
    private readonly clients: Open311ClientRepository,
    private readonly env: IntakeEnv,
  ) {}

  /** A new client with a random 32-byte key, answered this once and stored only as a hash. */
  async issue(name: string) {
    const apiKey = randomBytes(32).toString('base64url');
    const client: Open311Client = { _id: uuidv7(), name, keyHash: hashApiKey(apiKey), createdAt: new Date(), revokedAt: null };
    await this.clients.insert(client);
    this.logger.log(`Open311 接入方已创建：${client._id}（${name}）`);
    return { ...clientView(client), apiKey };
  }

  async list() {
    return { items: (await this.clients.list()).map(clientView) };
  }

  async revoke(id: string) {
    const client = await this.clients.revoke(id, new Date());
    if (!client) throw DomainError.notFound('OPEN311_CLIENT_NOT_FOUND', `Open311 接入方 ${id} 不存在`);
    this.logger.log(`Open311 接入方已吊销：${id}`);
    return clientView(client);
  }

  /** The active client holding this key, or null. */
  async verify(apiKey: string): Promise<Open311Client | null> {
    return this.clients.findActiveByKeyHash(hashApiKey(apiKey));
  }

  async onApplicationBootstrap(): Promise<void> {
    const key = this.env.OPEN311_DEV_API_KEY;
    if (key === NO_DEV_OPEN311_CLIENT) return;
    await this.clients.upsertKey(DEV_CLIENT_ID, DEV_CLIENT_NAME, hashApiKey(key), new Date());
  }
}
