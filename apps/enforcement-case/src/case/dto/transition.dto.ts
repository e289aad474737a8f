import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { NO_PENALTY_GROUNDS, PARTY_TYPES, type NoPenaltyGround, type PartyResponse, type PartyType, type ServiceMethod, type ExecutionResult } from '../procedure/case-decisions';
import { CASE_ACTIONS, type CaseAction } from '../procedure/case-transitions';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const PARTY_RESPONSES: PartyResponse[] = ['waived', 'no_response'];
const SERVICE_METHODS: ServiceMethod[] = ['direct', 'left_at_residence', 'entrusted', 'mail', 'electronic', 'public_notice'];
const EXECUTION_RESULTS: ExecutionResult[] = ['paid', 'paid_on_spot', 'warning_only', 'rectified', 'demolished', 'court_enforced', 'forced_demolition', 'execution_terminated'];
const GROUNDS = Object.keys(NO_PENALTY_GROUNDS) as NoPenaltyGround[];

export class OfficerDto {
  @ApiProperty() @IsString({ message: 'id 须为字符串' }) @Length(1, 100, { message: 'id 长度须在 1–100 字之间' })
  id: string;

  @ApiProperty({ description: '执法证号' }) @IsString({ message: 'certificateNo 须为字符串' }) @Length(1, 50, { message: 'certificateNo 长度须在 1–50 字之间' })
  certificateNo: string;

  @ApiPropertyOptional() @IsOptional() @IsString({ message: 'name 须为字符串' }) @Length(1, 50, { message: 'name 长度须在 1–50 字之间' })
  name?: string;
}

export class DocumentRefDto {
  @ApiProperty({ example: '立案审批表' }) @IsString({ message: 'kind 须为字符串' }) @Length(1, 50, { message: 'kind 长度须在 1–50 字之间' })
  kind: string;

  @ApiProperty({ example: '青城执立〔2024〕123号' }) @IsString({ message: 'ref 须为字符串' }) @Length(1, 200, { message: 'ref 长度须在 1–200 字之间' })
  ref: string;
}

export class PenaltyDto {
  @ApiProperty({ description: '法律依据' }) @Transform(trim) @IsString({ message: 'legalBasis 须为字符串' }) @Length(2, 500, { message: 'legalBasis 长度须在 2–500 字之间' })
  legalBasis: string;

  @ApiPropertyOptional({ description: '罚款金额，单位：分' }) @IsOptional() @IsInt({ message: 'fineFen 须为整数（单位：分）' }) @Min(0, { message: 'fineFen 不能为负' }) @Max(10_000_000_000, { message: 'fineFen 过大' })
  fineFen?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'warning 须为布尔值' })
  warning?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString({ message: 'confiscation 须为字符串' }) @Length(1, 500, { message: 'confiscation 长度须在 1–500 字之间' })
  confiscation?: string;
}

export class NoPenaltyDto {
  @ApiProperty({ enum: GROUNDS }) @IsIn(GROUNDS, { message: `ground 须为 ${GROUNDS.join(' | ')} 之一` })
  ground: NoPenaltyGround;

  @ApiProperty() @Transform(trim) @IsString({ message: 'explanation 须为字符串' }) @Length(2, 1000, { message: 'explanation 长度须在 2–1000 字之间' })
  explanation: string;
}

/** One step of the procedure, as an officer records it. */
export class TransitionDto {
  @ApiProperty({ enum: CASE_ACTIONS }) @IsIn(CASE_ACTIONS, { message: 'action 不是已知的办案环节' })
  action: CaseAction;

  @ApiProperty({ description: '办理人（用户标识）' }) @Transform(trim) @IsString({ message: 'actor 须为字符串' }) @Length(1, 100, { message: 'actor 长度须在 1–100 字之间' })
  actor: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString({ message: 'reason 须为字符串' }) @Length(2, 1000, { message: 'reason 长度须在 2–1000 字之间' })
  reason?: string;

  @ApiPropertyOptional({ type: [OfficerDto] }) @IsOptional() @IsArray({ message: 'officers 须为数组' }) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => OfficerDto)
  officers?: OfficerDto[];

  @ApiPropertyOptional({ type: [DocumentRefDto] }) @IsOptional() @IsArray({ message: 'documents 须为数组' }) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];

  @ApiPropertyOptional({ type: PenaltyDto }) @IsOptional() @ValidateNested() @Type(() => PenaltyDto)
  penalty?: PenaltyDto;

  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'hearingRight 须为布尔值' })
  hearingRight?: boolean;

  @ApiPropertyOptional({ description: '陈述申辩期限（工作日）' }) @IsOptional() @IsInt({ message: 'statementDays 须为整数' }) @Min(3, { message: 'statementDays 至少 3 个工作日' }) @Max(30, { message: 'statementDays 至多 30 个工作日' })
  statementDays?: number;

  @ApiPropertyOptional({ type: NoPenaltyDto }) @IsOptional() @ValidateNested() @Type(() => NoPenaltyDto)
  noPenalty?: NoPenaltyDto;

  @ApiPropertyOptional({ enum: PARTY_TYPES }) @IsOptional() @IsIn(PARTY_TYPES, { message: 'partyType 须为 citizen 或 organisation' })
  partyType?: PartyType;

  @ApiPropertyOptional({ enum: PARTY_RESPONSES }) @IsOptional() @IsIn(PARTY_RESPONSES, { message: 'partyResponse 须为 waived 或 no_response' })
  partyResponse?: PartyResponse;

  @ApiPropertyOptional({ enum: EXECUTION_RESULTS }) @IsOptional() @IsIn(EXECUTION_RESULTS, { message: 'executionResult 不是已知的执行结果' })
  executionResult?: ExecutionResult;

  @ApiPropertyOptional({ enum: SERVICE_METHODS }) @IsOptional() @IsIn(SERVICE_METHODS, { message: 'serviceMethod 不是已知的送达方式' })
  serviceMethod?: ServiceMethod;
}
