import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { TOPICS, ComplaintClassificationCorrectedV1, ComplaintClassifiedV1 } from '@pipeline/contracts';
import { OnEvent } from '@pipeline/kafka';
import { CommunityComplaintsService } from './community-complaints.service';

/** Kafka side of the feature; the transport has validated the payload before this runs. */
@Controller()
export class CommunityComplaintsConsumer {
  constructor(private readonly complaints: CommunityComplaintsService) {}

  @OnEvent(TOPICS.complaintClassified)
  onClassified(@Payload() event: ComplaintClassifiedV1) {
    return this.complaints.record(event);
  }

  @OnEvent(TOPICS.complaintClassificationCorrected)
  onCorrected(@Payload() event: ComplaintClassificationCorrectedV1) {
    return this.complaints.correct(event);
  }
}
