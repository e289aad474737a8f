import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module';
import { SquadLoadService } from './squad-load.service';
import { SquadsController } from './squads.controller';

@Module({ imports: [CaseModule], controllers: [SquadsController], providers: [SquadLoadService], exports: [SquadLoadService] })
export class DispatchModule {}
