import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { isLocalDate, localDaysBetween } from '@pipeline/calendar';
import { GROUP_BYS, NUMERATORS, SCOPES, UNITS, parseCutoff, type GroupBy, type Numerator, type Scope, type Unit } from '../metrics.rules';

export const MAX_PERIOD_DAYS = 366;
export const FORMATS = ['json', 'csv'] as const;

@ValidatorConstraint({ name: 'isLocalDate' })
class IsLocalDate implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return isLocalDate(value);
  }
  defaultMessage(args: ValidationArguments) {
    return `${args.property} 须为存在的日期，格式 YYYY-MM-DD（北京时间）`;
  }
}

/** Checked on `to` once both ends are valid dates; a missing end is filled in within one month. */
@ValidatorConstraint({ name: 'isPeriod' })
class IsPeriod implements ValidatorConstraintInterface {
  private problem(args: ValidationArguments): string | null {
    const from = (args.object as ComplaintToCaseQuery).from;
    const to: unknown = args.value;
    if (!isLocalDate(from) || !isLocalDate(to)) return null;
    const days = localDaysBetween(from, to) + 1;
    if (days < 1) return 'to 不得早于 from';
    if (days > MAX_PERIOD_DAYS) return `统计期最长 ${MAX_PERIOD_DAYS} 天`;
    return null;
  }
  validate(_value: unknown, args: ValidationArguments) {
    return this.problem(args) === null;
  }
  defaultMessage(args: ValidationArguments) {
    return this.problem(args) ?? '';
  }
}

@ValidatorConstraint({ name: 'isCutoff' })
class IsCutoff implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return parseCutoff(value) !== undefined;
  }
  defaultMessage() {
    return 'cutoff 须为带时区的时刻（如 2024-04-30T18:00:00+08:00）或日期 YYYY-MM-DD（计至当日 24 时，北京时间）';
  }
}

export class ComplaintToCaseQuery {
  @ApiPropertyOptional({ example: '2024-03-01', description: '受理日期起（含，北京时间）；默认本月 1 日，或 to 所在月的 1 日' })
  @IsOptional()
  @Validate(IsLocalDate)
  from?: string;

  @ApiPropertyOptional({ example: '2024-03-31', description: `受理日期止（含）；默认 from 所在月（或本月）的最后一天；统计期最长 ${MAX_PERIOD_DAYS} 天` })
  @IsOptional()
  @Validate(IsLocalDate)
  @Validate(IsPeriod)
  to?: string;

  @ApiPropertyOptional({ example: '2024-04-25T23:59:59+08:00', description: '立案计至该时刻（日期则计至当日 24 时）；默认当前时刻' })
  @IsOptional()
  @Validate(IsCutoff)
  cutoff?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'hotspotArea', description: '分组：热点区域、区（市）、社区、分类或 ISO 周' })
  @IsOptional()
  @IsIn(GROUP_BYS, { message: `groupBy 须为 ${GROUP_BYS.join(' | ')} 之一` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({ enum: UNITS, default: 'issue', description: 'issue：事件（重复件合并）；order：工单（逐件）' })
  @IsOptional()
  @IsIn(UNITS, { message: `unit 须为 ${UNITS.join(' | ')} 之一` })
  unit?: Unit;

  @ApiPropertyOptional({ enum: SCOPES, default: 'hotspot', description: 'hotspot：仅 30 个热点区域内；all：全市' })
  @IsOptional()
  @IsIn(SCOPES, { message: `scope 须为 ${SCOPES.join(' | ')} 之一` })
  scope?: Scope;

  @ApiPropertyOptional({ enum: NUMERATORS, default: 'filed', description: 'filed：已立案且未撤销（默认口径）；opened：已转为案件（含线索，旧口径）' })
  @IsOptional()
  @IsIn(NUMERATORS, { message: `numerator 须为 ${NUMERATORS.join(' | ')} 之一` })
  numerator?: Numerator;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FORMATS, { message: `format 须为 ${FORMATS.join(' | ')} 之一` })
  format?: (typeof FORMATS)[number];
}
