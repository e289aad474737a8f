import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  TOPICS, type CaseClosedV1, type CaseStateChangedV1, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1,
  type ComplaintOutcomeDecidedV1,
} from '@pipeline/contracts';
import { ConsumesEvent, EventContext } from '@pipeline/kafka';
import { ComplaintProgressService } from './complaint-progress.service';

@Controller()
export class ComplaintEventsConsumer {
  constructor(private readonly progress: ComplaintProgressService) {}

  @ConsumesEvent(TOPICS.complaintClassified)
  onClassified(@Payload() e: ComplaintClassifiedV1, @Ctx() ctx: EventContext) {
    return this.progress.onClassified(e, ctx.envelope);
  }

  @ConsumesEvent(TOPICS.complaintClassificationCorrected)
  onCorrected(@Payload() e: ComplaintClassificationCorrectedV1, @Ctx() ctx: EventContext) {
    return this.progress.onCorrected(e, ctx.envelope);
  }

  @ConsumesEvent(TOPICS.complaintOutcomeDecided)
  onOutcome(@Payload() e: ComplaintOutcomeDecidedV1, @Ctx() ctx: EventContext) {
    return this.progress.onOutcome(e, ctx.envelope);
  }

  @ConsumesEvent(TOPICS.caseStateChanged)
  onCaseStateChanged(@Payload() e: CaseStateChangedV1, @Ctx() ctx: EventContext) {
    return this.progress.onCaseStateChanged(e, ctx.envelope);
  }

  @ConsumesEvent(TOPICS.caseClosed)
  onCaseClosed(@Payload() e: CaseClosedV1, @Ctx() ctx: EventContext) {
    return this.progress.onCaseClosed(e, ctx.envelope);
  }
}
