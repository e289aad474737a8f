import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { Open311Client } from './open311-client.schema';

/** The only code that touches the open311_clients collection; returns plain objects. */
@Injectable()
export class Open311ClientRepository {
  constructor(@InjectModel(Open311Client.name) private readonly model: Model<Open311Client>) {}

  async insert(client: Open311Client): Promise<void> {
    await this.model.create(client);
  }

  /** Newest first. */
  list(): Promise<Open311Client[]> {
    return this.model.find({}).sort({ createdAt: -1, _id: -1 }).lean<Open311Client[]>();
  }

  findById(id: string): Promise<Open311Client | null> {
    return this.model.findById(id).lean<Open311Client>();
  }

  findActiveByKeyHash(keyHash: string): Promise<Open311Client | null> {
    return this.model.findOne({ keyHash, revokedAt: null }).lean<Open311Client>();
  }

  /** Sets the revocation time once; a second revocation keeps the first time. */
  async revoke(id: string, at: Date): Promise<Open311Client | null> {
    await this.model.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
    return this.findById(id);
  }

  /**
   * Creates the client with this id, or gives it this key. A changed key is
   * a new credential, so it is active again; an unchanged one stays as it
   * is, revoked or not. Instances starting together may race: the loser's
   * insert fails on the id and changes nothing.
   */
  async upsertKey(id: string, name: string, keyHash: string, now: Date): Promise<void> {
    const existing = await this.findById(id);
    if (!existing) {
      try {
        await this.model.create({ _id: id, name, keyHash, createdAt: now, revokedAt: null });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      return;
    }
    if (existing.keyHash !== keyHash) await this.model.updateOne({ _id: id }, { $set: { name, keyHash, revokedAt: null } });
  }
}
