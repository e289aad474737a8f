import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { ClassificationCorrection } from './classification-correction.schema';

export type CorrectionRecord = Omit<ClassificationCorrection, '_id'> & { correctionId: string };

function toRecord(doc: ClassificationCorrection): CorrectionRecord {
  const { _id, ...rest } = doc;
  return { correctionId: _id, ...rest };
}

/** The only code that touches classification_corrections; insert-only. */
@Injectable()
export class CorrectionRepository {
  constructor(@InjectModel(ClassificationCorrection.name) private readonly model: Model<ClassificationCorrection>) {}

  /** Stores a correction once; false when it is stored already. */
  async insertOnce(record: CorrectionRecord): Promise<boolean> {
    const { correctionId, ...rest } = record;
    try {
      await this.model.create({ _id: correctionId, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** A complaint's corrections, oldest first. */
  async listForComplaint(complaintId: string): Promise<CorrectionRecord[]> {
    const docs = await this.model.find({ complaintId }).sort({ correctedAt: 1, _id: 1 }).lean<ClassificationCorrection[]>();
    return docs.map(toRecord);
  }
}
