import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DEFAULT_REPEAT_LINKER_OPTIONS } from './repeat-linker';
import { RepeatCandidateRepository } from './repeat-candidate.repository';
import { StoredRepeatCandidate, StoredRepeatCandidateSchema } from './repeat-candidate.schema';
import { RepeatService } from './repeat.service';
import { REPEAT_LINKER_OPTIONS } from './repeats.constants';

@Module({
  imports: [MongooseModule.forFeature([{ name: StoredRepeatCandidate.name, schema: StoredRepeatCandidateSchema }])],
  providers: [{ provide: REPEAT_LINKER_OPTIONS, useValue: DEFAULT_REPEAT_LINKER_OPTIONS }, RepeatCandidateRepository, RepeatService],
  exports: [RepeatService],
})
export class RepeatsModule {}
