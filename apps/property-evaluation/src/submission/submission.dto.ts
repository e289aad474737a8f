import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { COMMUNITY_ID, EVALUATION_PERIOD } from '@pipeline/contracts';
import { Actor, OptionalText } from '../common/text-fields';

const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export class IndicatorEntryDto {
  @ApiProperty({ description: '指标编号', example: 'SAN-01' })
  @Matches(CODE, { message: '指标编号格式有误' })
  code: string;

  @ApiPropertyOptional({ description: '得分（与 faults 二选一）', example: 4.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: '得分须为数字，最多两位小数' })
  score?: number;

  @ApiPropertyOptional({ description: '扣分项发现的问题数（按方案逐项扣分，与 score 二选一）', example: 2 })
  @IsOptional()
  @IsInt({ message: '问题数须为整数' })
  @Min(0, { message: '问题数不能为负' })
  @Max(1000, { message: '问题数不超过 1000' })
  faults?: number;

  @ApiPropertyOptional({ description: '说明', example: '3 号楼楼道堆放杂物' })
  @OptionalText('说明', 500)
  comment?: string;
}

export class SubmitScoresDto {
  @ApiProperty({ type: [IndicatorEntryDto], description: '本方逐项评分，须覆盖本方全部指标，每项一次' })
  @IsArray({ message: 'indicators 须为数组' })
  @ArrayMinSize(1, { message: '至少评一项' })
  @ArrayMaxSize(100, { message: '最多 100 项' })
  @ValidateNested({ each: true })
  @Type(() => IndicatorEntryDto)
  indicators: IndicatorEntryDto[];

  @ApiPropertyOptional({ description: '一票否决事项编号（仅街道与物业主管部门可报）', example: [] })
  @IsOptional()
  @IsArray({ message: 'vetoes 须为数组' })
  @ArrayMaxSize(20, { message: '最多 20 项' })
  @Matches(CODE, { each: true, message: '否决事项编号格式有误' })
  vetoes?: string[];

  @ApiPropertyOptional({ description: '总体意见' })
  @OptionalText('意见', 2000)
  comment?: string;

  @ApiProperty({ description: '提交人（单位与姓名）', example: '八大湖街道 李四' })
  @Actor('提交人')
  submittedBy: string;
}

/** The path of a submission, checked before any lookup. */
export class SubmissionParams {
  @Matches(EVALUATION_PERIOD, { message: 'period 须为季度，格式如 2025Q1' })
  period: string;

  @Matches(COMMUNITY_ID, { message: '小区编号格式如 CM001' })
  communityId: string;

  @Matches(CODE, { message: '评价方编号格式有误' })
  party: string;
}
