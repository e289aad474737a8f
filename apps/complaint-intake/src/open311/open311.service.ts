import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { WorkingCalendar, shanghaiDateTime } from '@pipeline/calendar';
import { isCategoryCode } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { CallerVault } from '../caller/caller-vault';
import type { ComplaintRecord } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { complaintDeadline } from '../complaint/deadline.rules';
import { IntakeEnv } from '../intake.env';
import { Open311ApiKeyError, open311Errors } from './open311.errors';
import { serviceNotice, serviceRequestView } from './open311.view';
import { Open311ClientsService } from './open311-clients.service';
import { MAX_REQUESTS, assertJurisdiction, assertSafeKeys, parseNewRequest, parseRequestsQuery, type Input, type NewServiceRequest } from './open311-request.rules';
import { serviceDefinition, serviceList } from './open311-services.rules';

/** When the discovery document last changed (spec: `changeset`). */
const DISCOVERY_CHANGESET = new Date('2026-11-25T00:00:00+08:00');
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Only what was filed through Open311 is shown through it: hotline callers
 * never agreed to their words being published, and a complaint's text can
 * identify its author to the party complained about (domain.md §7).
 */
const PUBLIC_CHANNEL = 'open311';

/** A POST body as it arrived: `readable` is false when its content type is neither form nor JSON. */
export interface PostedBody {
  fields: unknown;
  readable: boolean;
}

/**
 * GeoReport v2 over intake: the thirteen categories are the services, a
 * complaint filed through Open311 is a service request. Requests are
 * created synchronously, so a token is the request id.
 */
@Injectable()
export class Open311Service {
  private readonly logger = new Logger('Open311');

  constructor(
    private readonly complaints: ComplaintService,
    private readonly vault: CallerVault,
    private readonly clients: Open311ClientsService,
    private readonly env: IntakeEnv,
    private readonly calendar: WorkingCalendar,
  ) {}

  discovery(query: Input, baseUrl: string) {
    this.checkQuery(query);
    const changeset = shanghaiDateTime(DISCOVERY_CHANGESET);
    return {
      changeset,
      contact: '青岛市城市管理局；市民也可拨打 12345 政务服务便民热线',
      key_service: '每个接入应用使用自己的 api_key，由青岛市城市管理局签发并可吊销，请向市城市管理局申请',
      endpoints: [
        {
          specification: SPECIFICATION,
          url: baseUrl,
          changeset,
          type: this.env.NODE_ENV === 'production' ? 'production' : 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  services(query: Input) {
    this.checkQuery(query);
    return serviceList();
  }

  definition(code: string, query: Input) {
    this.checkQuery(query);
    if (!isCategoryCode(code)) throw open311Errors.unknownService(code);
    return serviceDefinition(code);
  }

  /** Files a complaint for a civic app; its contact details go only into the caller vault. */
  async create(posted: PostedBody, query: Input, correlationId?: string) {
    if (!posted.readable) throw open311Errors.field('(body)', '请求体须为 application/x-www-form-urlencoded 或 application/json');
    const fields = posted.fields ?? {};
    if (typeof fields !== 'object' || Array.isArray(fields)) throw open311Errors.field('(body)', '请求体须为表单或 JSON 对象');
    const body = fields as Input;
    assertSafeKeys(query);
    assertSafeKeys(body);

    const apiKey = body.api_key ?? query.api_key;
    if (typeof apiKey !== 'string' || apiKey === '') throw new Open311ApiKeyError('缺少 api_key：提交服务请求须提供接入方的 api_key');
    const client = await this.clients.verify(apiKey);
    if (!client) throw new Open311ApiKeyError('api_key 无效或已被吊销');

    assertJurisdiction(body.jurisdiction_id ?? query.jurisdiction_id);
    const code = body.service_code;
    if (code === undefined || code === '') throw open311Errors.field('service_code', 'service_code 为必填项');
    if (typeof code !== 'string' || !isCategoryCode(code)) throw open311Errors.unknownService(String(code));

    const request = parseNewRequest(body, code);
    const accepted = await this.complaints.accept(this.complaint(request, code, correlationId));
    this.logger.log(`Open311 服务请求已受理：${accepted.id}（接入方 ${client._id}，服务 ${code}）`);
    const deadline = complaintDeadline({ receivedAt: accepted.receivedAt, urgent: false, closedAt: null }, new Date(), this.calendar);
    return [{ service_request_id: accepted.id, service_notice: serviceNotice(deadline), account_id: null }];
  }

  async requests(query: Input) {
    this.checkQuery(query);
    const filter = parseRequestsQuery(query, isCategoryCode);
    const now = new Date();
    return (await this.complaints.publicList({ ...filter, channel: PUBLIC_CHANNEL }, MAX_REQUESTS)).map((c) => this.view(c, now));
  }

  async request(id: string, query: Input) {
    this.checkQuery(query);
    const complaint = await this.find(id, () => open311Errors.unknownRequest(id));
    return [this.view(complaint, new Date())];
  }

  async token(token: string, query: Input) {
    this.checkQuery(query);
    const complaint = await this.find(token, () => open311Errors.unknownToken(token));
    return [{ service_request_id: complaint._id, token }];
  }

  private checkQuery(query: Input): void {
    assertSafeKeys(query);
    assertJurisdiction(query.jurisdiction_id);
  }

  private async find(id: string, notFound: () => DomainError): Promise<ComplaintRecord> {
    if (!REQUEST_ID.test(id)) throw notFound();
    try {
      const complaint = await this.complaints.record(id);
      if (complaint.channel !== PUBLIC_CHANNEL) throw notFound();
      return complaint;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'COMPLAINT_NOT_FOUND') throw notFound();
      throw err;
    }
  }

  private view(c: ComplaintRecord, now: Date) {
    const deadline = complaintDeadline({ receivedAt: c.receivedAt, urgent: c.classification?.urgent ?? false, closedAt: c.closure?.at ?? null }, now, this.calendar);
    return serviceRequestView(c, deadline);
  }

  private complaint(r: NewServiceRequest, serviceCode: string, correlationId: string | undefined): ComplaintRecord {
    const id = uuidv7();
    const now = new Date();
    return {
      _id: id,
      dedupeKey: id,
      channel: PUBLIC_CHANNEL,
      text: r.text,
      address: r.address,
      location: r.location,
      reportedAt: now,
      receivedAt: now,
      externalRef: null,
      requestedCategory: serviceCode,
      attachments: r.media ? [r.media] : [],
      caller: r.caller
        ? {
            ref: r.caller.phone ? this.vault.callerRef(r.caller.phone) : null,
            nameCipher: r.caller.name ? this.vault.encrypt(r.caller.name) : null,
            phoneCipher: r.caller.phone ? this.vault.encrypt(r.caller.phone) : null,
            anonymous: false,
          }
        : null,
      status: 'received',
      classification: null,
      outcome: null,
      caseProgress: null,
      closure: null,
      lastCallback: null,
      correlationId: correlationId ?? id,
      updatedAt: now,
    };
  }
}
