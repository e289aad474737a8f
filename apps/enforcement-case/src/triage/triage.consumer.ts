import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { TOPICS, type CaseStateChangedV1, type ComplaintClassificationCorrectedV1, type ComplaintClassifiedV1 } from '@pipeline/contracts';
import { EventContext, OnEvent } from '@pipeline/kafka';
import { TriageService } from './triage.service';

@Controller()
export class TriageConsumer {
  constructor(private readonly triage: TriageService) {}

  @OnEvent(TOPICS.complaintClassified)
  onClassified(@Payload() complaint: ComplaintClassifiedV1, @Ctx() ctx: EventContext) {
    return this.triage.decide(complaint, ctx.envelope);
  }

  /** The service's own case steps, so each complaint record knows whether its case was filed (the metric). */
  @OnEvent(TOPICS.caseStateChanged)
  onCaseStateChanged(@Payload() change: CaseStateChangedV1) {
    return this.triage.recordFiling(change);
  }

  @OnEvent(TOPICS.complaintClassificationCorrected)
  onCorrected(@Payload() correction: ComplaintClassificationCorrectedV1, @Ctx() ctx: EventContext) {
    return this.triage.correct(correction, ctx.envelope);
  }
}
