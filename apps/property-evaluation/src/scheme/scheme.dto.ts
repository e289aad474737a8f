import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type, type ClassConstructor } from 'class-transformer';
import {
  IsBoolean, IsIn, IsObject, Matches, ValidateBy, ValidateIf, ValidateNested, length,
} from 'class-validator';
import {
  INSTRUMENT_KINDS, type ComplaintIndicatorRules, type EvaluationScheme, type GradeBand, type Indicator, type InstrumentKind,
  type Party, type SurveyAnswer, type SurveyQuestion, type SurveyRules, type Veto, type CardRules, type ExitRule,
} from './scheme';

/**
 * The body of `POST /api/v1/evaluations/schemes`: a whole new scheme version.
 * These classes check each field on its own; rules across fields (unique
 * codes, weights summing to 100, grade order) are in scheme-validation.rules.ts.
 * Messages use class-validator's `$property`, so each names its own field.
 */

export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const NAME_MAX = 40;
export const TEXT_MAX = 500;
export const MAX_PARTIES = 12;
export const MAX_INDICATORS = 100;
export const MAX_QUESTIONS = 30;
export const MAX_GRADES = 10;
export const MAX_VETOES = 20;
/** Consecutive-period counts: 12 quarters is three years, longer says nothing about the service today. */
const MAX_CONSECUTIVE = 12;
/** Far above any community, so only a typo is refused. */
const MAX_MIN_ANSWERS = 10_000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

function Code(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ pattern: CODE_PATTERN.source }),
    Matches(CODE_PATTERN, { message: '$property 须以字母开头，由 1–32 位字母、数字、下划线或连字符组成' }),
  );
}

/*
 * One validator per kind of value, so a wrong type gives one message instead
 * of "须为数字" plus the range messages of Min and Max. Being our own, the
 * swagger plugin cannot read their bounds from them: each documents its own.
 */

/** Trimmed text; `min` 1 refuses blanks. */
function Text(min: number, max: number): PropertyDecorator {
  const message = min > 0 ? `$property 须为 ${min}–${max} 字的文字` : `$property 须为文字，不超过 ${max} 字`;
  return applyDecorators(
    ApiProperty({ minLength: min > 0 ? min : undefined, maxLength: max }),
    Transform(trim),
    ValidateBy({ name: 'isTextOfLength', validator: { validate: (v: unknown) => typeof v === 'string' && length(v, min, max), defaultMessage: () => message } }),
  );
}

function NumberIn(min: number, max: number): PropertyDecorator {
  const message = `$property 须为 ${min}–${max} 之间的数字`;
  return applyDecorators(
    ApiProperty({ minimum: min, maximum: max }),
    ValidateBy({ name: 'isNumberInRange', validator: { validate: (v: unknown) => inRange(v, min, max), defaultMessage: () => message } }),
  );
}

function IntegerIn(min: number, max: number): PropertyDecorator {
  const message = `$property 须为 ${min}–${max} 之间的整数`;
  return applyDecorators(
    ApiProperty({ minimum: min, maximum: max }),
    ValidateBy({ name: 'isIntegerInRange', validator: { validate: (v: unknown) => Number.isInteger(v) && inRange(v, min, max), defaultMessage: () => message } }),
  );
}

function inRange(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

function Flag(): PropertyDecorator {
  return IsBoolean({ message: '$property 须为布尔值' });
}

/*
 * A value of the wrong shape is dropped before validation: ValidateNested
 * would otherwise repeat the type message, or report a string's characters.
 */
const objectOrUndefined = ({ value }: { value: unknown }) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined);
const arrayOrUndefined = ({ value }: { value: unknown }) => (Array.isArray(value) ? value : undefined);

function NestedObject(cls: () => ClassConstructor<object>): PropertyDecorator {
  return applyDecorators(Transform(objectOrUndefined), Type(cls), IsObject({ message: '$property 须为对象' }), ValidateNested());
}

function NestedList(cls: () => ClassConstructor<object>, min: number, max: number): PropertyDecorator {
  const message = min > 0 ? `$property 须为数组，含 ${min}–${max} 项` : `$property 须为数组，至多 ${max} 项`;
  return applyDecorators(
    ApiProperty({ minItems: min, maxItems: max }),
    Transform(arrayOrUndefined),
    Type(cls),
    ValidateBy({ name: 'isListOfSize', validator: { validate: (v: unknown) => Array.isArray(v) && v.length >= min && v.length <= max, defaultMessage: () => message } }),
    ValidateNested({ each: true, message: '须为对象' }),
  );
}

export class IndicatorDto implements Indicator {
  @ApiProperty({ description: '指标编码，在参与方内唯一', example: 'SAN-01' })
  @Code()
  code: string;

  @ApiProperty({ description: '指标名称', example: '公共区域清扫保洁' })
  @Text(1, NAME_MAX)
  name: string;

  @ApiProperty({ description: '所属类别，如量化考核八大类之一', example: '环境卫生' })
  @Text(1, NAME_MAX)
  category: string;

  @ApiProperty({ description: '本项满分', example: 5 })
  @NumberIn(0, 100)
  maxScore: number;

  @ApiProperty({ description: '扣分制时每处问题扣分（扣完为止）；不按扣分计分时为 null', type: Number, nullable: true, example: 1 })
  @ValidateIf((o: IndicatorDto) => o.deductionPerFault !== null)
  @NumberIn(0, 100)
  deductionPerFault: number | null;

  @ApiProperty({ description: '检查要点，供填报人参考' })
  @Text(0, TEXT_MAX)
  guidance: string;
}

export class PartyDto implements Party {
  @ApiProperty({ description: '参与方编码，在方案内唯一', example: 'district_authority' })
  @Code()
  code: string;

  @ApiProperty({ description: '参与方名称', example: '区(市)物业主管部门' })
  @Text(1, NAME_MAX)
  name: string;

  @ApiProperty({ description: '得分来源：submission 由该方按指标填报，survey 为业主满意度问卷，complaints 由投诉数据计算', enum: INSTRUMENT_KINDS })
  @IsIn(INSTRUMENT_KINDS, { message: `$property 须为 ${INSTRUMENT_KINDS.join(' | ')} 之一` })
  instrument: InstrumentKind;

  @ApiProperty({ description: '评价工具名称', example: '物业服务量化考核（现场）' })
  @Text(1, NAME_MAX)
  instrumentName: string;

  @ApiProperty({ description: '权重（分），各参与方之和为 100', example: 20 })
  @NumberIn(0, 100)
  weight: number;

  @ApiProperty({ description: '评分指标；仅 submission 类参与方填写，其余为空数组', type: [IndicatorDto] })
  @NestedList(() => IndicatorDto, 0, MAX_INDICATORS)
  indicators: IndicatorDto[];

  @ApiProperty({ description: '该方可否报告一票否决事项' })
  @Flag()
  mayReportVeto: boolean;
}

export class SurveyQuestionDto implements SurveyQuestion {
  @ApiProperty({ description: '题目编码，在问卷内唯一', example: 'Q1' })
  @Code()
  code: string;

  @ApiProperty({ description: '题目', example: '您对小区公共区域的清扫保洁是否满意？' })
  @Text(1, TEXT_MAX)
  text: string;
}

export class AnswerScoresDto implements Record<SurveyAnswer, number> {
  @ApiProperty({ description: '“满意”的得分', example: 100 })
  @NumberIn(0, 100)
  satisfied: number;

  @ApiProperty({ description: '“基本满意”的得分', example: 70 })
  @NumberIn(0, 100)
  basically_satisfied: number;

  @ApiProperty({ description: '“不满意”的得分', example: 0 })
  @NumberIn(0, 100)
  dissatisfied: number;
}

export class SurveyRulesDto implements SurveyRules {
  @ApiProperty({ description: '问卷题目', type: [SurveyQuestionDto] })
  @NestedList(() => SurveyQuestionDto, 0, MAX_QUESTIONS)
  questions: SurveyQuestionDto[];

  @ApiProperty({ description: '各选项得分', type: AnswerScoresDto })
  @NestedObject(() => AnswerScoresDto)
  answerScores: AnswerScoresDto;

  @ApiProperty({ description: '有效问卷最少份数', example: 30 })
  @IntegerIn(1, MAX_MIN_ANSWERS)
  minAnswers: number;

  @ApiProperty({ description: '有效问卷最少占小区户数的比例（0–1）', example: 0.1 })
  @NumberIn(0, 1)
  minShareOfHouseholds: number;
}

export class CallbackScoresDto implements Readonly<ComplaintIndicatorRules['callbackScores']> {
  @ApiProperty({ description: '回访“满意”的得分', example: 100 })
  @NumberIn(0, 100)
  satisfied: number;

  @ApiProperty({ description: '回访“基本满意”的得分', example: 70 })
  @NumberIn(0, 100)
  basically_satisfied: number;

  @ApiProperty({ description: '回访“不满意”的得分', example: 0 })
  @NumberIn(0, 100)
  unsatisfied: number;
}

export class BlendDto implements Readonly<ComplaintIndicatorRules['blend']> {
  @ApiProperty({ description: '投诉量得分所占比重（0–1）', example: 0.6 })
  @NumberIn(0, 1)
  volume: number;

  @ApiProperty({ description: '回访满意度所占比重（0–1）', example: 0.25 })
  @NumberIn(0, 1)
  satisfaction: number;

  @ApiProperty({ description: '按时办结率所占比重（0–1）', example: 0.15 })
  @NumberIn(0, 1)
  resolution: number;
}

export class ComplaintIndicatorRulesDto implements ComplaintIndicatorRules {
  @ApiProperty({ description: '每百户物业服务类投诉每件扣分', example: 10 })
  @NumberIn(0, 100)
  perHundredPenalty: number;

  @ApiProperty({ description: '重复投诉率每 1% 扣分', example: 0.5 })
  @NumberIn(0, 100)
  repeatRatePenalty: number;

  @ApiProperty({ description: '每件诉转案扣分', example: 2 })
  @NumberIn(0, 100)
  casePenalty: number;

  @ApiProperty({ description: '自受理起在此天数内办结视为按时办结', example: 15 })
  @IntegerIn(1, 365)
  resolutionTargetDays: number;

  @ApiProperty({ description: '12345 回访满意度各档得分', type: CallbackScoresDto })
  @NestedObject(() => CallbackScoresDto)
  callbackScores: CallbackScoresDto;

  @ApiProperty({ description: '投诉量、回访满意度、按时办结三部分的比重', type: BlendDto })
  @NestedObject(() => BlendDto)
  blend: BlendDto;
}

export class GradeBandDto implements GradeBand {
  @ApiProperty({ description: '等级编码', example: 'excellent' })
  @Code()
  code: string;

  @ApiProperty({ description: '等级名称', example: '优秀' })
  @Text(1, NAME_MAX)
  name: string;

  @ApiProperty({ description: '本等级最低分；最低一档为 0', example: 90 })
  @NumberIn(0, 100)
  minScore: number;
}

export class VetoDto implements Veto {
  @ApiProperty({ description: '一票否决事项编码', example: 'serious_accident' })
  @Code()
  code: string;

  @ApiProperty({ description: '一票否决事项名称', example: '发生重大安全责任事故' })
  @Text(1, NAME_MAX)
  name: string;
}

export class CardRulesDto implements CardRules {
  @ApiProperty({ description: '得分低于此值给予黄牌', example: 70 })
  @NumberIn(0, 100)
  yellowBelowScore: number;

  @ApiProperty({ description: '触发一票否决时无论得分均给予黄牌' })
  @Flag()
  yellowOnVeto: boolean;

  @ApiProperty({ description: '连续若干期（含本期）被给予黄牌时给予红牌', example: 3 })
  @IntegerIn(1, MAX_CONSECUTIVE)
  redAfterConsecutiveYellows: number;

  @ApiProperty({ description: '且本期每百户物业服务类投诉不少于此值', example: 3 })
  @NumberIn(0, 100)
  redMinComplaintsPerHundred: number;
}

export class ExitRuleDto implements ExitRule {
  @ApiProperty({ description: '退出重点攻坚名单须达到的最低得分', example: 80 })
  @NumberIn(0, 100)
  minScore: number;

  @ApiProperty({ description: '每百户物业服务类投诉不超过此值', example: 2 })
  @NumberIn(0, 100)
  maxComplaintsPerHundred: number;

  @ApiProperty({ description: '须连续满足条件的期数', example: 2 })
  @IntegerIn(1, MAX_CONSECUTIVE)
  consecutivePeriods: number;
}

/** A new scheme version; the service assigns `version`, so sending it is refused. */
export class SchemeDto implements Omit<EvaluationScheme, 'version'> {
  @ApiProperty({ description: '方案名称', example: '物业服务质量六方评价（建议方案）' })
  @Text(1, NAME_MAX)
  name: string;

  @ApiProperty({ description: '方案说明' })
  @Text(0, TEXT_MAX)
  description: string;

  @ApiProperty({ description: '参与评价的各方', type: [PartyDto] })
  @NestedList(() => PartyDto, 1, MAX_PARTIES)
  parties: PartyDto[];

  @ApiProperty({ description: '有得分的各方权重合计至少占总权重的百分比，否则结果为“无法评定”，不参加排名', example: 60 })
  @NumberIn(0, 100)
  minPresentWeight: number;

  @ApiProperty({ description: '业主满意度问卷规则', type: SurveyRulesDto })
  @NestedObject(() => SurveyRulesDto)
  survey: SurveyRulesDto;

  @ApiProperty({ description: '投诉指标计分规则', type: ComplaintIndicatorRulesDto })
  @NestedObject(() => ComplaintIndicatorRulesDto)
  complaintIndicator: ComplaintIndicatorRulesDto;

  @ApiProperty({ description: '等级，按最低分从高到低排列', type: [GradeBandDto] })
  @NestedList(() => GradeBandDto, 1, MAX_GRADES)
  grades: GradeBandDto[];

  @ApiProperty({ description: '一票否决事项', type: [VetoDto] })
  @NestedList(() => VetoDto, 0, MAX_VETOES)
  vetoes: VetoDto[];

  @ApiProperty({ description: '黄牌、红牌规则', type: CardRulesDto })
  @NestedObject(() => CardRulesDto)
  cards: CardRulesDto;

  @ApiProperty({ description: '退出重点攻坚名单的条件', type: ExitRuleDto })
  @NestedObject(() => ExitRuleDto)
  exit: ExitRuleDto;
}

// ---------------------------------------------------------------------------
// Answers

/** A stored scheme: what was submitted, with the version the service gave it. */
export class EvaluationSchemeDto extends SchemeDto {
  version!: number;
}

export class SchemeVersionDto {
  version!: number;
  scheme!: EvaluationSchemeDto;
  createdBy!: string;
  createdAt!: Date;
}

export class SchemeSummaryDto {
  version!: number;
  name!: string;
  createdBy!: string;
  createdAt!: Date;
}
