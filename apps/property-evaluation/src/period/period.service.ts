import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainError } from '@pipeline/contracts';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { SchemeService } from '../scheme/scheme.service';
import type { OpenPeriodDto } from './period.dto';
import type { PeriodViewDto } from './period-view.dto';
import { EvaluationPeriod, PERIOD_STATUS_LABELS } from './period.schema';
import { quarterBounds } from './quarter';

export type Period = EvaluationPeriod;

@Injectable()
export class PeriodService {
  constructor(
    @InjectModel(EvaluationPeriod.name) private readonly model: Model<EvaluationPeriod>,
    private readonly schemes: SchemeService,
  ) {}

  /** Newest first. */
  async list(): Promise<PeriodViewDto[]> {
    const periods = await this.model.find().sort({ _id: -1 }).lean<Period[]>();
    return periods.map(view);
  }

  async get(period: string): Promise<Period> {
    const found = await this.model.findById(period).lean<Period>();
    if (!found) throw DomainError.notFound('PERIOD_NOT_FOUND', `评价期 ${period} 尚未开启`);
    return found;
  }

  async view(period: string): Promise<PeriodViewDto> {
    return view(await this.get(period));
  }

  /** Opens a quarter that has begun, under the latest scheme or the one named. */
  async open(dto: OpenPeriodDto, now = new Date()): Promise<PeriodViewDto> {
    if (quarterBounds(dto.period).start > now) throw DomainError.rule('PERIOD_NOT_STARTED', `${dto.period} 尚未开始，不能开启评价`);
    const scheme = dto.schemeVersion ? await this.schemes.get(dto.schemeVersion) : await this.schemes.latest();
    const doc: Period = { _id: dto.period, schemeVersion: scheme.version, status: 'open', openedBy: dto.openedBy, openedAt: now, closedBy: null, closedAt: null };
    try {
      await this.model.create(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw DomainError.conflict('PERIOD_EXISTS', `评价期 ${dto.period} 已开启过`);
      throw err;
    }
    return view(doc);
  }

  /** The period, if submissions are still accepted in it. */
  async requireOpen(period: string): Promise<Period> {
    const found = await this.get(period);
    if (found.status !== 'open') throw DomainError.conflict('PERIOD_CLOSED', `评价期 ${period} ${PERIOD_STATUS_LABELS[found.status]}，不再接受提交`);
    return found;
  }

  /**
   * Starts closing: the quarter must be over and every earlier period closed
   * (cards and the exit rule read the earlier results). Idempotent for a
   * close that was interrupted.
   */
  async beginClose(period: string, now = new Date()): Promise<Period> {
    const found = await this.get(period);
    if (found.status === 'closed') throw DomainError.conflict('PERIOD_CLOSED', `评价期 ${period} 已关闭`);
    if (quarterBounds(period).end > now) throw DomainError.rule('PERIOD_NOT_ENDED', `${period} 尚未结束，季度结束后才能关闭（投诉指标需覆盖整个季度）`);
    const earlierOpen = await this.model.findOne({ _id: { $lt: period }, status: { $ne: 'closed' } }).lean<Period>();
    if (earlierOpen) throw DomainError.rule('EARLIER_PERIOD_OPEN', `请先关闭更早的评价期 ${earlierOpen._id}：黄牌、红牌与退出规则依赖其结果`);
    await this.model.updateOne({ _id: period, status: 'open' }, { $set: { status: 'closing' } });
    return { ...found, status: 'closing' };
  }

  async finishClose(period: string, by: string, now = new Date()): Promise<Period> {
    await this.model.updateOne({ _id: period }, { $set: { status: 'closed', closedBy: by, closedAt: now } });
    return this.get(period);
  }

  /** Closed periods before this one, oldest first. */
  async closedBefore(period: string): Promise<string[]> {
    const docs = await this.model.find({ _id: { $lt: period }, status: 'closed' }, { _id: 1 }).sort({ _id: 1 }).lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }
}

function view(p: Period): PeriodViewDto {
  return { period: p._id, schemeVersion: p.schemeVersion, status: p.status, statusLabel: PERIOD_STATUS_LABELS[p.status], openedBy: p.openedBy, openedAt: p.openedAt, closedBy: p.closedBy, closedAt: p.closedAt };
}
