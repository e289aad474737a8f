import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { TOPICS, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { ConsumesEvent, EventContext } from '@pipeline/kafka';
import { ClassificationService } from './classification.service';

@Controller()
export class ClassificationConsumer {
  constructor(private readonly classifications: ClassificationService) {}

  @ConsumesEvent(TOPICS.complaintReceived)
  onReceived(@Payload() received: ComplaintReceivedV1, @Ctx() ctx: EventContext) {
    return this.classifications.classifyReceived(received, ctx.envelope);
  }
}
