import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { TOPICS } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { EventPublisher } from '@pipeline/kafka';
import { ComplaintRepository, type ComplaintRecord } from './complaint.repository';
import type { CreateComplaintDto } from './dto/create-complaint.dto';

export interface ComplaintAccepted {
  id: string;
  status: ComplaintRecord['status'];
  receivedAt: string;
}

@Injectable()
export class ComplaintService {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** Accepts a complaint: stored with its complaint-received event, or not at all. */
  async receive(dto: CreateComplaintDto, correlationId?: string): Promise<ComplaintAccepted> {
    const now = new Date();
    const id = uuidv7();
    const complaint: ComplaintRecord = {
      _id: id,
      channel: dto.channel,
      text: dto.text,
      address: dto.address ?? null,
      location: dto.location ? { lat: dto.location.lat, lng: dto.location.lng } : null,
      reportedAt: dto.reportedAt ? new Date(dto.reportedAt) : now,
      receivedAt: now,
      externalRef: dto.externalRef ?? null,
      status: 'received',
      correlationId: correlationId ?? id,
    };
    const event = this.publisher.envelope(TOPICS.complaintReceived, {
      key: id,
      correlationId: complaint.correlationId,
      occurredAt: now,
      payload: {
        complaintId: id,
        channel: complaint.channel,
        text: complaint.text,
        address: complaint.address,
        location: complaint.location,
        reportedAt: complaint.reportedAt.toISOString(),
        receivedAt: now.toISOString(),
        externalRef: complaint.externalRef,
      },
    });
    await this.complaints.insert(complaint, [event]);
    return { id, status: complaint.status, receivedAt: now.toISOString() };
  }

  async get(id: string): Promise<ComplaintRecord> {
    const complaint = await this.complaints.findById(id);
    if (!complaint) throw DomainError.notFound('COMPLAINT_NOT_FOUND', `投诉 ${id} 不存在`);
    return complaint;
  }
}
