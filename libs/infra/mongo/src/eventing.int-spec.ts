import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Schema, type Model } from 'mongoose';
import { HEADERS, TOPICS, createEnvelope, physicalTopicName, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { ConsumesEvent, EventContext, EventPublisher, KafkaModule, PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { TopicReader, eventually, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { MongoEventingModule } from './eventing.module';
import { MongoModule } from './mongo.module';
import { OutboxRelay, addOutbox, outboxOnInsert, outboxOnUpdate, type WithOutbox } from './outbox';
import { MongoProcessedEventStore } from './processed-events';

const ns = testNamespace('eventing');
const { kafkaBrokers, mongoUri } = testInfra();
const topic = (logical: string) => physicalTopicName(logical, ns);
const handled: string[] = [];

@Controller()
class CountingConsumer {
  @ConsumesEvent(TOPICS.complaintReceived)
  onReceived(@Payload() _payload: ComplaintReceivedV1, @Ctx() ctx: EventContext) {
    handled.push(ctx.envelope.eventId);
  }
}

interface Note extends WithOutbox {
  _id: string;
  text: string;
}
const NoteSchema = new Schema<Note>({ _id: String, text: String }, { versionKey: false });
addOutbox(NoteSchema);

/** A model without an outbox: the relay only lends it the per-document lock. */
interface Tag {
  _id: string;
  label: string;
}
const TagSchema = new Schema<Tag>({ _id: String, label: String }, { versionKey: false });

@Module({
  imports: [
    KafkaModule.forRoot({ serviceName: 'eventing', brokers: kafkaBrokers.split(','), topicPrefix: ns, partitions: 3, replicationFactor: 1 }),
    MongoModule.forRoot({ uri: mongoUri, dbName: testDbName(ns, 'eventing'), serviceName: 'eventing' }),
    MongooseModule.forFeature([
      { name: 'Note', schema: NoteSchema },
      { name: 'Tag', schema: TagSchema },
    ]),
    MongoEventingModule,
  ],
  controllers: [CountingConsumer],
})
class EventingModule {
  constructor(relay: OutboxRelay, @InjectModel('Note') notes: Model<Note>) {
    relay.for(notes);
  }
}

function received(text: string, complaintId: string = randomUUID()): ComplaintReceivedV1 {
  const now = new Date().toISOString();
  return { complaintId, channel: 'hotline', text, reportedAt: now, receivedAt: now };
}

describe('store-backed eventing on the real broker and store', () => {
  let app: INestApplication;
  let producer: Producer;
  let out: TopicReader;

  beforeAll(async () => {
    app = await NestFactory.create(EventingModule, { logger: ['error'] });
    connectEventConsumer(app, { partitionsConcurrency: 2, dedup: app.get(PROCESSED_EVENT_STORE) });
    await app.init();
    await app.startAllMicroservices();
    producer = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    out = await new TopicReader(kafkaBrokers, [topic(TOPICS.complaintReceived.name)]).start();
  });

  afterAll(async () => {
    await Promise.all([out?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('skips an event id the consumer group has already processed', async () => {
    const payload = received('同一事件投递两次');
    const envelope = createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'test', key: payload.complaintId, payload });
    const send = (value: string) => producer.send({ topic: topic(TOPICS.complaintReceived.name), messages: [{ key: envelope.key, value }] });
    await send(JSON.stringify(envelope));
    await eventually(() => expect(handled).toContain(envelope.eventId));
    // the same event again (a redelivery), then a marker on the same key, so order proves the duplicate was read
    await send(JSON.stringify(envelope));
    const marker = createEnvelope({ type: TOPICS.complaintReceived.type, version: 1, producer: 'test', key: envelope.key, payload: received('标记', payload.complaintId) });
    await send(JSON.stringify(marker));
    await eventually(() => expect(handled).toContain(marker.eventId));
    expect(handled.filter((id) => id === envelope.eventId)).toHaveLength(1);
  });

  it('prunes processed-event markers older than a cutoff, keeping newer ones', async () => {
    const store = app.get(MongoProcessedEventStore);
    await store.markProcessed('prune-test', 'old-1', 't');
    const cutoff = new Date(Date.now() + 1000);
    expect(await store.pruneOlderThan(cutoff)).toBeGreaterThanOrEqual(1);
    expect((await store.filterProcessed('prune-test', ['old-1'])).size).toBe(0);
    await store.markProcessed('prune-test', 'new-1', 't');
    expect(await store.pruneOlderThan(new Date(Date.now() - 60_000))).toBe(0);
    expect((await store.filterProcessed('prune-test', ['new-1'])).size).toBe(1);
  });

  it('relays outbox entries written with a document, in order, and then clears them', async () => {
    const notes = app.get<Model<Note>>('NoteModel');
    const publisher = app.get(EventPublisher);
    const first = publisher.envelope(TOPICS.complaintReceived, { key: 'note-1', payload: received('第一条', 'note-1') });
    await notes.create({ _id: 'note-1', text: 'a', ...outboxOnInsert([first]) });
    const second = publisher.envelope(TOPICS.complaintReceived, { key: 'note-1', payload: received('第二条', 'note-1') });
    await notes.updateOne({ _id: 'note-1' }, { $set: { text: 'b' }, ...outboxOnUpdate([second]) });
    app.get(OutboxRelay).nudge();

    const relayed = await eventually(() => {
      const ids = out.messages.map((m) => m.json<{ eventId: string }>().eventId).filter((id) => id === first.envelope.eventId || id === second.envelope.eventId);
      expect(ids).toHaveLength(2);
      return ids;
    });
    expect(relayed).toEqual([first.envelope.eventId, second.envelope.eventId]);
    const message = out.messages.find((m) => m.json<{ eventId: string }>().eventId === first.envelope.eventId)!;
    expect(message.key).toBe('note-1');
    expect(message.headers[HEADERS.eventType]).toBe('complaint.received');
    await eventually(async () => {
      const doc = await notes.findById('note-1').lean();
      expect(doc).toMatchObject({ text: 'b', outbox: [], outboxSeq: 2 });
      expect(doc).not.toHaveProperty('outboxPendingSince');
    });
  });

  it('writes through a typed handle per model: one insert of an id, updates with their events, all relayed', async () => {
    const relay = app.get(OutboxRelay);
    const notes = relay.for(app.get<Model<Note>>('NoteModel'));
    expect(relay.for(app.get<Model<Note>>('NoteModel'))).toBe(notes);
    const publisher = app.get(EventPublisher);
    const created = publisher.envelope(TOPICS.complaintReceived, { key: 'note-2', payload: received('新建', 'note-2') });
    expect(await notes.insertOnce({ _id: 'note-2', text: 'a' }, [created])).toBe(true);
    const repeat = publisher.envelope(TOPICS.complaintReceived, { key: 'note-2', payload: received('重复', 'note-2') });
    expect(await notes.insertOnce({ _id: 'note-2', text: 'x' }, [repeat])).toBe(false);

    const changed = publisher.envelope(TOPICS.complaintReceived, { key: 'note-2', payload: received('修改', 'note-2') });
    const result = await notes.updateOne('note-2', (current) => ({ set: { text: `${current.text}b` }, events: [changed] }));
    expect(result).toMatchObject({ before: { text: 'a' }, after: { text: 'ab' }, changed: true });
    expect(await notes.updateOne('note-2', () => null)).toMatchObject({ changed: false, after: { text: 'ab' } });
    expect(await notes.updateOne('no-such-note', () => ({ set: { text: 'z' } }))).toBeNull();

    const ids = [created, changed].map((e) => e.envelope.eventId);
    await eventually(() => expect(out.messages.map((m) => m.json<{ eventId: string }>().eventId).filter((id) => ids.includes(id))).toEqual(ids));
    expect(out.messages.some((m) => m.json<{ eventId: string }>().eventId === repeat.envelope.eventId)).toBe(false);
    await eventually(async () => expect(await app.get<Model<Note>>('NoteModel').findById('note-2').lean()).toMatchObject({ text: 'ab', outbox: [], outboxSeq: 2 }));
  });

  it('lends a model without an outbox its lock, and refuses events the store could not keep', async () => {
    const tags = app.get(OutboxRelay).for(app.get<Model<Tag>>('TagModel'));
    expect(await tags.insertOnce({ _id: 'tag-1', label: '占道' }, [])).toBe(true);
    expect(await tags.updateOne('tag-1', () => ({ set: { label: '占道经营' } }))).toMatchObject({ after: { label: '占道经营' }, changed: true });
    const event = app.get(EventPublisher).envelope(TOPICS.complaintReceived, { key: 'tag-1', payload: received('不可', 'tag-1') });
    await expect(tags.updateOne('tag-1', () => ({ set: { label: 'x' }, events: [event] }))).rejects.toThrow(/no outbox/);
    await expect(tags.insertOnce({ _id: 'tag-2', label: 'y' }, [event])).rejects.toThrow(/no outbox/);
    expect(await app.get<Model<Tag>>('TagModel').findById('tag-1').lean()).toMatchObject({ label: '占道经营' });
  });
});
