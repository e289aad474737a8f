import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainError } from '@pipeline/contracts';
import { OutboxRelay, isDuplicateKeyError, type OutboxModel } from '@pipeline/mongo';
import { referenceData } from '@pipeline/reference-data';
import type { CommunityFilterDto, CreatePropertyCompanyDto, RenamePropertyCompanyDto, UpdateCommunityDto } from './dto/registry.dto';
import { CommunityEntry, PropertyCompanyEntry, type RegistryChange } from './registry.schema';

export type Community = CommunityEntry;
export type PropertyCompany = PropertyCompanyEntry;

const EDITABLE_COMMUNITY_FIELDS = ['name', 'households', 'propertyCompanyId', 'onFocusList'] as const;

/**
 * The communities under evaluation and their property companies. The areas
 * file seeds them once; afterwards the authority edits them here, so the
 * evaluation never reads households or companies from code or files.
 */
@Injectable()
export class RegistryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RegistryService.name);
  /** Edits go through the relay for its per-document lock (these documents carry no outbox). */
  private readonly communityEdits: OutboxModel<CommunityEntry>;
  private readonly companyEdits: OutboxModel<PropertyCompanyEntry>;

  constructor(
    @InjectModel(CommunityEntry.name) private readonly communities: Model<CommunityEntry>,
    @InjectModel(PropertyCompanyEntry.name) private readonly companies: Model<PropertyCompanyEntry>,
    relay: OutboxRelay,
  ) {
    this.communityEdits = relay.for(communities);
    this.companyEdits = relay.for(companies);
  }

  /** Adds what the areas file has and the store lacks; never overwrites an edit. */
  async onApplicationBootstrap(): Promise<void> {
    const ref = referenceData();
    const source = `areas.geojson ${ref.version}`;
    const added =
      (await this.insertMissing(this.companies, ref.propertyCompanies.map((c) => ({ _id: c.id, name: c.name, revision: 1, changes: [], source })))) +
      (await this.insertMissing(
        this.communities,
        ref.communities.map((c) => ({
          _id: c.id, name: c.name, district: c.district, subdistrict: c.subdistrict, households: c.households, builtYear: c.builtYear ?? null,
          propertyCompanyId: c.propertyCompany.id, hotspotAreaId: c.hotspotAreaId, onFocusList: true, leftFocusListIn: null,
          revision: 1, changes: [], source,
        })),
      ));
    if (added) this.logger.log(`已从 ${source} 载入小区与物业企业 ${added} 条`);
  }

  private async insertMissing<T extends { _id: string }>(model: Model<T>, docs: T[]): Promise<number> {
    const existing = new Set((await model.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id));
    let added = 0;
    for (const doc of docs.filter((d) => !existing.has(d._id))) {
      try {
        await model.create(doc);
        added++;
      } catch (err) {
        // another instance seeded it at the same moment
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    return added;
  }

  /** In id order. */
  listCommunities(filter: CommunityFilterDto = {}): Promise<Community[]> {
    const query: Record<string, unknown> = {};
    if (filter.district) query.district = filter.district;
    if (filter.propertyCompanyId) query.propertyCompanyId = filter.propertyCompanyId;
    if (filter.onFocusList) query.onFocusList = filter.onFocusList === 'true';
    return this.communities.find(query).sort({ _id: 1 }).lean<Community[]>();
  }

  async community(id: string): Promise<Community> {
    const found = await this.communities.findById(id).lean<Community>();
    if (!found) throw DomainError.notFound('COMMUNITY_NOT_FOUND', `小区 ${id} 不在评价名单中`);
    return found;
  }

  listCompanies(): Promise<PropertyCompany[]> {
    return this.companies.find().sort({ _id: 1 }).lean<PropertyCompany[]>();
  }

  async company(id: string): Promise<PropertyCompany> {
    const found = await this.companies.findById(id).lean<PropertyCompany>();
    if (!found) throw DomainError.notFound('PROPERTY_COMPANY_NOT_FOUND', `物业企业 ${id} 未登记`);
    return found;
  }

  async updateCommunity(id: string, dto: UpdateCommunityDto): Promise<Community> {
    await this.community(id);
    if (dto.propertyCompanyId) await this.company(dto.propertyCompanyId);
    const result = await this.communityEdits.updateOne(id, (current) => {
      const fields: RegistryChange['fields'] = {};
      for (const key of EDITABLE_COMMUNITY_FIELDS) {
        if (dto[key] !== undefined && dto[key] !== current[key]) fields[key] = { from: current[key], to: dto[key] };
      }
      if (!Object.keys(fields).length) return null;
      const set: Partial<Community> = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.to]));
      if (fields.onFocusList?.to === true) set.leftFocusListIn = null;
      return { set: { ...set, ...this.nextRevision(current, fields, dto) } };
    });
    if (!result?.changed) throw DomainError.conflict('NOTHING_TO_CHANGE', '提交的内容与当前登记一致，没有变更');
    return result.after;
  }

  async addCompany(dto: CreatePropertyCompanyDto): Promise<PropertyCompany> {
    const doc: PropertyCompany = { _id: dto.id, name: dto.name, revision: 1, changes: [], source: `${dto.changedBy}：${dto.reason}` };
    try {
      await this.companies.create(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw DomainError.conflict('PROPERTY_COMPANY_EXISTS', `物业企业 ${dto.id} 已登记`);
      throw err;
    }
    return doc;
  }

  async renameCompany(id: string, dto: RenamePropertyCompanyDto): Promise<PropertyCompany> {
    await this.company(id);
    const result = await this.companyEdits.updateOne(id, (current) =>
      current.name === dto.name ? null : { set: { name: dto.name, ...this.nextRevision(current, { name: { from: current.name, to: dto.name } }, dto) } },
    );
    if (!result?.changed) throw DomainError.conflict('NOTHING_TO_CHANGE', '提交的内容与当前登记一致，没有变更');
    return result.after;
  }

  /** Takes a community off the focus list because of a period's result (the exit rule). */
  async leaveFocusList(id: string, period: string): Promise<void> {
    await this.communityEdits.updateOne(id, (current) =>
      !current.onFocusList
        ? null
        : {
            set: {
              onFocusList: false,
              leftFocusListIn: period,
              ...this.nextRevision(current, { onFocusList: { from: true, to: false } }, { changedBy: '系统', reason: `${period} 评价结果满足退出规则` }),
            },
          },
    );
  }

  private nextRevision(current: { revision: number; changes: RegistryChange[] }, fields: RegistryChange['fields'], note: { changedBy: string; reason: string }) {
    const revision = current.revision + 1;
    return { revision, changes: [...current.changes, { revision, at: new Date(), by: note.changedBy, reason: note.reason, fields }] };
  }
}
