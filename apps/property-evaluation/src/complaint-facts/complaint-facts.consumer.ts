import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  TOPICS, ComplaintCallbackRecordedV1, ComplaintClassificationCorrectedV1, ComplaintClassifiedV1, ComplaintClosedV1, ComplaintOutcomeDecidedV1,
} from '@pipeline/contracts';
import { OnEvent } from '@pipeline/kafka';
import { ComplaintFactsService } from './complaint-facts.service';

/** Kafka side of the feature; the transport has validated the payload before this runs. */
@Controller()
export class ComplaintFactsConsumer {
  constructor(private readonly facts: ComplaintFactsService) {}

  @OnEvent(TOPICS.complaintClassified)
  onClassified(@Payload() event: ComplaintClassifiedV1) {
    return this.facts.record(event);
  }

  @OnEvent(TOPICS.complaintClassificationCorrected)
  onCorrected(@Payload() event: ComplaintClassificationCorrectedV1) {
    return this.facts.correct(event);
  }

  @OnEvent(TOPICS.complaintOutcomeDecided)
  onOutcome(@Payload() event: ComplaintOutcomeDecidedV1) {
    return this.facts.outcomeDecided(event);
  }

  @OnEvent(TOPICS.complaintClosed)
  onClosed(@Payload() event: ComplaintClosedV1) {
    return this.facts.closed(event);
  }

  @OnEvent(TOPICS.complaintCallbackRecorded)
  onCallback(@Payload() event: ComplaintCallbackRecordedV1) {
    return this.facts.callbackRecorded(event);
  }
}
