import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { Schema, type Model } from 'mongoose';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { ChangeCapture } from './change-capture';
import { MongoModule } from './mongo.module';
import { addOutbox, outboxOnUpdate } from './outbox';

const ns = testNamespace('capture');
const { mongoUri } = testInfra();

interface Note {
  _id: string;
  text: string;
  tags: string[];
  history: { note: string }[];
}
// the history is an array of embedded documents, which run save hooks of their own
const NoteSchema = new Schema<Note>({ _id: String, text: String, tags: [String], history: [new Schema({ note: String })] }, { versionKey: false });
addOutbox(NoteSchema);

@Module({
  imports: [
    MongoModule.forRoot({ uri: mongoUri, dbName: testDbName(ns, 'capture'), serviceName: 'capture' }),
    MongooseModule.forFeature([{ name: 'Note', schema: NoteSchema }]),
  ],
})
class CaptureModule {
  constructor(@InjectModel('Note') readonly notes: Model<Note>) {}
}

describe('prior states of what a change touches, on the real store', () => {
  let app: INestApplication;
  let notes: Model<Note>;

  beforeAll(async () => {
    app = await NestFactory.create(CaptureModule, { logger: false });
    await app.init();
    notes = app.get(CaptureModule).notes;
    await notes.create([
      { _id: 'a', text: '甲', tags: ['x'] },
      { _id: 'b', text: '乙', tags: [] },
    ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('records each touched document once, as it was before its first write, and a created one as null', async () => {
    const capture = new ChangeCapture();
    await capture.run(async () => {
      await notes.updateOne({ _id: 'a' }, { $set: { text: '甲二' }, ...outboxOnUpdate([]) });
      await notes.findOneAndUpdate({ _id: 'a' }, { $set: { text: '甲三' } });
      const b = await notes.findById('b').orFail();
      b.text = '乙二';
      b.history.push({ note: '改名' });
      await b.save();
      await notes.create({ _id: 'c', text: '丙', tags: [] });
    });
    const states = capture.close();
    expect(states).toEqual([
      { collection: 'notes', id: 'a', before: expect.objectContaining({ _id: 'a', text: '甲', tags: ['x'] }) },
      { collection: 'notes', id: 'b', before: expect.objectContaining({ _id: 'b', text: '乙' }) },
      { collection: 'notes', id: 'c', before: null },
    ]);
    // the outbox is how events leave, not part of the change
    expect(states[0].before).not.toHaveProperty('outbox');
  });

  it('records nothing outside a capture, or after it was closed', async () => {
    const capture = new ChangeCapture();
    await notes.updateOne({ _id: 'a' }, { $set: { text: '甲四' } });
    capture.close();
    await capture.run(() => notes.updateOne({ _id: 'b' }, { $set: { text: '乙三' } }));
    expect(capture.close()).toEqual([]);
    expect(ChangeCapture.current()).toBeUndefined();
  });
});
