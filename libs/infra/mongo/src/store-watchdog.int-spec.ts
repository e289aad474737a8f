import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectModel, MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { Schema, type Connection, type Model } from 'mongoose';
import { eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { MongoModule } from './mongo.module';
import { StoreWatchdog } from './store-watchdog';

/**
 * A driver that stays cut off from a store that is up: simulated by closing
 * the service's client under it (it never reconnects by itself, just as the
 * stuck driver seen in the fault suite), while the store itself stays up. The
 * watchdog must notice, see that a fresh client reaches the store, and open
 * the same mongoose Connection again so the models already built work on.
 */
const ns = testNamespace('watchdog');
const { mongoUri } = testInfra();

const NoteSchema = new Schema({ _id: String, text: String }, { versionKey: false });

@Module({
  imports: [
    MongoModule.forRoot({ uri: mongoUri, dbName: testDbName(ns, 'watchdog'), serviceName: 'watchdog', watchdog: { checkEveryMs: 200, stuckAfterMs: 1_000 } }),
    MongooseModule.forFeature([{ name: 'Note', schema: NoteSchema }]),
  ],
})
class WatchedModule {
  constructor(@InjectModel('Note') readonly notes: Model<{ _id: string; text: string }>) {}
}

describe('the store watchdog on the real store', () => {
  let app: INestApplication;
  let notes: Model<{ _id: string; text: string }>;
  let connection: Connection;
  let watchdog: StoreWatchdog;

  beforeAll(async () => {
    app = await NestFactory.create(WatchedModule, { logger: false });
    await app.init();
    notes = app.get(WatchedModule).notes;
    connection = app.get<Connection>(getConnectionToken());
    watchdog = app.get(StoreWatchdog);
    await notes.create({ _id: 'before', text: '断连之前' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('leaves a working connection alone', async () => {
    // more rounds than the 1 s window needs (200 ms each), all healthy
    await eventually(() => expect(watchdog.checks).toBeGreaterThanOrEqual(8), { timeoutMs: 5_000 });
    expect(watchdog.reconnects).toBe(0);
    await expect(notes.countDocuments()).resolves.toBe(1);
  });

  it('opens the connection again when the driver stays cut off from a store that answers', async () => {
    await connection.getClient().close(true);
    await expect(notes.findById('before')).rejects.toThrow();

    await eventually(() => expect(watchdog.reconnects).toBe(1), { timeoutMs: 15_000 });
    await eventually(async () => expect((await notes.findById('before').lean())?.text).toBe('断连之前'), { timeoutMs: 10_000 });
    await notes.create({ _id: 'after', text: '重连之后' });
    await expect(notes.countDocuments()).resolves.toBe(2);
  });
});
