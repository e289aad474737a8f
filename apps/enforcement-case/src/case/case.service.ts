import { Injectable } from '@nestjs/common';
import { DomainError } from '@pipeline/http';
import { CaseRepository, type CaseRecord } from './case.repository';
import type { ListCasesQuery } from './dto/list-cases.query';

@Injectable()
export class CaseService {
  constructor(private readonly cases: CaseRepository) {}

  async list(query: ListCasesQuery): Promise<{ items: CaseRecord[] }> {
    return { items: await this.cases.list(query, query.limit ?? 50) };
  }

  async get(id: string): Promise<CaseRecord> {
    const found = await this.cases.findById(id);
    if (!found) throw DomainError.notFound('CASE_NOT_FOUND', `案件 ${id} 不存在`);
    return found;
  }
}
