import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  TOPICS, ComplaintCallbackRecordedV1, ComplaintClassificationCorrectedV1, ComplaintClassifiedV1, ComplaintClosedV1, ComplaintOutcomeDecidedV1,
} from '@pipeline/contracts';
import { ConsumesEvent } from '@pipeline/kafka';
import { ComplaintFactsService } from './complaint-facts.service';

/** Kafka side of the feature; the transport has validated the payload before this runs. */
@Controller()
export class ComplaintFactsConsumer {
  constructor(private readonly facts: ComplaintFactsService) {}

  @ConsumesEvent(TOPICS.complaintClassified)
  onClassified(@Payload() event: ComplaintClassifiedV1) {
    return this.facts.record(event);
  }

  @ConsumesEvent(TOPICS.complaintClassificationCorrected)
  onCorrected(@Payload() event: ComplaintClassificationCorrectedV1) {
    return this.facts.correct(event);
  }

  @ConsumesEvent(TOPICS.complaintOutcomeDecided)
  onOutcome(@Payload() event: ComplaintOutcomeDecidedV1) {
    return this.facts.outcomeDecided(event);
  }

  @ConsumesEvent(TOPICS.complaintClosed)
  onClosed(@Payload() event: ComplaintClosedV1) {
    return this.facts.closed(event);
  }

  @ConsumesEvent(TOPICS.complaintCallbackRecorded)
  onCallback(@Payload() event: ComplaintCallbackRecordedV1) {
    return this.facts.callbackRecorded(event);
  }
}
